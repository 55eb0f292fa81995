import Foundation
import XCTest

/// `clap generate` and `clap envelope grant --all`, run as the benchmark runs them.
final class GenerateCLITests: XCTestCase {
    func testAGeneratedHistoryIsRepeatableAndLoadsThroughTheCommands() throws {
        let cli = try CLI(today: "2024-12-20")
        defer { try? FileManager.default.removeItem(at: cli.folder) }
        let generated = try cli.ok(["generate", "--teams", "4", "--years", "1", "--seed", "3", "--out", "histoire"])
        XCTAssertTrue(generated.stdout.contains("Historique écrit dans histoire : 4 équipes"), generated.stdout)
        try cli.ok(["generate", "--teams", "4", "--years", "1", "--seed", "3", "--out", "encore"])
        for name in ["equipes.csv", "professionnels.csv", "membres.csv", "actions-2025-06.csv", "bareme.toml"] {
            XCTAssertEqual(try Data(contentsOf: cli.folder.appendingPathComponent("histoire/" + name)),
                           try Data(contentsOf: cli.folder.appendingPathComponent("encore/" + name)), name)
        }
        XCTAssertEqual(try cli.run(["generate", "--teams", "0", "--years", "1", "--seed", "3", "--out", "x"]).status, 2,
                       "a usage error exits with 2")

        try cli.initialize()
        try cli.ok(["tariff", "import", "histoire/bareme.toml"])
        try cli.ok(["team", "import", "histoire/equipes.csv"])
        try cli.ok(["professional", "import", "histoire/professionnels.csv"])
        try cli.ok(["member", "import", "histoire/membres.csv"])
        var grant = cli
        grant.environment["CLAP_TODAY"] = "2025-01-15"
        let granted = try grant.ok(["envelope", "grant", "--all", "--year", "2025", "--date", "15/01/2025"])
        XCTAssertTrue(granted.stdout.hasPrefix("Dotations 2025 : "), granted.stdout)
        let again = try grant.ok(["envelope", "grant", "--all", "--year", "2025", "--date", "15/01/2025"])
        XCTAssertTrue(again.stdout.contains("0 équipe(s) dotée(s) pour 0,00"), again.stdout)
        XCTAssertNotEqual(try grant.run(["envelope", "grant", "--all", "--team", "T044-001", "--year", "2025", "--date", "15/01/2025"]).status, 0)

        var importer = cli
        importer.environment["CLAP_TODAY"] = "2025-02-02"
        let imported = try importer.ok(["actions", "import", "histoire/actions-2025-01.csv"])
        XCTAssertTrue(imported.stdout.contains("action(s) payée(s)"), imported.stdout)
        try importer.ok(["verify"])
    }
}

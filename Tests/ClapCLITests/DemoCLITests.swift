import ClapReports
import Foundation
import LedgerCore
import XCTest

/// `clap demo` as a newcomer runs it: the whole year, its closing and every file a user receives.
final class DemoCLITests: XCTestCase {
    func testTheDemoClosesTheYearAndWritesEveryOutputTheUsersReceive() throws {
        let cli = try CLI()
        let result = try cli.ok(["demo"])
        let out = cli.folder.appendingPathComponent("clap-demo")
        XCTAssertTrue(result.stdout.contains("Clôture : exercice 2025 clôturé au 31/12/2025"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Vérification : OK"), result.stdout)

        func files(_ folder: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent(folder).path).sorted()
        }
        XCTAssertEqual(try files("virements").filter { $0.hasSuffix(".xml") }.count, 12, "one SEPA file per month")
        XCTAssertEqual(try files("comptabilite"), ["882413578FEC20251231.txt", "clap.beancount", "clap.hledger",
                                                   "grand-livre-401100-2025.csv", "journal-2025.csv"])
        XCTAssertEqual(try files("rapports"), ["das2-2025.csv", "rapport-ars-2025.csv", "rapport-ars-2025.html"])
        let statements = try files("releves")
        XCTAssertGreaterThan(statements.count, 30)
        XCTAssertTrue(statements.allSatisfy { $0.hasPrefix("releve-") && $0.hasSuffix("-2025.html") }, "\(statements)")

        // The FEC the demo hands the auditor meets every rule.
        let fec = try Data(contentsOf: out.appendingPathComponent("comptabilite/882413578FEC20251231.txt"))
        XCTAssertEqual(FecChecker.check(data: fec, thirdPartyAccounts: ["401100", "441100", "441900"], fiscalYear: 2025).map(\.message), [])

        // Every file is in the export register, and the database agrees with the printed verification.
        let register = try cli.ok(["export", "list", "--json", "--db", out.appendingPathComponent("clap.sqlite").path]).stdout
        for kind in ["fec", "journal", "hledger", "beancount", "grand-livre", "releve", "rapport-ars", "das2"] {
            XCTAssertTrue(register.contains("\"\(kind)\""), "export register has \(kind)")
        }
        try cli.ok(["verify", "--db", out.appendingPathComponent("clap.sqlite").path])
    }

    func testTheDemoIsDeterministicItsClockIsScripted() throws {
        let cli = try CLI()
        var fingerprints: [String] = []
        for run in 1...2 {
            let db = cli.folder.appendingPathComponent("run\(run)/clap.sqlite")
            try FileManager.default.createDirectory(at: db.deletingLastPathComponent(), withIntermediateDirectories: true)
            try cli.ok(["demo", "--db", db.path])
            let outputs = db.deletingLastPathComponent().appendingPathComponent("clap-demo-sorties")
            let fec = try Data(contentsOf: outputs.appendingPathComponent("comptabilite/882413578FEC20251231.txt"))
            let sepa = try Data(contentsOf: outputs.appendingPathComponent("virements/VIR-2025-06.xml"))
            let anchor = try cli.ok(["verify", "--anchor", "--db", db.path]).stdout
            fingerprints.append([CanonicalHash.sha256Hex(fec), CanonicalHash.sha256Hex(sepa), anchor].joined(separator: "\n"))
        }
        XCTAssertEqual(fingerprints[0], fingerprints[1], "same fixtures, same calendar: same FEC, same SEPA file, same chain head")
    }
}

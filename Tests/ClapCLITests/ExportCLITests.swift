import ClapReports
import Foundation
import LedgerCore
import XCTest

final class ExportCLITests: XCTestCase {
    func testTheDemoYearFecMeetsEveryRuleAndItsFingerprintIsRecorded() throws {
        let cli = try CLI()
        let db = cli.folder.appendingPathComponent("demo.sqlite").path
        try cli.ok(["demo", "--db", db])
        let out = cli.folder.appendingPathComponent("exports").path
        let result = try cli.ok(["export", "fec", "--year", "2025", "--out", out, "--db", db])
        let file = URL(fileURLWithPath: out).appendingPathComponent("882413578FEC20251231.txt")
        let data = try Data(contentsOf: file)
        XCTAssertFalse(data.starts(with: [0xEF, 0xBB, 0xBF]), "no BOM in a FEC")
        let findings = FecChecker.check(data: data, thirdPartyAccounts: ["401100", "441100", "441900"], fiscalYear: 2025)
        XCTAssertEqual(findings.map { "\($0.line): \($0.code) \($0.message)" }, [])
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\r\n")
        XCTAssertGreaterThan(lines.count, 1000, "the demo year has more than a thousand posting lines")
        let sha = CanonicalHash.sha256Hex(data)
        XCTAssertTrue(result.stdout.contains(sha), result.stdout)
        let list = try cli.ok(["export", "list", "--json", "--db", db])
        XCTAssertTrue(list.stdout.contains(sha), list.stdout)
        try cli.ok(["verify", "--db", db])
    }

    func testTheJournalCsvHasEveryFecColumnPlusAnalyticAndAFormulaNameIsInert() throws {
        let s = try ActionsScenario()
        try s.cli.ok(["professional", "add", "--rpps", s.doctor, "--last-name", "=HYPERLINK(\"http://x\")", "--first-name", "@SUM(A1)",
                      "--profession", "medecin_generaliste", "--iban", TestIDs.iban(1), "--convention-date", "01/01/2024"])
        try s.cli.ok(["actions", "import", try s.actionsFile("a.csv", [s.rcp("A1", on: "10/03/2025", minutes: 60)])])
        let path = s.cli.folder.appendingPathComponent("journal.csv").path
        try s.cli.ok(["export", "journal", "--out", path])
        var text = try String(contentsOfFile: path, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let rows = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(rows.first, (FecFormat.columns + ["Analytique"]).joined(separator: ";"))
        XCTAssertTrue(rows.contains { $0.hasSuffix(";T044-001/2025") }, "the analytic column is filled")
        XCTAssertTrue(text.contains("'@SUM(A1)"), text)
        for row in rows {
            for cell in row.split(separator: ";", omittingEmptySubsequences: false) {
                let value = cell.hasPrefix("\"") ? cell.dropFirst() : cell
                XCTAssertFalse(value.hasPrefix("=") || value.hasPrefix("@") || value.hasPrefix("+"), "live formula in: \(row)")
            }
        }
    }
}

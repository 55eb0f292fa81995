import Foundation
import XCTest

/// `clap statement`, `clap report ars` and `clap report das2` run as a treasurer would, on the demo year.
final class ReportCLITests: XCTestCase {
    /// A CLI whose database is the demo year.
    func demo() throws -> (cli: CLI, db: String) {
        let cli = try CLI(today: "2026-01-20")
        let db = cli.folder.appendingPathComponent("demo.sqlite").path
        try cli.ok(["demo", "--db", db])
        return (cli, db)
    }

    func json(_ result: CLIResult) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], result.stdout)
    }

    func testDas2PrintsTheTableWritesTheCsvAndItsJsonTotalIsItsLines() throws {
        let (cli, db) = try demo()
        let out = cli.folder.appendingPathComponent("das2-2025.csv").path
        let result = try cli.ok(["report", "das2", "--year", "2025", "--out", out, "--db", db])
        XCTAssertTrue(result.stdout.contains("professionnel(s) à déclarer sur"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Écrit : \(out)"), result.stdout)
        let csv = String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self)
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}RPPS;Nom;Profession;Virements;Rejets;Honoraires versés;À déclarer\r\n"), csv)
        let summary = try json(try cli.ok(["report", "das2", "--year", "2025", "--json", "--db", db]))
        let lines = try XCTUnwrap(summary["lignes"] as? [[String: Any]])
        XCTAssertFalse(lines.isEmpty)
        XCTAssertEqual(summary["totalCentimes"] as? Int, lines.compactMap { $0["honorairesCentimes"] as? Int }.reduce(0, +))
        XCTAssertTrue(try cli.ok(["export", "list", "--db", db]).stdout.contains("das2"))
    }

    func testStatementForOneProfessionalAndForEveryoneWithOneFileEach() throws {
        let (cli, db) = try demo()
        let das2 = try json(try cli.ok(["report", "das2", "--year", "2025", "--json", "--db", db]))
        let paid = try XCTUnwrap(das2["lignes"] as? [[String: Any]]).compactMap { $0["rpps"] as? String }
        let rpps = try XCTUnwrap(paid.first)

        let text = try cli.ok(["statement", "--rpps", rpps, "--year", "2025", "--db", db])
        XCTAssertTrue(text.stdout.hasPrefix("Relevé d'indemnités — année 2025 (du 01/01/2025 au 31/12/2025)"), text.stdout)
        XCTAssertTrue(text.stdout.contains("Solde restant dû au 31/12/2025"), text.stdout)
        let month = try cli.ok(["statement", "--rpps", rpps, "--year", "2025", "--month", "3", "--format", "csv", "--db", db])
        XCTAssertTrue(month.stdout.hasPrefix("\u{FEFF}RPPS;Nom;Date;Nature;"), month.stdout)
        XCTAssertTrue(month.stdout.contains(";31/03/2025;Solde restant dû;"), month.stdout)
        let file = cli.folder.appendingPathComponent("releve.html").path
        let written = try cli.ok(["statement", "--rpps", rpps, "--year", "2025", "--format", "html", "--out", file, "--db", db])
        XCTAssertTrue(written.stdout.hasPrefix("Relevé écrit : \(file)"), written.stdout)
        XCTAssertTrue(try String(contentsOfFile: file, encoding: .utf8).contains("<h1>Relevé d'indemnités</h1>"))

        let folder = cli.folder.appendingPathComponent("releves").path
        let all = try cli.ok(["statement", "--all", "--year", "2025", "--format", "html", "--out", folder, "--db", db])
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        XCTAssertTrue(all.stdout.hasPrefix("\(files.count) relevé(s) année 2025 écrit(s) dans \(folder)"), all.stdout)
        XCTAssertTrue(files.allSatisfy { $0.range(of: #"^releve-[0-9]{11}-2025\.html$"#, options: .regularExpression) != nil }, "\(files)")
        XCTAssertTrue(Set(paid.map { "releve-\($0)-2025.html" }).isSubset(of: Set(files)), "everyone paid in 2025 gets one")
        XCTAssertEqual(Set(files).count, files.count)
        let register = try cli.ok(["export", "list", "--json", "--db", db])
        let records = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(register.stdout.utf8)) as? [[String: Any]])
        let recorded = records.filter { $0["kind"] as? String == "releve" && ($0["file"] as? String)?.hasPrefix(folder) == true }
        XCTAssertEqual(recorded.count, files.count, "each file is in the register")
    }

    func testStatementRefusesWhatItCannotDo() throws {
        let (cli, db) = try demo()
        XCTAssertEqual(try cli.run(["statement", "--year", "2025", "--db", db]).status, 2, "neither --rpps nor --all")
        XCTAssertEqual(try cli.run(["statement", "--all", "--year", "2025", "--db", db]).status, 2, "--all without --out")
        XCTAssertEqual(try cli.run(["statement", "--rpps", TestIDs.rpps(7), "--year", "2025", "--format", "pdf", "--db", db]).status, 2)
        XCTAssertEqual(try cli.run(["statement", "--rpps", TestIDs.rpps(7), "--year", "2025", "--month", "13", "--db", db]).status, 2)
        let unknown = try cli.run(["statement", "--rpps", TestIDs.rpps(7), "--year", "2025", "--db", db])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains(TestIDs.rpps(7)), unknown.stderr)
        let checksum = try cli.run(["statement", "--rpps", "10000000000", "--year", "2025", "--db", db])
        XCTAssertEqual(checksum.status, 1)
        XCTAssertTrue(checksum.stderr.contains("[rpps.checksum]"), checksum.stderr)
    }

    func testArsReportWritesCsvAndHtmlAndPrintsTheRegionTotal() throws {
        let (cli, db) = try demo()
        let folder = cli.folder.appendingPathComponent("rapports").path
        let result = try cli.ok(["report", "ars", "--year", "2025", "--out", folder, "--db", db])
        let region = try XCTUnwrap(result.stdout.split(separator: "\n").first { $0.hasPrefix("Région") })
        XCTAssertTrue(region.contains("Pays de la Loire"), String(region))
        XCTAssertTrue(result.stdout.contains("Écrit : \(folder)/rapport-ars-2025.html"), result.stdout)
        let html = try String(contentsOfFile: folder + "/rapport-ars-2025.html", encoding: .utf8)
        XCTAssertTrue(html.contains("<svg"))
        let csv = String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder + "/rapport-ars-2025.csv")), as: UTF8.self)
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}Niveau;Code;Nom;Département;Accordé;Consommé;Reliquat;"), csv)
        let report = try json(try cli.ok(["report", "ars", "--year", "2025", "--json", "--db", db]))
        let teams = try XCTUnwrap(report["equipes"] as? [[String: Any]])
        let total = try XCTUnwrap(report["region"] as? [String: Any])
        XCTAssertEqual(total["accordeCentimes"] as? Int, teams.compactMap { $0["accordeCentimes"] as? Int }.reduce(0, +))
        XCTAssertEqual(total["consommeCentimes"] as? Int, teams.compactMap { $0["consommeCentimes"] as? Int }.reduce(0, +))
        let envelopes = try cli.ok(["envelope", "status", "--year", "2025", "--json", "--db", db])
        let statuses = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(envelopes.stdout.utf8)) as? [[String: Any]])
        let consumed = statuses.compactMap { ($0["consumed"] as? [String: Any])?["value"] as? Int }.reduce(0, +)
        XCTAssertEqual(total["consommeCentimes"] as? Int, consumed, "the same consumption as envelope status")
    }

    func testAProfessionalNamedLikeAScriptOrAFormulaComesOutInert() throws {
        let s = try ActionsScenario()
        try s.cli.ok(["professional", "add", "--rpps", s.doctor, "--last-name", "<script>alert(1)</script>", "--first-name", "=HYPERLINK(\"http://x\")",
                      "--profession", "medecin_generaliste", "--iban", TestIDs.iban(1), "--convention-date", "01/01/2024"])
        try s.cli.ok(["actions", "import", try s.actionsFile("a.csv", [s.rcp("A1", on: "10/03/2025", minutes: 60)])])
        let html = try s.cli.ok(["statement", "--rpps", s.doctor, "--year", "2025", "--format", "html"]).stdout
        XCTAssertFalse(html.lowercased().contains("<script"), html)
        XCTAssertTrue(html.contains("=HYPERLINK(&quot;http://x&quot;) &lt;SCRIPT&gt;ALERT(1)&lt;/SCRIPT&gt;"), html)
        let csv = try s.cli.ok(["statement", "--rpps", s.doctor, "--year", "2025", "--format", "csv"]).stdout
        XCTAssertTrue(csv.contains(";\"'=HYPERLINK(\"\"http://x\"\") <SCRIPT>ALERT(1)</SCRIPT>\";"), csv)
        XCTAssertFalse(csv.contains(";=") || csv.contains(";\"="), csv)
    }
}

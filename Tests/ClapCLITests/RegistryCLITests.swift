import Foundation
import XCTest

/// Valid identifiers for generated test data.
enum TestIDs {
    static func luhnKey(_ digits: String) -> Int {
        var sum = 0
        for (index, char) in digits.reversed().enumerated() {
            var d = Int(String(char)) ?? 0
            if index % 2 == 0 { d *= 2; if d > 9 { d -= 9 } }
            sum += d
        }
        return (10 - sum % 10) % 10
    }

    static func rpps(_ n: Int) -> String {
        let base = "1" + String(format: "%09d", 100_000_000 + n)
        return base + String(luhnKey(base))
    }

    /// A French IBAN with a valid RIB key and mod-97 check digits.
    static func iban(_ n: Int) -> String {
        let bank = "30004", branch = "00823", account = String(format: "%011d", 10_000_000 + n)
        let rib = 97 - ((89 * Int(bank)! + 15 * Int(branch)! + 3 * Int(account)!) % 97)
        let bban = bank + branch + account + String(format: "%02d", rib)
        let numeric = (bban + "FR00").map { c -> String in
            if let d = c.wholeNumberValue { return String(d) }
            return String(Int(c.unicodeScalars.first!.value) - 55)
        }.joined()
        var remainder = 0
        for c in numeric { remainder = (remainder * 10 + Int(String(c))!) % 97 }
        return "FR" + String(format: "%02d", 98 - remainder) + bban
    }
}

final class RegistryCLITests: XCTestCase {
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/demo")

    func write(_ text: String, to name: String, in cli: CLI, encoding: String.Encoding = .utf8) throws -> String {
        let url = cli.folder.appendingPathComponent(name)
        try XCTUnwrap(text.data(using: encoding)).write(to: url)
        return url.path
    }

    func professionalsCSV(count: Int, badLines: Set<Int> = []) -> String {
        var lines = ["rpps;nom;prenom;profession;iban;bic;email;date_convention"]
        for n in 1...count {
            var rpps = TestIDs.rpps(n)
            var iban = TestIDs.iban(n)
            var profession = "infirmier"
            let line = n + 1
            if badLines.contains(line) {
                switch n % 3 {
                case 0: rpps = String(rpps.dropLast()) + String((Int(String(rpps.last!))! + 1) % 10)
                case 1: iban = String(iban.dropLast()) + (iban.last == "1" ? "2" : "1")
                default: profession = "astronaute"
                }
            }
            lines.append("\(rpps);Nom\(n);Prénom;\(profession);\(iban);;;01/01/2025")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func testAFileWithThreeBadLinesAmongAHundredImportsNothingAndNamesTheThree() throws {
        let cli = try CLI()
        try cli.initialize()
        let path = try write(professionalsCSV(count: 100, badLines: [12, 50, 88]), to: "pros.csv", in: cli)
        let result = try cli.run(["professional", "import", path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("3 erreurs"), result.stderr)
        for line in [12, 50, 88] { XCTAssertTrue(result.stderr.contains("ligne \(line),"), "line \(line): \(result.stderr)") }
        XCTAssertTrue(result.stderr.contains("rpps.checksum"))
        XCTAssertTrue(result.stderr.contains("iban."))
        XCTAssertTrue(result.stderr.contains("profession.unknown"))
        let list = try cli.ok(["professional", "list", "--json"])
        XCTAssertEqual(list.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "[\n\n]")
    }

    func testImportingTheSameProfessionalsTwiceChangesNothingAndSaysSo() throws {
        let cli = try CLI()
        try cli.initialize()
        let path = try write(professionalsCSV(count: 40), to: "pros.csv", in: cli)
        XCTAssertTrue(try cli.ok(["professional", "import", path]).stdout.contains("40 créé(s)"))
        let before = try dump(cli.databasePath)
        let second = try cli.ok(["professional", "import", path])
        XCTAssertTrue(second.stdout.contains("Rien de nouveau"), second.stdout)
        XCTAssertTrue(second.stdout.contains("40 inchangé(s)"), second.stdout)
        XCTAssertEqual(try dump(cli.databasePath), before)
    }

    func testDryRunWritesNothing() throws {
        let cli = try CLI()
        try cli.initialize()
        let path = try write(professionalsCSV(count: 5), to: "pros.csv", in: cli)
        let before = try dump(cli.databasePath)
        XCTAssertTrue(try cli.ok(["professional", "import", path, "--dry-run"]).stdout.contains("Simulation"))
        XCTAssertEqual(try dump(cli.databasePath), before)
    }

    func testAWindows1252CommaSeparatedFileWithQuotedFieldsImportsWithItsAccents() throws {
        let cli = try CLI()
        try cli.initialize()
        let text = "RPPS,Nom,Prénom,Profession,IBAN,BIC,EMAIL,Date_Convention\r\n"
            + "\(TestIDs.rpps(1)),\"Lefèvre, dite \"\"Zoé\"\"\",Hélène,Infirmière,\(TestIDs.iban(1)),,,2025-01-01\r\n"
        let path = try write(text, to: "pros-1252.csv", in: cli, encoding: .windowsCP1252)
        try cli.ok(["professional", "import", path])
        let show = try cli.ok(["professional", "show", TestIDs.rpps(1), "--json"])
        XCTAssertTrue(show.stdout.contains("Lefèvre, dite \\\"Zoé\\\""), show.stdout)
        XCTAssertTrue(show.stdout.contains("Hélène"), show.stdout)
    }

    func testAnUnknownColumnIsRefusedNamingIt() throws {
        let cli = try CLI()
        try cli.initialize()
        let path = try write("equipe;rpps;date_debut;date_fin;commentaire\n", to: "m.csv", in: cli)
        let result = try cli.run(["member", "import", path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("commentaire"), result.stderr)
        XCTAssertTrue(result.stderr.contains("csv.unknown_column"), result.stderr)
    }

    func testTheDemoRegistryLoadsAndAnOverlappingMembershipIsRefused() throws {
        let cli = try CLI()
        try cli.initialize()
        try cli.ok(["team", "import", fixtures.appendingPathComponent("equipes.csv").path])
        try cli.ok(["professional", "import", fixtures.appendingPathComponent("professionnels.csv").path])
        try cli.ok(["member", "import", fixtures.appendingPathComponent("membres.csv").path])
        // Claire Lemoine is in T044-001 since 12/03/2024 with no end: a second open period overlaps.
        let overlap = try cli.run(["member", "add", "--team", "T044-001", "--rpps", "10748602298", "--from", "01/06/2025"])
        XCTAssertEqual(overlap.status, 1)
        XCTAssertTrue(overlap.stderr.contains("membership.overlap"), overlap.stderr)
        let show = try cli.ok(["team", "show", "T053-001", "--json"])
        XCTAssertTrue(show.stdout.contains("\"du\" : \"01/11/2025\""), show.stdout)
        XCTAssertTrue(show.stdout.contains("\"au\" : \"30/11/2025\""), show.stdout)
    }

    func testAChangedIbanKeepsTheOldOneInHistoryAndIsShownMasked() throws {
        let cli = try CLI()
        try cli.initialize()
        let rpps = TestIDs.rpps(7)
        try cli.ok(["professional", "add", "--rpps", rpps, "--last-name", "Roux", "--first-name", "Anne",
                    "--profession", "sage_femme", "--iban", TestIDs.iban(7)])
        try cli.ok(["professional", "add", "--rpps", rpps, "--last-name", "Roux", "--first-name", "Anne",
                    "--profession", "sage_femme", "--iban", TestIDs.iban(8)])
        let show = try cli.ok(["professional", "show", rpps])
        XCTAssertEqual(show.stdout.components(separatedBy: "FR").count - 1, 3, show.stdout)
        XCTAssertFalse(show.stdout.contains(TestIDs.iban(7)))
        XCTAssertFalse(show.stdout.contains(TestIDs.iban(8)))
        XCTAssertTrue(show.stdout.contains(String(TestIDs.iban(8).suffix(3))))
    }

    /// Every table's rows except the audit log, as text: two dumps are equal when the content is.
    func dump(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let tables = ["association", "account", "team", "team_status", "professional", "professional_iban", "membership", "entry", "posting"]
        process.arguments = ["sqlite3", path, tables.map { "SELECT * FROM \($0) ORDER BY 1;" }.joined(separator: " ")]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "sqlite3 must be installed")
        return String(decoding: data, as: UTF8.self)
    }
}

final class RegistryLifecycleCLITests: XCTestCase {
    func testASuspendedTeamKeepsItsHistoryAndItsActionsAreNoLongerPaid() throws {
        let s = try ActionsScenario()
        try s.cli.ok(["team", "status", "T044-001", "--to", "suspendue", "--from", "01/09/2025"])
        let show = try s.cli.ok(["team", "show", "T044-001", "--json"]).stdout
        XCTAssertTrue(show.contains("active depuis le 01/02/2024"), show)
        XCTAssertTrue(show.contains("suspendue depuis le 01/09/2025"), show)
        let imported = try s.cli.ok(["actions", "import", try s.actionsFile("a.csv", [s.rcp("AOUT", on: "29/08/2025", minutes: 60),
                                                                                      s.rcp("SEPT", on: "02/09/2025", minutes: 60)])])
        XCTAssertTrue(imported.stdout.contains("1 action(s) payée(s)"), imported.stdout)
        XCTAssertTrue(imported.stdout.contains("team.not_active"), imported.stdout)
        let closed = try s.cli.run(["team", "status", "T044-001", "--to", "projet", "--from", "01/10/2025"])
        XCTAssertEqual(closed.status, 1, "a suspended team cannot go back to « projet »")
    }

    func testADeactivatedProfessionalIsKeptButNoLongerPaid() throws {
        let s = try ActionsScenario()
        try s.cli.ok(["professional", "deactivate", s.nurse])
        XCTAssertTrue(try s.cli.ok(["professional", "show", s.nurse]).stdout.contains("DURAND"))
        let imported = try s.cli.ok(["actions", "import", try s.actionsFile("a.csv", [s.rcp("A1", on: "10/03/2025", minutes: 60)])])
        XCTAssertTrue(imported.stdout.contains("0 action(s) payée(s)"), imported.stdout)
        try s.cli.ok(["professional", "reactivate", s.nurse])
        let id = try XCTUnwrap(try s.actions().first?["id"] as? Int)
        XCTAssertTrue(try s.cli.ok(["actions", "revalue", String(id)]).stdout.contains("désormais payée"))
    }
}

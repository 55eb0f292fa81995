import Foundation
import XCTest

/// A small association in a temporary folder: the default barème, one team of three, a grant.
struct ActionsScenario {
    let cli: CLI
    let doctor = TestIDs.rpps(1), nurse = TestIDs.rpps(2), physio = TestIDs.rpps(3)

    init(grant: String = "10000", physioConvention: String = "01/01/2024") throws {
        cli = try CLI(today: "2026-01-15")
        try cli.initialize()
        let barème = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/bareme-defaut.toml").path
        try cli.ok(["tariff", "import", barème])
        try cli.ok(["team", "import", try file("equipes.csv", """
            equipe;nom;departement;numero_ars;date_enregistrement_ars;date_convention;forme_juridique;actions
            T044-001;ESP CLAP Test;44;ARS-1;01/01/2024;01/02/2024;aucune;RCP+PPS+PROTOCOLE
            """)])
        try cli.ok(["professional", "import", try file("pros.csv", """
            rpps;nom;prenom;profession;iban;bic;email;date_convention
            \(doctor);Martin;Anne;medecin_generaliste;\(TestIDs.iban(1));;;01/01/2024
            \(nurse);Durand;Luc;infirmier;\(TestIDs.iban(2));;;01/01/2024
            \(physio);Petit;Léa;masseur_kinesitherapeute;\(TestIDs.iban(3));;;\(physioConvention)
            """)])
        try cli.ok(["member", "import", try file("membres.csv", """
            equipe;rpps;date_debut;date_fin
            T044-001;\(doctor);01/01/2024;
            T044-001;\(nurse);01/01/2024;
            T044-001;\(physio);01/01/2024;
            """)])
        try cli.ok(["envelope", "grant", "--team", "T044-001", "--year", "2025", "--amount", grant, "--date", "15/01/2025"])
    }

    func file(_ name: String, _ text: String) throws -> String {
        let url = cli.folder.appendingPathComponent(name)
        try Data((text + "\n").utf8).write(to: url)
        return url.path
    }

    /// An RCP between the doctor and the nurse: 80 €/h + 55 €/h with the default barème.
    func rcp(_ reference: String, on date: String, minutes: Int, with second: String? = nil) -> String {
        "T044-001;\(reference);RCP;\(date);\(minutes);;;\(doctor);participant\nT044-001;\(reference);RCP;\(date);\(minutes);;;\(second ?? nurse);participant"
    }

    func actionsFile(_ name: String, _ rows: [String]) throws -> String {
        try file(name, "equipe;action;type;date;duree_minutes;ref_cas;ref_protocole;rpps;role\n" + rows.joined(separator: "\n"))
    }

    func actions() throws -> [[String: Any]] {
        let data = Data(try cli.ok(["actions", "list", "--json"]).stdout.utf8)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    func envelope() throws -> [String: Any] {
        let data = Data(try cli.ok(["envelope", "status", "--year", "2025", "--team", "T044-001", "--json"]).stdout.utf8)
        return try XCTUnwrap((JSONSerialization.jsonObject(with: data) as? [[String: Any]])?.first)
    }

    /// The rows of participant_year_tally, `year|rpps|type|actions|amount_cents`, in key order.
    func tallies() throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", cli.databasePath, "SELECT * FROM participant_year_tally ORDER BY year, rpps, type"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    func consumedCents() throws -> Int { (try envelope()["consumed"] as? [String: Any])?["value"] as? Int ?? -1 }
    func entryCount() throws -> Int {
        let out = try cli.ok(["verify"]).stdout
        return Int(out.split(separator: " ").dropFirst(2).first ?? "") ?? -1
    }
}

final class ActionsCLITests: XCTestCase {
    func testAnActionLargerThanTheRoomIsRejectedAndOneThatFitsExactlyIsPaid() throws {
        let s = try ActionsScenario(grant: "270,00")
        try s.cli.ok(["actions", "import", try s.actionsFile("a1.csv", [s.rcp("A1", on: "10/03/2025", minutes: 60)])])
        XCTAssertEqual(try s.consumedCents(), 13_500)
        let entriesBefore = try s.entryCount()
        // 75 minutes: 100,00 + 68,75 = 168,75 € > 135,00 € of room.
        let big = try s.cli.ok(["actions", "import", try s.actionsFile("a2.csv", [s.rcp("A2", on: "11/03/2025", minutes: 75)])])
        XCTAssertTrue(big.stdout.contains("envelope"), big.stdout)
        XCTAssertEqual(try s.entryCount(), entriesBefore, "a rejected action posts nothing")
        // 60 minutes: exactly the 135,00 € left.
        try s.cli.ok(["actions", "import", try s.actionsFile("a3.csv", [s.rcp("A3", on: "12/03/2025", minutes: 60)])])
        XCTAssertEqual(try s.consumedCents(), 27_000)
        let statuses = try s.actions().map { "\($0["reference"] ?? "") \($0["status"] ?? "")" }
        XCTAssertEqual(statuses, ["A1 validee", "A2 rejetee", "A3 validee"])
    }

    func testTheSameFileTwiceChangesNothingTheSecondTime() throws {
        let s = try ActionsScenario()
        let path = try s.actionsFile("a.csv", [s.rcp("A1", on: "10/03/2025", minutes: 60), s.rcp("A2", on: "11/03/2025", minutes: 45)])
        try s.cli.ok(["actions", "import", path])
        let second = try s.cli.ok(["actions", "import", path])
        XCTAssertTrue(second.stdout.contains("0 action(s) payée(s)"), second.stdout)
        XCTAssertTrue(second.stdout.contains("2 déjà connue(s)"), second.stdout)
        XCTAssertEqual(try s.actions().count, 2)
    }

    /// A paid declaration is found again through action_paid_reference, a rejected one through its own index
    /// (Schema/0014); a rejected declaration sent again corrected is a new declaration, and decided.
    func testPaidAndRejectedDeclarationsAreBothKnownTheSecondTime() throws {
        let s = try ActionsScenario()
        let path = try s.actionsFile("a.csv", [s.rcp("A1", on: "10/03/2025", minutes: 60), s.rcp("A2", on: "11/03/2025", minutes: 600)])
        let first = try s.cli.ok(["actions", "import", path])
        XCTAssertTrue(first.stdout.contains("1 action(s) payée(s)") && first.stdout.contains("1 rejetée(s)"), first.stdout)
        let second = try s.cli.ok(["actions", "import", path])
        XCTAssertTrue(second.stdout.contains("0 action(s) payée(s)") && second.stdout.contains("0 rejetée(s), 2 déjà connue(s)"), second.stdout)
        XCTAssertEqual(try s.actions().count, 2)

        let corrected = try s.cli.ok(["actions", "import", try s.actionsFile("b.csv", [s.rcp("A2", on: "11/03/2025", minutes: 45)])])
        XCTAssertTrue(corrected.stdout.contains("1 action(s) payée(s)") && corrected.stdout.contains("0 déjà connue(s)"), corrected.stdout)
        XCTAssertEqual(try s.actions().map { "\($0["reference"] ?? "") \($0["status"] ?? "")" }, ["A1 validee", "A2 rejetee", "A2 validee"])
    }

    func testConcurrentImportsForOneTeamNeverOverspendItsEnvelope() throws {
        let s = try ActionsScenario(grant: "405,00")
        // Four files of two 135 € actions each: 1 080 € asked, 405 € granted: exactly three can be paid.
        var processes: [Process] = []
        for file in 0..<4 {
            let path = try s.actionsFile("c\(file).csv", [s.rcp("C\(file)-1", on: "0\(file + 1)/04/2025", minutes: 60),
                                                           s.rcp("C\(file)-2", on: "1\(file + 1)/04/2025", minutes: 60)])
            let process = Process()
            process.executableURL = CLI.executable
            process.arguments = ["actions", "import", path]
            process.environment = s.cli.environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            processes.append(process)
        }
        for process in processes {
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "no importer fails with « database is locked »")
        }
        XCTAssertEqual(try s.consumedCents(), 40_500)
        XCTAssertEqual(try s.actions().filter { ($0["status"] as? String) == "validee" }.count, 3)
        try s.cli.ok(["verify"])
    }

    func testABaremeChangeOnFirstJulyValuesJuneWithTheOldRatesAndJulyWithTheNew() throws {
        let s = try ActionsScenario()
        let barème = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/bareme-defaut.toml")
        var text = try String(contentsOf: barème, encoding: .utf8)
        text = text.replacingOccurrences(of: "effective_from = 2025-01-01", with: "effective_from = 2025-07-01")
            .replacingOccurrences(of: "name = \"Barème ESP CLAP (défaut)\"", with: "name = \"Barème juillet\"")
            .replacingOccurrences(of: "medecin = \"80.00\"\ndefault = \"55.00\"", with: "medecin = \"90.00\"\ndefault = \"60.00\"")
        XCTAssertTrue(text.contains("\"90.00\""), "the test must really change the RCP rates")
        try s.cli.ok(["tariff", "import", try s.file("juillet.toml", text)])
        try s.cli.ok(["actions", "import", try s.actionsFile("a.csv", [s.rcp("JUIN", on: "30/06/2025", minutes: 60),
                                                                      s.rcp("JUILLET", on: "01/07/2025", minutes: 60)])])
        let totals = try s.actions().map { "\($0["reference"] ?? "") \($0["totalCents"] ?? "")" }
        XCTAssertEqual(totals, ["JUIN 13500", "JUILLET 15000"])
        // An older version can no longer be loaded after a newer one.
        let older = try s.cli.run(["tariff", "import", barème.path])
        XCTAssertEqual(older.status, 1)
        XCTAssertTrue(older.stderr.contains("tariff.not_newer"), older.stderr)
    }

    func testCancellingMirrorsTheEntryAndGivesTheRoomBack() throws {
        let s = try ActionsScenario()
        try s.cli.ok(["actions", "import", try s.actionsFile("a.csv", [s.rcp("A1", on: "10/03/2025", minutes: 60)])])
        let id = try XCTUnwrap(try s.actions().first?["id"] as? Int)
        XCTAssertEqual(try s.tallies(), ["2025|\(s.doctor)|RCP|1|8000", "2025|\(s.nurse)|RCP|1|5500"])
        XCTAssertEqual(try s.cli.run(["actions", "cancel", String(id), "--reason", " "]).status, 1)
        try s.cli.ok(["actions", "cancel", String(id), "--reason", "déclarée deux fois"])
        XCTAssertEqual(try s.actions().first?["status"] as? String, "annulee")
        XCTAssertEqual(try s.tallies(), [], "a cancelled action counts for no yearly cap")
        XCTAssertEqual(try s.consumedCents(), 0)
        let balance = try s.cli.ok(["balance", "--aux", "--json"]).stdout
        XCTAssertFalse(balance.contains("\"value\" : -"), "every 401100 balance is back to zero: \(balance)")
        XCTAssertEqual(try s.cli.run(["actions", "cancel", String(id), "--reason", "encore"]).status, 1)
        try s.cli.ok(["verify"])
    }

    func testARejectedActionIsPaidOnRevalueOnceTheConventionIsRecorded() throws {
        let s = try ActionsScenario(physioConvention: "")
        let first = try s.cli.ok(["actions", "import", try s.actionsFile("a.csv", [s.rcp("A1", on: "10/03/2025", minutes: 60, with: s.physio)])])
        XCTAssertTrue(first.stdout.contains("participant.no_convention"), first.stdout)
        XCTAssertEqual(try s.tallies(), [], "a rejected action counts for no yearly cap")
        let id = try XCTUnwrap(try s.actions().first?["id"] as? Int)
        XCTAssertTrue(try s.cli.ok(["actions", "revalue", String(id)]).stdout.contains("toujours rejetée"))
        try s.cli.ok(["professional", "add", "--rpps", s.physio, "--last-name", "Petit", "--first-name", "Léa",
                      "--profession", "masseur_kinesitherapeute", "--iban", TestIDs.iban(3), "--convention-date", "01/03/2025"])
        XCTAssertTrue(try s.cli.ok(["actions", "revalue", String(id)]).stdout.contains("désormais payée"))
        XCTAssertEqual(try s.actions().first?["status"] as? String, "validee")
        XCTAssertEqual(try s.tallies(), ["2025|\(s.doctor)|RCP|1|8000", "2025|\(s.physio)|RCP|1|5500"])
        try s.cli.ok(["verify"])
    }

    /// The yearly caps read each professional's sums of the year from participant_year_tally (Schema/0018): a row
    /// changed, removed or added behind clap's back is named by `verify` (invariant 6).
    func testVerifyNamesATallyThatIsNoLongerTheSumOfThePaidActions() throws {
        let s = try ActionsScenario()
        try s.cli.ok(["actions", "import", try s.actionsFile("a.csv", [s.rcp("A1", on: "10/03/2025", minutes: 60),
                                                                       s.rcp("A2", on: "11/03/2025", minutes: 30)])])
        XCTAssertEqual(try s.tallies(), ["2025|\(s.doctor)|RCP|2|12000", "2025|\(s.nurse)|RCP|2|8250"])
        try s.cli.ok(["verify"])
        let restore = "DELETE FROM participant_year_tally; INSERT INTO participant_year_tally VALUES "
            + "(2025, '\(s.doctor)', 'RCP', 2, 12000), (2025, '\(s.nurse)', 'RCP', 2, 8250);"
        for (damage, named) in [("UPDATE participant_year_tally SET amount_cents = amount_cents + 1 WHERE rpps = '\(s.nurse)'", s.nurse),
                                ("UPDATE participant_year_tally SET actions = 1 WHERE rpps = '\(s.doctor)'", s.doctor),
                                ("DELETE FROM participant_year_tally WHERE rpps = '\(s.doctor)'", s.doctor),
                                ("INSERT INTO participant_year_tally VALUES (2024, '\(s.physio)', 'PPS', 1, 1000)", s.physio)] {
            try sqlite(s.cli.databasePath, damage)
            let verify = try s.cli.run(["verify"])
            XCTAssertEqual(verify.status, 3, damage)
            XCTAssertTrue(verify.stderr.contains("participant_tallies.mismatch"), verify.stderr)
            XCTAssertTrue(verify.stderr.contains("invariant 6"), verify.stderr)
            XCTAssertTrue(verify.stderr.contains(named), verify.stderr)
            try sqlite(s.cli.databasePath, restore)
            try s.cli.ok(["verify"])
        }
    }

    func testANirInRefCasRefusesTheWholeFileSayingWhy() throws {
        let s = try ActionsScenario()
        let path = try s.actionsFile("pps.csv", [
            "T044-001;P1;PPS;10/03/2025;;185057512345678;;\(s.doctor);referent",
            "T044-001;P1;PPS;10/03/2025;;185057512345678;;\(s.nurse);contributeur",
        ])
        let result = try s.cli.run(["actions", "import", path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("patient.nir"), result.stderr)
        XCTAssertTrue(result.stderr.contains("ligne 2"), result.stderr)
        XCTAssertEqual(try s.actions().count, 0)
    }

    func testVerifyCatchesAParticipantValuedWithAnotherGroupAndAnOverspentEnvelope() throws {
        let s = try ActionsScenario(grant: "270,00")
        try s.cli.ok(["actions", "import", try s.actionsFile("a.csv", [s.rcp("A1", on: "10/03/2025", minutes: 60)])])
        try s.cli.ok(["verify"])
        try sqlite(s.cli.databasePath, "UPDATE action_participant SET tariff_group = 'auxiliaire' WHERE rpps = '\(s.doctor)'")
        let valuation = try s.cli.run(["verify"])
        XCTAssertEqual(valuation.status, 3)
        XCTAssertTrue(valuation.stderr.contains("invariant 6"), valuation.stderr)
        XCTAssertTrue(valuation.stderr.contains("IND 2025 n° 1"), valuation.stderr)

        try sqlite(s.cli.databasePath, """
            DROP TRIGGER posting_is_immutable_u;
            UPDATE posting SET credit_cents = 10000 WHERE account = '741000';
            UPDATE posting SET debit_cents = 10000 WHERE account = '441100';
            """)
        let envelope = try s.cli.run(["verify"])
        XCTAssertEqual(envelope.status, 3)
        XCTAssertTrue(envelope.stderr.contains("envelope.overspent"), envelope.stderr)
    }

    func sqlite(_ path: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", path, sql]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "sqlite3 \(sql)")
    }
}

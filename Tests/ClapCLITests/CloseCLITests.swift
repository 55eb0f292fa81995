import ClapReports
import Foundation
import LedgerCore
import XCTest

final class CloseCLITests: XCTestCase {
    private func auditCount(_ cli: CLI) throws -> Int {
        let data = Data(try cli.ok(["audit-log", "--json"]).stdout.utf8)
        return (try JSONSerialization.jsonObject(with: data) as? [Any])?.count ?? -1
    }

    func testCloseMonthRefusesWhatItMustAndIsANoOpTheSecondTime() throws {
        let s = try ActionsScenario()   // today: 15/01/2026
        let notEnded = try s.cli.run(["close", "month", "2026-01"])
        XCTAssertEqual(notEnded.status, 1)
        XCTAssertTrue(notEnded.stderr.contains("close.month_not_ended"), notEnded.stderr)
        let december = try s.cli.run(["close", "month", "2025-12"])
        XCTAssertEqual(december.status, 1)
        XCTAssertTrue(december.stderr.contains("clap close year 2025") && december.stderr.contains("close.december_with_year"), december.stderr)
        XCTAssertEqual(try s.cli.run(["close", "month", "2025-13"]).status, 2)

        let closed = try s.cli.ok(["close", "month", "2025-03"])
        XCTAssertTrue(closed.stdout.contains("Mois 2025-03 clôturé") && closed.stdout.contains("31/03/2025"), closed.stdout)
        let audit = try auditCount(s.cli)
        let again = try s.cli.ok(["close", "month", "2025-02"])
        XCTAssertTrue(again.stdout.contains("déjà clôturé") && again.stdout.contains("rien n'a été écrit"), again.stdout)
        XCTAssertEqual(try auditCount(s.cli), audit, "nothing written, not even an audit line")

        // An action of a closed month is still paid, on the first open day.
        try s.cli.ok(["actions", "import", try s.actionsFile("mars.csv", [s.rcp("R-MARS", on: "20/03/2025", minutes: 60)])])
        let ledger = try s.cli.ok(["ledger", "--account", "622600", "--json"]).stdout
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(ledger.utf8)) as? [String: Any])
        let line = try XCTUnwrap((json["lines"] as? [[String: Any]])?.first)
        XCTAssertEqual((line["entryDate"] as? [String: Int])?["month"], 4)
        XCTAssertEqual((line["entryDate"] as? [String: Int])?["day"], 1)
        XCTAssertEqual((line["pieceDate"] as? [String: Int])?["month"], 3)
        try s.cli.ok(["verify"])
    }

    func testCloseYearPostsDedicatedFundsLocksAndOpensTheNextYear() throws {
        let s = try ActionsScenario()
        try s.cli.ok(["actions", "import", try s.actionsFile("a.csv", [s.rcp("R1", on: "10/03/2025", minutes: 60), s.rcp("R2", on: "10/11/2025", minutes: 120)])])
        try s.cli.ok(["envelope", "receive", "--team", "T044-001", "--year", "2025", "--amount", "10000", "--date", "10/02/2025"])
        XCTAssertEqual(try s.consumedCents(), 13_500 + 27_000)

        let early = try s.cli.run(["close", "year", "2026"])
        XCTAssertEqual(early.status, 1)
        XCTAssertTrue(early.stderr.contains("close.year_not_ended"), early.stderr)

        let entries = try s.entryCount()
        let dry = try s.cli.ok(["close", "year", "2025", "--dry-run"])
        XCTAssertTrue(dry.stdout.contains("Simulation"), dry.stdout)
        XCTAssertEqual(try s.entryCount(), entries)

        let closed = try s.cli.ok(["close", "year", "2025"])
        XCTAssertTrue(closed.stdout.contains("Exercice 2025 clôturé."), closed.stdout)
        XCTAssertTrue(closed.stdout.contains("Fonds dédiés au 31/12/2025 : 1 écriture(s), 9\u{202F}595,00\u{00A0}€ au total"), closed.stdout)
        XCTAssertTrue(closed.stdout.contains("Période verrouillée jusqu'au 31/12/2025"), closed.stdout)
        XCTAssertTrue(closed.stdout.contains("À-nouveaux 2026 : écriture AN 2026 n° 1 du 01/01/2026"), closed.stdout)
        XCTAssertEqual(try s.entryCount(), entries + 2)

        let again = try s.cli.ok(["close", "year", "2025"])
        XCTAssertTrue(again.stdout.contains("déjà clôturé"), again.stdout)
        XCTAssertEqual(try s.entryCount(), entries + 2)

        let grant = try s.cli.run(["envelope", "grant", "--team", "T044-001", "--year", "2025", "--amount", "10", "--date", "15/01/2026"])
        XCTAssertEqual(grant.status, 1)
        XCTAssertTrue(grant.stderr.contains("envelope.year_closed"), grant.stderr)
        let late = try s.cli.ok(["actions", "import", try s.actionsFile("late.csv", [s.rcp("R3", on: "12/12/2025", minutes: 60)])])
        XCTAssertTrue(late.stdout.contains("date.closed"), late.stdout)

        // Carry part of the funds into 2026, give the rest back, pay it.
        let carried = try s.cli.ok(["envelope", "carry-over", "--team", "T044-001", "--from", "2025", "--amount", "1500", "--date", "10/01/2026",
                                    "--ref", "ARS-REPORT-1"])
        XCTAssertTrue(carried.stdout.contains("1\u{202F}500,00"), carried.stdout)
        XCTAssertTrue(try s.cli.ok(["envelope", "carry-over", "--team", "T044-001", "--from", "2025", "--amount", "1500", "--date", "10/01/2026",
                                    "--ref", "ARS-REPORT-1"]).stdout.contains("Déjà enregistré"))
        let status = try s.cli.ok(["envelope", "status", "--year", "2026", "--team", "T044-001", "--json"]).stdout
        XCTAssertTrue(status.contains("150000"), status)
        let tooMuch = try s.cli.run(["envelope", "refund", "--team", "T044-001", "--from", "2025", "--amount", "9000", "--date", "12/01/2026"])
        XCTAssertEqual(tooMuch.status, 1)
        XCTAssertTrue(tooMuch.stderr.contains("funds.exceeded"), tooMuch.stderr)
        XCTAssertTrue(try s.cli.ok(["envelope", "refund", "--team", "T044-001", "--from", "2025", "--date", "12/01/2026"]).stdout.contains("8\u{202F}095,00"))
        XCTAssertTrue(try s.cli.ok(["envelope", "refund-paid", "--team", "T044-001", "--from", "2025", "--date", "14/01/2026"]).stdout.contains("8\u{202F}095,00"))
        let zero = try s.cli.run(["envelope", "refund-paid", "--team", "T044-001", "--from", "2025", "--amount", "0", "--date", "14/01/2026"])
        XCTAssertEqual(zero.status, 1)
        XCTAssertTrue(zero.stderr.contains("amount.not_positive"), zero.stderr)
        try s.cli.ok(["verify"])
    }

    func testTheGrandLivreTotalsAreTheTrialBalancesAndItsCsvIsRecorded() throws {
        let s = try ActionsScenario()
        try s.cli.ok(["actions", "import", try s.actionsFile("a.csv", [s.rcp("R1", on: "10/03/2025", minutes: 60), s.rcp("R2", on: "10/12/2025", minutes: 90)])])
        try s.cli.ok(["close", "year", "2025"])
        let balances = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try s.cli.ok(["balance", "--json"]).stdout.utf8)) as? [[String: Any]])
        func cents(_ value: Any?) -> Int? { (value as? [String: Any])?["value"] as? Int }
        for account in ["194000", "401100", "441100", "622600", "741000"] {
            let row = try XCTUnwrap(balances.first { $0["account"] as? String == account }, account)
            let out = try s.cli.ok(["ledger", "--account", account, "--json"]).stdout
            let ledger = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
            let summary = try XCTUnwrap(ledger["summary"] as? [String: Any])
            XCTAssertEqual(cents(summary["totalDebit"]), cents(row["debit"]), account)
            XCTAssertEqual(cents(summary["totalCredit"]), cents(row["credit"]), account)
            XCTAssertEqual(cents(ledger["closing"]), (cents(row["debit"]) ?? 0) - (cents(row["credit"]) ?? 0), account)
        }
        let table = try s.cli.ok(["ledger", "--account", "401100", "--aux", s.doctor, "--from", "01/04/2025"]).stdout
        XCTAssertTrue(table.contains("Grand livre du compte 401100") && table.contains("Solde au 31/03/2025") && table.contains("80,00 C"), table)
        XCTAssertTrue(table.contains("Solde final : 200,00\u{00A0}€ (créditeur)"), table)

        let csv = s.cli.folder.appendingPathComponent("gl/401100.csv").path
        let written = try s.cli.ok(["ledger", "--account", "401100", "--out", csv])
        let data = try Data(contentsOf: URL(fileURLWithPath: csv))
        XCTAssertTrue(data.starts(with: [0xEF, 0xBB, 0xBF]), "a BOM, for spreadsheets")
        let rows = String(decoding: data.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
        XCTAssertEqual(rows.first, "Date;Journal;Exercice;N° écriture;Pièce;Date pièce;Libellé;Tiers;Analytique;Débit;Crédit;Solde")
        XCTAssertEqual(rows.count, 1 + 1 + 4, "header, opening row, four lines (two participants per action)")
        XCTAssertTrue(rows.last?.hasSuffix(";0,00;82,50;-337,50") == true, String(rows.last ?? ""))
        let list = try s.cli.ok(["export", "list", "--json"]).stdout
        XCTAssertTrue(list.contains("grand-livre"), list)
        XCTAssertTrue(written.stdout.contains(CanonicalHash.sha256Hex(try Data(contentsOf: URL(fileURLWithPath: csv)))), written.stdout)

        let unknown = try s.cli.run(["ledger", "--account", "999999"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("account.unknown"), unknown.stderr)
    }

    func testTheNextYearsFecOpensWithTheAnEntriesAndMeetsEveryRule() throws {
        let cli = try CLI()
        let db = cli.folder.appendingPathComponent("demo.sqlite").path
        let demo = try cli.ok(["demo", "--db", db])
        XCTAssertTrue(demo.stdout.contains("exercice 2025 clôturé au 31/12/2025 ; 7 équipes reportent"), demo.stdout)
        let again = try cli.ok(["close", "year", "2025", "--db", db])
        XCTAssertTrue(again.stdout.contains("déjà clôturé"), again.stdout)
        let out = cli.folder.appendingPathComponent("exports").path
        for year in [2025, 2026] {
            try cli.ok(["export", "fec", "--year", String(year), "--out", out, "--db", db])
            let data = try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("882413578FEC\(year)1231.txt"))
            let findings = FecChecker.check(data: data, thirdPartyAccounts: ["401100", "441100", "441900"], fiscalYear: year)
            XCTAssertEqual(findings.map { "\($0.line): \($0.code) \($0.message)" }, [], "FEC \(year)")
            let journals = String(decoding: data, as: UTF8.self).split(separator: "\r\n").dropFirst().map { $0.split(separator: "\t").first.map(String.init) ?? "" }
            if year == 2026 {
                let anCount = journals.prefix { $0 == "AN" }.count
                XCTAssertGreaterThan(anCount, 2)
                XCTAssertEqual(journals.filter { $0 == "AN" }.count, anCount, "the AN lines come first")
            } else {
                XCTAssertFalse(journals.contains("AN"))
            }
        }
        try cli.ok(["verify", "--db", db])
    }
}

import ClapAssets
import ClapDomain
import ClapStore
import Foundation
import GRDB
import LedgerCore
import XCTest

/// The monthly totals the trial balance reads (Schema/0008): kept equal to the lines by every posting, read back
/// into exactly the balance the lines give at any date, and checked by `verify`.
final class BalanceTotalsTests: XCTestCase {
    /// Entries over three months and two years, on several accounts and third parties, some lines without one.
    func ledgerOverSeveralMonths() throws -> TestLedger {
        let ledger = try TestLedger(today: "2026-12-31")
        let dates = ["2025-01-15", "2025-01-31", "2025-02-01", "2025-02-14", "2025-03-31", "2025-12-31", "2026-01-01", "2026-02-10"]
        for (index, date) in dates.enumerated() {
            let team = index % 2 == 0 ? "T044-001" : "T049-001"
            try ledger.post(grant(team, cents: Int64(1_000 * (index + 1)), on: date, key: "g\(index)"))
            let cents = Cents(Int64(250 + index))
            try ledger.post(EntryDraft(journal: .od, entryDate: day(date), pieceDate: day(date), pieceRef: "A\(index)", label: "action \(index)",
                                       lines: [.debit("689400", cents, analytic: "\(team)/2025"), .credit("441900", cents, auxiliary: "T00\(index % 3)"),
                                               .debit("689400", cents, analytic: "\(team)/2025"), .credit("441900", cents, auxiliary: "T009")],
                                       idempotencyKey: "a\(index)"))
            try ledger.post(EntryDraft(journal: .bq, entryDate: day(date), pieceDate: day(date), pieceRef: "B\(index)", label: "banque \(index)",
                                       lines: [.debit("512000", Cents(100)), .credit("441100", Cents(100), auxiliary: team)],
                                       idempotencyKey: "b\(index)"))
        }
        return ledger
    }

    /// The balance straight from the lines, as it was computed before the totals existed.
    /// A balance row as plain values, to compare.
    struct Row4: Equatable {
        let account: String, label: String, auxiliary: String?, debit: Int64, credit: Int64
    }

    func balance(at date: Day?, byAuxiliary: Bool, in db: Database) throws -> [Row4] {
        try Balances.trialBalance(at: date, byAuxiliary: byAuxiliary, in: db).map {
            Row4(account: $0.account, label: $0.label, auxiliary: $0.auxiliary, debit: $0.debit.value, credit: $0.credit.value)
        }
    }

    func balanceFromLines(at date: Day?, byAuxiliary: Bool, in db: Database) throws -> [Row4] {
        let auxiliary = byAuxiliary ? "p.auxiliary" : "NULL"
        let sql = """
            SELECT p.account, a.label, \(auxiliary) AS auxiliary, SUM(p.debit_cents) AS debit, SUM(p.credit_cents) AS credit
            FROM posting p JOIN entry e ON e.seq = p.entry_seq JOIN account a ON a.number = p.account
            \(date == nil ? "" : "WHERE e.entry_date <= ?")
            GROUP BY p.account\(byAuxiliary ? ", p.auxiliary" : "") ORDER BY p.account\(byAuxiliary ? ", p.auxiliary" : "")
            """
        return try Row.fetchAll(db, sql: sql, arguments: date.map { [$0.iso] } ?? []).map {
            Row4(account: $0["account"], label: $0["label"], auxiliary: $0["auxiliary"], debit: $0["debit"], credit: $0["credit"])
        }
    }

    func testTheBalanceFromTheTotalsEqualsTheBalanceFromTheLinesAtEveryDate() throws {
        let ledger = try ledgerOverSeveralMonths()
        var dates: [Day?] = [nil]
        var cursor = day("2024-12-31")
        while cursor <= day("2026-03-02") {
            dates.append(cursor)
            cursor = cursor.adding(days: 1)!
        }
        try ledger.database.read { db in
            for date in dates {
                for byAuxiliary in [false, true] {
                    XCTAssertEqual(try balance(at: date, byAuxiliary: byAuxiliary, in: db),
                                   try balanceFromLines(at: date, byAuxiliary: byAuxiliary, in: db), "\(String(describing: date)) aux \(byAuxiliary)")
                }
            }
            XCTAssertFalse(try Balances.trialBalance(at: nil, byAuxiliary: true, in: db).isEmpty)
            XCTAssertTrue(try Balances.trialBalance(at: day("2024-12-31"), byAuxiliary: false, in: db).isEmpty)
        }
        XCTAssertTrue(try ledger.verify().isClean)
    }

    func testVerifyNamesAMonthWhoseTotalsNoLongerMatchTheLines() throws {
        for sql in ["UPDATE account_month SET debit_cents = debit_cents + 1 WHERE account = '689400' AND month = '2025-02'",
                    "DELETE FROM third_party_month WHERE account = '441900' AND auxiliary = 'T009' AND month = '2025-02'",
                    "INSERT INTO account_month (account, month, debit_cents, credit_cents) VALUES ('689400', '2025-02', 0, 0) "
                        + "ON CONFLICT DO UPDATE SET month = '2025-04'"] {
            let ledger = try ledgerOverSeveralMonths()
            try ledger.tamper(sql)
            let found = try ledger.verify().violations
            XCTAssertFalse(found.isEmpty, sql)
            XCTAssertTrue(found.allSatisfy { $0.code == "totals.mismatch" }, "\(found)")
            XCTAssertTrue(found.contains { $0.message.contains("2025-02") }, "\(found)")
        }
    }

    func testTheMigrationFillsTheTotalsOfALedgerPostedBeforeIt() throws {
        let ledger = try ledgerOverSeveralMonths()
        let before = try ledger.database.read { try self.balance(at: day("2025-12-20"), byAuxiliary: true, in: $0) }
        try ledger.database.close()
        try ledger.tamper("DROP TABLE account_month; DROP TABLE third_party_month; DROP TABLE open_line; DELETE FROM grdb_migrations WHERE identifier LIKE '0008%'")
        // tamper() puts the triggers back; a database from before 0008 has none of its own.
        try DatabaseQueue(path: ledger.path).write { try $0.execute(sql: "DROP TRIGGER posting_opens_line; DROP TRIGGER lettering_closes_line") }
        let reopened = try ClapDatabase.open(at: ledger.path)
        try reopened.read { db in
            XCTAssertEqual(try self.balance(at: day("2025-12-20"), byAuxiliary: true, in: db), before)
            XCTAssertGreaterThan(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM third_party_month") ?? 0, 0)
            XCTAssertTrue(try Verifier.verify(in: db, extraChecks: StoreChecks.all).isClean)
        }
    }
}

/// `envelope grant --all`.
final class GrantAllTests: XCTestCase {
    func team(_ id: String, registered: String, convention: String?) -> Located<Team> {
        Located(Team(id: TeamID(unchecked: id), name: "ESP CLAP \(id)", department: .loireAtlantique, arsNumber: "ARS-\(id)",
                     arsRegisteredOn: day(registered), conventionOn: convention.map(day), legalForm: .aucune, actionTypes: [.rcp]),
                at: SourceLocation(file: "equipes.csv", line: 2))
    }

    func testGrantsTheCapToEveryTeamActiveInTheYearOnceAndOnlyToThem() throws {
        let ledger = try TestLedger(today: "2025-01-15")
        let toml = try String(contentsOf: ClapAssets.fixture("bareme-defaut.toml"), encoding: .utf8)
        let teams = [team("T044-001", registered: "2024-03-01", convention: "2024-05-01"),   // active all year
                     team("T044-002", registered: "2024-09-01", convention: "2025-06-10"),   // active from June
                     team("T044-003", registered: "2024-09-01", convention: nil),            // only recognised
                     team("T044-004", registered: "2026-02-01", convention: "2026-03-01")]   // active next year
        try ledger.database.write(ledger.context) { db in
            _ = try TariffStore.importVersion(toml: toml, fileName: "bareme.toml", context: ledger.context, in: db)
            _ = try RegistryStore.importTeams(teams, context: ledger.context, in: db)
            return ((), "setup")
        }
        let first = try ledger.database.write(ledger.context) { db in
            (try EnvelopeStore.grantAll(year: 2025, date: day("2025-01-15"), context: ledger.context, in: db), "grant --all")
        }
        XCTAssertEqual(first.granted.map(\.rawValue), ["T044-001", "T044-002"])
        XCTAssertEqual(first.total, Cents(2_000_000))
        XCTAssertEqual(first.notActive, 2)
        let second = try ledger.database.write(ledger.context) { db in
            (try EnvelopeStore.grantAll(year: 2025, date: day("2025-02-01"), context: ledger.context, in: db), "grant --all")
        }
        XCTAssertEqual(second.granted, [])
        XCTAssertEqual(second.alreadyGranted, 2)
        try ledger.database.read { db in
            for id in ["T044-001", "T044-002"] {
                let status = try EnvelopeStore.status(EnvelopeKey(team: TeamID(unchecked: id), year: 2025), in: db)
                XCTAssertEqual(status.granted, Cents(1_000_000), id)
            }
            XCTAssertEqual(try EnvelopeStore.status(EnvelopeKey(team: TeamID(unchecked: "T044-003"), year: 2025), in: db).granted, .zero)
        }
        XCTAssertTrue(try ledger.verify().isClean)
    }
}

/// The unlettered third-party lines a payout reads (`open_line`, Schema/0008).
final class OpenLineTests: XCTestCase {
    func ledgerWithThirdPartyLines() throws -> TestLedger {
        let ledger = try TestLedger()
        try ledger.post(grant("T044-001", key: "g1"))
        try ledger.post(grant("T049-001", key: "g2"))
        return ledger
    }

    func openLines(_ ledger: TestLedger) throws -> [[Int64]] {
        try ledger.database.read { db in
            try Row.fetchAll(db, sql: "SELECT entry_seq, line_no FROM open_line ORDER BY 1, 2").map { [$0[0], $0[1]] }
        }
    }

    func testAThirdPartyLineIsOpenWhenPostedAndClosedWhenLettered() throws {
        let ledger = try ledgerWithThirdPartyLines()
        XCTAssertEqual(try openLines(ledger), [[1, 1], [2, 1]], "the 441100 lines carry a third party; the 741000 lines do not")
        try ledger.database.write(ledger.context) { db in
            try db.execute(sql: "INSERT INTO lettering (entry_seq, line_no, letter, lettered_on) VALUES (1, 1, 'A', '2025-12-31')")
            return ((), "letter")
        }
        XCTAssertEqual(try openLines(ledger), [[2, 1]])
    }

    func testVerifyNamesAMissingOrAnExtraOpenLine() throws {
        for sql in ["DELETE FROM open_line WHERE entry_seq = 1",
                    "INSERT INTO open_line (entry_seq, line_no, account, auxiliary) VALUES (2, 2, '741000', 'T049-001')",
                    "UPDATE open_line SET auxiliary = 'T085-001' WHERE entry_seq = 2"] {
            let ledger = try ledgerWithThirdPartyLines()
            XCTAssertTrue(try ledger.verify().isClean)
            try ledger.tamper(sql)
            let found = try ledger.verify().violations
            XCTAssertFalse(found.isEmpty, sql)
            XCTAssertTrue(found.allSatisfy { $0.code == "open_line.mismatch" }, "\(sql): \(found)")
        }
    }
}

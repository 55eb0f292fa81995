import ClapDomain
@testable import ClapStore
import Foundation
import GRDB
import LedgerCore
import XCTest

/// The envelopes' running totals (`analytic_total`, Schema/0016): equal to the lines after every entry, what the
/// envelope's room is read from, filled by the migration for a ledger posted before it, and checked by `verify`.
final class AnalyticTotalsTests: XCTestCase {
    /// Grants and indemnities of two teams over two years, a line without analytic code in each entry, one entry
    /// with two lines on the same code and account.
    func ledger() throws -> TestLedger {
        let ledger = try TestLedger(today: "2026-12-31")
        for (index, date) in ["2025-01-15", "2025-02-01", "2025-03-31", "2026-01-10"].enumerated() {
            let team = index % 2 == 0 ? "T044-001" : "T049-001"
            try ledger.post(grant(team, cents: 10_000 * Int64(index + 1), on: date, key: "g\(index)"))
            let cents = Cents(Int64(250 + index))
            try ledger.post(EntryDraft(journal: .od, entryDate: day(date), pieceDate: day(date), pieceRef: "A\(index)", label: "action \(index)",
                                       lines: [.debit("622600", cents, analytic: "\(team)/2025"), .credit("441900", cents, auxiliary: "T009"),
                                               .debit("622600", Cents(7), analytic: "\(team)/2025"), .credit("441900", Cents(7), auxiliary: "T009")],
                                       idempotencyKey: "a\(index)"))
        }
        return ledger
    }

    struct Total: Equatable {
        let analytic: String, account: String, debit: Int64, credit: Int64
    }

    func stored(_ db: Database) throws -> [Total] {
        try Row.fetchAll(db, sql: "SELECT analytic, account, debit_cents, credit_cents FROM analytic_total ORDER BY analytic, account").map {
            Total(analytic: $0[0], account: $0[1], debit: $0[2], credit: $0[3])
        }
    }

    func fromLines(_ db: Database) throws -> [Total] {
        try Row.fetchAll(db, sql: """
            SELECT analytic, account, SUM(debit_cents), SUM(credit_cents) FROM posting WHERE analytic IS NOT NULL
            GROUP BY analytic, account ORDER BY analytic, account
            """).map { Total(analytic: $0[0], account: $0[1], debit: $0[2], credit: $0[3]) }
    }

    func testTheTotalsAreTheSumsOfTheLinesAndTheEnvelopeReadsThem() throws {
        let ledger = try ledger()
        try ledger.database.read { db in
            XCTAssertEqual(try stored(db), try fromLines(db))
            XCTAssertEqual(try stored(db), [
                Total(analytic: "T044-001/2025", account: "622600", debit: 250 + 7 + 252 + 7, credit: 0),
                Total(analytic: "T044-001/2025", account: "741000", debit: 0, credit: 10_000 + 30_000),
                Total(analytic: "T049-001/2025", account: "622600", debit: 251 + 7 + 253 + 7, credit: 0),
                Total(analytic: "T049-001/2025", account: "741000", debit: 0, credit: 20_000 + 40_000),
            ])
            let status = try EnvelopeStore.status(EnvelopeKey(team: TeamID(unchecked: "T049-001"), year: 2025), in: db)
            XCTAssertEqual(status.granted, Cents(60_000))
            XCTAssertEqual(status.consumed, Cents(518))
            XCTAssertEqual(try EnvelopeStore.statuses(year: nil, team: nil, in: db).map(\.team.rawValue), ["T044-001", "T049-001"])
        }
        XCTAssertTrue(try ledger.verify().isClean)
    }

    /// A grant reads what the envelope already holds from the totals: the balance of the lines, for every result
    /// account and code (and nothing for a code or account without lines).
    func testAResultAccountsBalanceOnACodeIsTheBalanceOfItsLines() throws {
        let ledger = try ledger()
        try ledger.database.read { db in
            for analytic in ["T044-001/2025", "T049-001/2025", "T050-001/2025"] {
                for account in ["622600", "741000", "789400"] {
                    XCTAssertEqual(try AnalyticTotals.resultBalance(account: account, analytic: analytic, in: db),
                                   try Balances.balance(account: account, analytic: analytic, in: db), "\(analytic) \(account)")
                }
            }
            XCTAssertEqual(try AnalyticTotals.resultBalance(account: "741000", analytic: "T049-001/2025", in: db), Cents(-60_000))
        }
    }

    /// The import reads an envelope's room between the entries of one batch: the totals must already hold the
    /// entries posted before the read, not only at the end of the batch.
    func testARoomReadBetweenTwoEntriesOfOneBatchIncludesTheFirst() throws {
        let ledger = try TestLedger(today: "2025-12-31")
        let key = EnvelopeKey(team: TeamID(unchecked: "T044-001"), year: 2025)
        let rooms = try ledger.database.write(ledger.context) { db in
            let rooms = try LedgerWriter.posting(in: db) { batch -> [Cents] in
                var rooms = [try EnvelopeStore.status(key, in: db).room]
                _ = try batch.post(grant("T044-001", cents: 1_000_000, key: "g"), validDate: ledger.context.today, in: db)
                rooms.append(try EnvelopeStore.status(key, in: db).room)
                _ = try batch.post(EntryDraft(journal: .ind, entryDate: day("2025-03-01"), pieceDate: day("2025-03-01"), pieceRef: "A1",
                                              label: "action", lines: [.debit("622600", Cents(12_345), analytic: "T044-001/2025"),
                                                                       .credit("401100", Cents(12_345), auxiliary: "10003456789")],
                                              idempotencyKey: "a1"), validDate: ledger.context.today, in: db)
                rooms.append(try EnvelopeStore.status(key, in: db).room)
                return rooms
            }
            return (rooms, "batch")
        }
        XCTAssertEqual(rooms, [.zero, Cents(1_000_000), Cents(1_000_000 - 12_345)])
    }

    func testVerifyNamesTheAnalyticCodeWhoseTotalsNoLongerMatchItsLines() throws {
        let damages = [
            "UPDATE analytic_total SET debit_cents = debit_cents + 1 WHERE analytic = 'T049-001/2025' AND account = '622600'",
            "DELETE FROM analytic_total WHERE analytic = 'T049-001/2025' AND account = '741000'",
            "INSERT INTO analytic_total VALUES ('T049-001/2025', '512000', 5, 0)",
            "UPDATE analytic_total SET analytic = 'T049-001/2026' WHERE analytic = 'T049-001/2025' AND account = '741000'",
        ]
        for sql in damages {
            let ledger = try ledger()
            try ledger.tamper(sql)
            let found = try ledger.verify().violations
            XCTAssertEqual(Set(found.map(\.code)), ["analytic_totals.mismatch"], sql)
            XCTAssertTrue(found.allSatisfy { $0.invariant == 7 }, sql)
            XCTAssertTrue(found.contains { $0.message.contains("« T049-001/2025 »") }, "\(sql): \(found)")
            XCTAssertFalse(found.contains { $0.message.contains("T044-001") }, "\(sql): \(found)")
        }
    }

    /// A line changed behind clap's back: the totals no longer match it, and `verify` says so besides the chain.
    func testAChangedAnalyticLineLeavesItsTotalsOutOfStep() throws {
        let ledger = try ledger()
        try ledger.tamper("UPDATE posting SET analytic = 'T049-001/2026' WHERE analytic = 'T049-001/2025' AND account = '741000'")
        let codes = Set(try ledger.verify().violations.map(\.code))
        XCTAssertTrue(codes.contains("analytic_totals.mismatch"), "\(codes)")
        XCTAssertTrue(codes.contains("chain.content"), "\(codes)")
    }

    func testTheMigrationFillsTheTotalsOfALedgerPostedBeforeIt() throws {
        let ledger = try ledger()
        let before = try ledger.database.read { try self.fromLines($0) }
        try ledger.database.close()
        try ledger.tamper("""
            DROP TABLE analytic_total; CREATE INDEX posting_by_analytic ON posting (analytic, account);
            DELETE FROM grdb_migrations WHERE identifier LIKE '0016%'
            """)
        let reopened = try ClapDatabase.open(at: ledger.path)
        try reopened.read { db in
            XCTAssertEqual(try self.stored(db), before)
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE name = 'posting_by_analytic'"), 0)
            XCTAssertTrue(try Verifier.verify(in: db, extraChecks: StoreChecks.all).isClean)
        }
    }
}

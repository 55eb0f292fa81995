import ClapStore
import Foundation
import GRDB
import LedgerCore
import XCTest

/// `LedgerWriter.posting` keeps the head, numbers, accounts and monthly totals in memory for a batch of entries:
/// what it writes must be exactly what posting the same drafts one by one writes.
final class PostingBatchTests: XCTestCase {
    /// Drafts over two journals, two fiscal years, several months, third parties and one à-nouveaux entry.
    private func drafts() -> [EntryDraft] {
        var result: [EntryDraft] = []
        for (index, team) in ["T044-001", "T049-001", "T085-002"].enumerated() {
            result.append(grant(team, cents: Int64(100_000 * (index + 1)), on: "2025-0\(index + 1)-15"))
            var receipt = grant(team, cents: 5_000, on: "2025-0\(index + 2)-03")
            receipt.journal = .bq
            result.append(receipt)
        }
        result.append(grant("T044-001", cents: 7_700, on: "2026-01-02"))
        var opening = grant("T049-001", cents: 1_234, on: "2026-01-01")
        opening.journal = .an
        result.append(opening)
        result.append(grant("T049-001", cents: 300, on: "2025-03-31", key: "once"))
        return result
    }

    private func snapshot(_ ledger: TestLedger) throws -> [String] {
        try ledger.database.read { db in
            try ["SELECT last_seq || ' ' || hash FROM ledger_head",
                 "SELECT seq || ' ' || journal || ' ' || fiscal_year || ' ' || number || ' ' || hash FROM entry ORDER BY seq",
                 "SELECT entry_seq || ' ' || line_no || ' ' || account || ' ' || debit_cents || ' ' || credit_cents FROM posting ORDER BY 1",
                 "SELECT account || ' ' || month || ' ' || debit_cents || ' ' || credit_cents FROM account_month ORDER BY account, month",
                 "SELECT account || ' ' || auxiliary || ' ' || month || ' ' || debit_cents || ' ' || credit_cents FROM third_party_month ORDER BY 1",
                 "SELECT entry_seq || ' ' || line_no FROM open_line ORDER BY entry_seq, line_no",
                 "SELECT analytic || ' ' || account || ' ' || debit_cents || ' ' || credit_cents FROM analytic_total ORDER BY 1"]
                .flatMap { try String.fetchAll(db, sql: $0) }
        }
    }

    func testABatchWritesWhatPostingOneByOneWrites() throws {
        let single = try TestLedger(), batched = try TestLedger()
        for draft in drafts() { try single.post(draft) }
        let outcomes = try batched.database.write(batched.context) { db in
            let outcomes = try LedgerWriter.posting(in: db) { ledger in
                try drafts().map { try ledger.post($0, validDate: batched.context.today, in: db) }
            }
            return (outcomes, "batch")
        }
        XCTAssertEqual(outcomes.count, drafts().count)
        XCTAssertTrue(outcomes.allSatisfy(\.isNew))
        XCTAssertEqual(try snapshot(batched), try snapshot(single))
        XCTAssertFalse(try snapshot(batched).isEmpty)
        let report = try batched.verify()
        XCTAssertTrue(report.isClean, "\(report.violations)")
        // The batch's last entry is the head: a later single post chains on it.
        let next = try batched.post(grant("T085-002", on: "2025-06-01")).entry
        XCTAssertEqual(next.previousHash, outcomes.last?.entry.hash)
    }

    /// Entries are held and written a hundred to a statement, every `holding` entries and at the end: whatever
    /// `holding`, the ledger is the same, and a table read between two posts sees the held entries once written.
    /// The envelope totals are current after each entry, or written with the held rows when the caller says so.
    func testHeldEntriesAreWrittenAtTheEndOrEveryHoldingEntriesToTheSameLedger() throws {
        let single = try TestLedger()
        for draft in drafts() { try single.post(draft) }
        let analyticSum = "SELECT COALESCE(SUM(credit_cents), 0) FROM analytic_total"
        // What the drafts credit on their analytic codes, after each of them.
        var credited: [Int64] = []
        for draft in drafts() {
            credited.append((credited.last ?? 0) + draft.lines.filter { $0.analytic != nil }.map(\.creditCents.value).reduce(0, +))
        }
        for holding in [1, 2, 3, 1_000] {
            for envelopeTotals in [EnvelopeTotalsWriting.withEachEntry, .withHeldRows] {
                let batched = try TestLedger()
                let (lines, totals) = try batched.database.write(batched.context) { db in
                    let seen = try LedgerWriter.posting(in: db, holding: holding, envelopeTotals: envelopeTotals) { ledger -> ([Int], [Int64]) in
                        var lines: [Int] = [], totals: [Int64] = []
                        for draft in drafts() {
                            _ = try ledger.post(draft, validDate: batched.context.today, in: db)
                            lines.append(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM posting") ?? -1)
                            totals.append(try Int64.fetchOne(db, sql: analyticSum) ?? -1)
                        }
                        try ledger.writePending(in: db)
                        lines.append(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM posting") ?? -1)
                        totals.append(try Int64.fetchOne(db, sql: analyticSum) ?? -1)
                        return (lines, totals)
                    }
                    return (seen, "batch")
                }
                let label = "holding \(holding), \(envelopeTotals)"
                // Two lines per draft: written by groups of `holding` entries, all of them after `writePending`.
                let posted = Array(1...drafts().count)
                let written = posted.map { $0 / holding * holding }
                XCTAssertEqual(Array(lines.dropLast()), written.map { 2 * $0 }, label)
                XCTAssertEqual(lines.last, 2 * drafts().count)
                switch envelopeTotals {
                case .withEachEntry: XCTAssertEqual(Array(totals.dropLast()), credited, label)
                case .withHeldRows: XCTAssertEqual(Array(totals.dropLast()), written.map { $0 == 0 ? 0 : credited[$0 - 1] }, label)
                }
                XCTAssertEqual(totals.last, credited.last)
                XCTAssertEqual(try snapshot(batched), try snapshot(single), label)
                XCTAssertTrue(try batched.verify().isClean)
            }
        }
    }

    /// An idempotency key is found among the held entries as well as in the table: the same request returns the entry
    /// (held or written), another request with the key is refused, and nothing more is written.
    func testAKeyRepeatedInsideTheBatchIsFoundWhetherItsEntryIsHeldOrWritten() throws {
        for holding in [1, 1_000] {
            let ledger = try TestLedger()
            try ledger.database.write(ledger.context) { db in
                try LedgerWriter.posting(in: db, holding: holding) { batch in
                    let first = try batch.post(grant("T044-001", key: "k1"), validDate: ledger.context.today, in: db)
                    XCTAssertTrue(first.isNew)
                    _ = try batch.post(grant("T049-001"), validDate: ledger.context.today, in: db)
                    let again = try batch.post(grant("T044-001", key: "k1"), validDate: ledger.context.today, in: db)
                    XCTAssertFalse(again.isNew, "holding \(holding)")
                    XCTAssertEqual(again.entry, first.entry)
                    XCTAssertThrowsError(try batch.post(grant("T044-001", cents: 1, key: "k1"), validDate: ledger.context.today, in: db)) {
                        XCTAssertEqual(($0 as? StoreError)?.code, "idempotency.conflict", "holding \(holding)")
                    }
                }
                return ((), "batch")
            }
            XCTAssertEqual(try ledger.database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM entry") }, 2)
            XCTAssertTrue(try ledger.verify().isClean)
        }
    }

    func testABatchReturnsTheOriginalForAKeyAlreadyPostedAndRefusesAClosedPeriodOrUnknownAccount() throws {
        let ledger = try TestLedger()
        let first = try ledger.post(grant("T044-001", key: "k1")).entry
        try ledger.database.write(ledger.context) { db in
            try LedgerWriter.lock(through: day("2025-01-31"), kind: "month", context: ledger.context, in: db)
            return ((), "lock")
        }
        try ledger.database.write(ledger.context) { db in
            try LedgerWriter.posting(in: db) { batch in
                let again = try batch.post(grant("T044-001", key: "k1"), validDate: ledger.context.today, in: db)
                XCTAssertFalse(again.isNew)
                XCTAssertEqual(again.entry, first)
                XCTAssertThrowsError(try batch.post(grant("T049-001", on: "2025-01-20"), validDate: ledger.context.today, in: db)) {
                    XCTAssertEqual(($0 as? StoreError)?.code, "period.closed")
                }
                var unknown = grant("T049-001", on: "2025-02-20")
                unknown.lines[1] = .credit("999999", Cents(1_000_000))
                XCTAssertThrowsError(try batch.post(unknown, validDate: ledger.context.today, in: db)) {
                    XCTAssertEqual(($0 as? StoreError)?.code, "account.unknown")
                }
            }
            return ((), "batch")
        }
        XCTAssertEqual(try ledger.database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM entry") }, 1)
        XCTAssertTrue(try ledger.verify().isClean)
    }

    /// The writer journals its statements in memory (on disk, a month's import wrote 500 MB to a temporary file);
    /// readers keep temporary storage on disk, so that an export's sort never grows in memory with the ledger.
    func testOnlyTheWriterKeepsItsTemporaryStorageInMemory() throws {
        let ledger = try TestLedger()
        let writer = try ledger.database.write(ledger.context) { db in
            (try Int.fetchOne(db, sql: "PRAGMA temp_store"), "pragma")
        }
        let reader = try ledger.database.read { try Int.fetchOne($0, sql: "PRAGMA temp_store") }
        XCTAssertEqual(writer, 2, "MEMORY")
        XCTAssertEqual(reader, 0, "DEFAULT: files")
    }
}

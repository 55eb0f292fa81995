import ClapStore
import Foundation
import GRDB
import LedgerCore
import XCTest

/// Each invariant `verify` checks is shown failing: the file is edited behind clap's back and `verify` names the entry.
final class TamperTests: XCTestCase {
    /// Three OD entries (numbers 1…3) and one BQ entry.
    func ledgerWithEntries() throws -> TestLedger {
        let ledger = try TestLedger()
        try ledger.post(grant("T044-001"))
        try ledger.post(grant("T049-001"))
        try ledger.post(grant("T053-001", key: "grant/T053-001"))
        var receipt = grant("T044-001")
        receipt.journal = .bq
        try ledger.post(receipt)
        XCTAssertTrue(try ledger.verify().isClean)
        return ledger
    }

    func findings(_ ledger: TestLedger) throws -> [LedgerViolation] { try ledger.verify().violations }

    func testAChangedAmountBreaksBalanceAndHashAtThatEntry() throws {
        let ledger = try ledgerWithEntries()
        try ledger.tamper("UPDATE posting SET debit_cents = 999 WHERE entry_seq = 2 AND line_no = 1")
        let found = try findings(ledger)
        let od2 = EntryRef(journal: .od, fiscalYear: 2025, number: 2)
        XCTAssertTrue(found.contains { $0.invariant == 1 && $0.entry == od2 }, "\(found)")
        XCTAssertTrue(found.contains { $0.invariant == 3 && $0.code == "chain.content" && $0.entry == od2 })
        XCTAssertTrue(found.contains { $0.invariant == 7 })
    }

    func testAChangedAccountLabelOrDateBreaksTheHashAtThatEntry() throws {
        for sql in ["UPDATE posting SET account = '512000' WHERE entry_seq = 2 AND line_no = 1",
                    "UPDATE entry SET label = 'autre chose' WHERE seq = 2",
                    "UPDATE entry SET entry_date = '2025-02-01' WHERE seq = 2"] {
            let ledger = try ledgerWithEntries()
            try ledger.tamper(sql)
            let found = try findings(ledger)
            // A moved line also leaves the monthly totals and open lines (Schema/0008) out of step: named separately.
            XCTAssertEqual(found.map(\.code).filter { !["totals.mismatch", "open_line.mismatch"].contains($0) }, ["chain.content"], sql)
            XCTAssertEqual(found.first?.entry, EntryRef(journal: .od, fiscalYear: 2025, number: 2), sql)
        }
    }

    func testADeletedEntryLeavesAGapAndABrokenLink() throws {
        let ledger = try ledgerWithEntries()
        try ledger.tamper("DELETE FROM posting WHERE entry_seq = 2; DELETE FROM entry WHERE seq = 2")
        let found = try findings(ledger)
        let od3 = EntryRef(journal: .od, fiscalYear: 2025, number: 3)
        XCTAssertTrue(found.contains { $0.invariant == 2 && $0.code == "numbering.gap" && $0.entry == od3 }, "\(found)")
        XCTAssertTrue(found.contains { $0.invariant == 3 && $0.code == "chain.link" && $0.entry == od3 })
    }

    func testAnInsertedEntryIsNamed() throws {
        let ledger = try ledgerWithEntries()
        try ledger.tamper("""
            INSERT INTO entry (seq, journal, fiscal_year, number, entry_date, piece_date, valid_date, piece_ref, label, request_digest, prev_hash, hash)
            VALUES (5, 'OD', 2025, 4, '2025-01-20', '2025-01-20', '2025-01-20', 'X', 'ajout', 'x',
                    (SELECT hash FROM entry WHERE seq = 4), '\(String(repeating: "a", count: 64))');
            INSERT INTO posting VALUES (5, 1, '622600', NULL, NULL, 500, 0), (5, 2, '401100', '10000000009', NULL, 0, 500);
            """)
        let found = try findings(ledger)
        let od4 = EntryRef(journal: .od, fiscalYear: 2025, number: 4)
        XCTAssertTrue(found.contains { $0.code == "chain.content" && $0.entry == od4 }, "\(found)")
        XCTAssertTrue(found.contains { $0.code == "chain.head" })
    }

    func testARenumberedEntryIsNamed() throws {
        let ledger = try ledgerWithEntries()
        try ledger.tamper("UPDATE entry SET number = 7 WHERE seq = 3")
        let found = try findings(ledger)
        let od7 = EntryRef(journal: .od, fiscalYear: 2025, number: 7)
        XCTAssertTrue(found.contains { $0.invariant == 2 && $0.entry == od7 }, "\(found)")
        XCTAssertTrue(found.contains { $0.invariant == 3 && $0.entry == od7 })
    }

    func testABrokenHashIsNamed() throws {
        let ledger = try ledgerWithEntries()
        try ledger.tamper("UPDATE entry SET hash = '\(String(repeating: "b", count: 64))' WHERE seq = 2")
        let found = try findings(ledger)
        XCTAssertTrue(found.contains { $0.code == "chain.content" && $0.entry?.number == 2 }, "\(found)")
        XCTAssertTrue(found.contains { $0.code == "chain.link" && $0.entry?.number == 3 })
    }

    func testAnEntryBackdatedIntoAClosedPeriodIsNamed() throws {
        let ledger = try ledgerWithEntries()
        try ledger.database.write(ledger.context) { db in
            try LedgerWriter.lock(through: day("2025-01-31"), kind: "month", context: ledger.context, in: db)
            return ((), "lock")
        }
        try ledger.post(grant("T072-001", on: "2025-02-03"))
        try ledger.tamper("UPDATE entry SET entry_date = '2025-01-20' WHERE seq = 5")
        let found = try findings(ledger)
        XCTAssertTrue(found.contains { $0.invariant == 4 && $0.entry == EntryRef(journal: .od, fiscalYear: 2025, number: 4) }, "\(found)")
    }

    func testAReusedIdempotencyKeyIsNamed() throws {
        let ledger = try ledgerWithEntries()
        // Rebuild the table without its UNIQUE constraint, as a determined tamperer would, then reuse a key.
        let columns = "seq, journal, fiscal_year, number, entry_date, piece_date, valid_date, piece_ref, label, idempotency_key, request_digest, reverses_journal, reverses_year, reverses_number, prev_hash, hash"
        try ledger.tamper("""
            CREATE TABLE entry_copy AS SELECT \(columns) FROM entry;
            DROP TABLE entry;
            ALTER TABLE entry_copy RENAME TO entry;
            UPDATE entry SET idempotency_key = 'grant/T053-001' WHERE seq = 2;
            """)
        let found = try findings(ledger)
        XCTAssertTrue(found.contains { $0.invariant == 9 && $0.entry?.number == 2 }, "\(found)")
    }

    func testADroppedGuardIsReported() throws {
        let ledger = try ledgerWithEntries()
        let queue = try DatabaseQueue(path: ledger.path)
        try queue.write { try $0.execute(sql: "DROP TRIGGER entry_is_immutable_u") }
        XCTAssertEqual(try findings(ledger).map(\.code), ["guard.missing"])
    }
}

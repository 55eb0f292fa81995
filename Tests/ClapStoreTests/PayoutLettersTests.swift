import ClapDomain
@testable import ClapStore
import Foundation
import GRDB
import LedgerCore
import XCTest

/// Each payout letters a professional's lines with the next letter of their account: the letter after the one their
/// latest earlier transfer carries, which is the count of their earlier transfers.
final class PayoutLettersTests: XCTestCase {
    /// `AAAA-MM` and the 5th of the following month, `months` after January 2025.
    private func month(_ months: Int) -> (month: String, execution: String) {
        let year = 2025 + months / 12, number = months % 12 + 1
        let next = (year: number == 12 ? year + 1 : year, month: number == 12 ? 1 : number + 1)
        return (String(format: "%04d-%02d", year, number), String(format: "%04d-%02d-05", next.year, next.month))
    }

    /// The letter on each transfer's own debit line, per professional, in batch order.
    private func transferLetters(_ world: PayoutWorld, _ n: Int) throws -> [String] {
        try world.database.read { db in
            try String.fetchAll(db, sql: """
                SELECT l.letter FROM payout_transfer t JOIN payout_batch b ON b.id = t.batch_id
                JOIN lettering l ON l.entry_seq = b.entry_seq AND l.line_no = t.line_no
                WHERE t.rpps = ? ORDER BY t.batch_id
                """, arguments: [world.rpps(n).rawValue])
        }
    }

    func testLettersFollowOnPastZThroughRejectionsAndSkippedMonths() throws {
        let world = try PayoutWorld()
        for m in 0..<30 {
            let (month, execution) = self.month(m)
            try world.indemnity(1, 1_000 + Int64(m), on: month + "-10", ref: "P1-\(m)")
            if m.isMultiple(of: 2) { try world.indemnity(2, 2_000, on: month + "-12", ref: "P2-\(m)") }
            if m == 0 || m == 5 { try world.indemnity(3, 3_000, on: month + "-14", ref: "P3-\(m)") }
            try world.run(month, execution: execution)
            if m == 3 || m == 4 { try world.reject("VIR-" + month, 1, today: execution) }
        }
        let first = try transferLetters(world, 1)
        XCTAssertEqual(first, (0..<30).map(LetterSequence.letter(at:)))
        XCTAssertEqual(Array(first[24...27]), ["Y", "Z", "AA", "AB"])
        XCTAssertEqual(try transferLetters(world, 2), (0..<15).map(LetterSequence.letter(at:)))
        XCTAssertEqual(try transferLetters(world, 3), ["A", "B"])
        // The month after a rejection, the re-opened amount is lettered with that month's new letter.
        let reopened = try world.database.read { db in
            try String.fetchAll(db, sql: """
                SELECT l.letter FROM lettering l JOIN entry e ON e.seq = l.entry_seq
                WHERE e.idempotency_key LIKE 'reject/%' ORDER BY e.seq
                """)
        }
        XCTAssertEqual(reopened, ["E", "F"], "rejected in the batches of April and May (D, E), paid again in May and June")
        XCTAssertEqual(try world.owed(1), .zero)
        try world.assertClean()
    }

    func testAnEarlierTransferWithoutItsLetterFallsBackToCountingTransfers() throws {
        let world = try PayoutWorld()
        for m in 0..<3 {
            let (month, execution) = self.month(m)
            try world.indemnity(1, 1_000, on: month + "-10", ref: "P1-\(m)")
            try world.run(month, execution: execution)
        }
        XCTAssertEqual(try transferLetters(world, 1), ["A", "B", "C"])
        // Damage: the latest transfer's line loses its letter (verify reports it); the next letter is still D.
        try world.ledger.tamper("""
            DELETE FROM lettering WHERE (entry_seq, line_no) = (SELECT b.entry_seq, t.line_no FROM payout_transfer t
                JOIN payout_batch b ON b.id = t.batch_id WHERE t.batch_id = 'VIR-2025-03')
            """)
        XCTAssertEqual(try transferLetters(world, 1), ["A", "B"])
        let (month, execution) = self.month(3)
        try world.indemnity(1, 1_000, on: month + "-10", ref: "P1-3")
        try world.run(month, execution: execution)
        XCTAssertEqual(try transferLetters(world, 1), ["A", "B", "D"])
    }

    func testLetterPositionIsTheInverseOfTheSequence() {
        for position in 0..<(26 + 26 * 26 + 26 * 26 * 26) {
            XCTAssertEqual(PayoutStore.letterPosition(LetterSequence.letter(at: position)), position)
        }
        for invalid in ["", "a", "A1", "AAAA", "É", " A"] { XCTAssertNil(PayoutStore.letterPosition(invalid), invalid) }
    }
}

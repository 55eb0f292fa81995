import ClapStore
import Foundation
import GRDB
import LedgerCore
import XCTest

/// Invariant 7 for payouts: verify ties each payable balance to indemnities, payouts and rejects, and each can fail.
final class PayoutVerifyTests: XCTestCase {
    func paidWorld() throws -> PayoutWorld {
        let world = try PayoutWorld()
        try world.indemnity(1, 5_000, on: "2025-10-03", ref: "A-1")
        try world.indemnity(2, 4_000, on: "2025-10-04", ref: "A-2")
        try world.run("2025-10", execution: "2025-11-05")
        try world.reject("VIR-2025-10", 2, today: "2025-11-12")
        try world.assertClean()
        return world
    }

    func testATamperedTransferAmountIsFound() throws {
        let world = try paidWorld()
        try world.ledger.tamper("UPDATE payout_transfer SET amount_cents = 4000 WHERE rpps = '\(world.rpps(1).rawValue)'")
        let found = try world.payoutVerification().violations
        XCTAssertTrue(found.contains { $0.invariant == 7 && $0.code == "payable.mismatch" && $0.message.contains(world.rpps(1).rawValue) }, "\(found)")
        XCTAssertTrue(found.contains { $0.code == "payout.entry_mismatch" && $0.entry == EntryRef(journal: .bq, fiscalYear: 2025, number: 1) }, "\(found)")
        XCTAssertFalse(found.contains { $0.message.contains(world.rpps(2).rawValue) })
    }

    func testAnErasedRejectionIsFound() throws {
        let world = try paidWorld()
        try world.ledger.tamper("""
            UPDATE payout_transfer SET rejected_on = NULL, reject_reason = NULL, reject_entry_seq = NULL
            WHERE rpps = '\(world.rpps(2).rawValue)'
            """)
        let found = try world.payoutVerification().violations
        XCTAssertEqual(found.map(\.code), ["payable.mismatch"], "\(found)")
    }

    func testAMovedLetterIsFound() throws {
        let world = try paidWorld()
        try world.ledger.tamper("UPDATE lettering SET letter = 'B' WHERE entry_seq = (SELECT MIN(seq) FROM entry)")
        let found = try world.payoutVerification().violations
        XCTAssertEqual(Set(found.map(\.code)), ["lettering.unbalanced"], "\(found)")
    }

    func testTheTablesRefuseEditsThroughClap() throws {
        let world = try paidWorld()
        for sql in ["UPDATE payout_transfer SET amount_cents = 1", "DELETE FROM payout_transfer",
                    "UPDATE payout_batch SET message_id = 'x'", "DELETE FROM lettering", "UPDATE lettering SET letter = 'Z'",
                    "UPDATE payout_transfer SET reject_reason = 'autre' WHERE rejected_on IS NOT NULL"] {
            XCTAssertThrowsError(try world.database.write(world.ledger.context) { db in
                try db.execute(sql: sql)
                return ((), "tamper")
            }, sql)
        }
    }
}

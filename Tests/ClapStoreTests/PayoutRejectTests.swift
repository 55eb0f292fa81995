import ClapDomain
import ClapStore
import Foundation
import GRDB
import LedgerCore
import XCTest

/// A transfer the bank sends back is re-opened and paid exactly once more, with the IBAN then on file.
final class PayoutRejectTests: XCTestCase {
    func testARejectThenARerunPaysExactlyOnceMoreWithTheNewIBAN() throws {
        let world = try PayoutWorld()
        try world.indemnity(1, 5_000, on: "2025-10-03", ref: "A-1")
        try world.indemnity(2, 4_000, on: "2025-10-04", ref: "A-2")
        let october = try world.run("2025-10", execution: "2025-11-05").batch
        let oldIBANID = try XCTUnwrap(october.transfers.first?.ibanID)

        let rejected = try world.reject("VIR-2025-10", 1, today: "2025-11-12", reason: "  Compte clos  ")
        XCTAssertEqual(rejected.rejection?.on, day("2025-11-12"))
        XCTAssertEqual(rejected.rejection?.reason, "Compte clos")
        XCTAssertEqual(rejected.rejection?.entry, EntryRef(journal: .bq, fiscalYear: 2025, number: 2))
        let entry = try world.database.read { try LedgerReader.entry(idempotencyKey: "reject/VIR-2025-10/" + world.rpps(1).rawValue, in: $0) }
        XCTAssertEqual(entry?.draft.lines, [.debit("512000", Cents(5_000)), .credit("401100", Cents(5_000), auxiliary: world.rpps(1).rawValue)])
        XCTAssertEqual(entry?.draft.pieceRef, "VIR-2025-10")
        XCTAssertEqual(try world.owed(1), Cents(5_000), "owed again")

        try world.register(1, iban: PayoutTestIDs.iban(1, variant: 1))
        let november = try world.run("2025-11", execution: "2025-12-05").batch
        XCTAssertEqual(november.transfers.map(\.rpps), [world.rpps(1)])
        XCTAssertEqual(november.transfers.map(\.amount), [Cents(5_000)])
        XCTAssertEqual(november.transfers.first?.iban.rawValue, PayoutTestIDs.iban(1, variant: 1))
        XCTAssertNotEqual(november.transfers.first?.ibanID, oldIBANID)
        XCTAssertEqual(november.transfers.first?.paidPieceRefs, ["VIR-2025-10"], "the re-opened transfer")
        XCTAssertEqual(try world.database.read { try PayoutStore.batch(id: "VIR-2025-10", in: $0) }.transfers.first?.ibanID, oldIBANID,
                       "the rejected transfer keeps the IBAN it used")

        let december = try world.run("2025-12", execution: "2026-01-05").batch
        XCTAssertTrue(december.transfers.isEmpty, "paid once more, not twice")
        XCTAssertEqual(try world.owed(1), .zero)
        let bank = try world.database.read { try Balances.balance(account: "512000", in: $0) }
        XCTAssertEqual(bank, Cents(-9_000), "5 000 + 4 000 sent, 5 000 back, 5 000 sent again")
        try world.assertClean()
    }

    func testRejectRefusesAnUnknownOrAlreadyRejectedTransferAndWritesNothing() throws {
        let world = try PayoutWorld()
        try world.indemnity(1, 5_000, on: "2025-10-03", ref: "A-1")
        try world.run("2025-10", execution: "2025-11-05")
        func code(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch { return (error as? StoreError)?.code }
        }
        XCTAssertEqual(code { try world.reject("VIR-2025-10", 2, today: "2025-11-12") }, "payout.transfer_unknown")
        XCTAssertEqual(code { try world.reject("VIR-2025-09", 1, today: "2025-11-12") }, "not_found")
        XCTAssertEqual(code { try world.reject("VIR-2025-10", 1, today: "2025-11-12", reason: "   ") }, "payout.reject_reason")
        try world.reject("VIR-2025-10", 1, today: "2025-11-12")
        XCTAssertEqual(code { try world.reject("VIR-2025-10", 1, today: "2025-11-13") }, "payout.already_rejected")
        XCTAssertEqual(try world.count("SELECT COUNT(*) FROM entry WHERE journal = 'BQ'"), 2)
        XCTAssertEqual(try world.owed(1), Cents(5_000))
        try world.assertClean()
    }

    func testARejectionBeforeTheExecutionDateIsDatedAtTheBatchEntry() throws {
        let world = try PayoutWorld()
        try world.indemnity(1, 5_000, on: "2025-10-03", ref: "A-1")
        try world.run("2025-10", execution: "2025-11-05", today: "2025-11-01")
        let rejected = try world.reject("VIR-2025-10", 1, today: "2025-11-02")
        XCTAssertEqual(rejected.rejection?.on, day("2025-11-05"))
        try world.assertClean()
    }
}

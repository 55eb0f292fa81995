import ClapDomain
import ClapStore
import Foundation
import LedgerCore
import XCTest

final class AccountLedgerTests: XCTestCase {
    private func read(_ world: ClosingWorld, _ request: AccountLedgerRequest) throws -> (AccountLedgerSummary, [AccountLedgerLine]) {
        var lines: [AccountLedgerLine] = []
        let summary = try world.read { try AccountLedger.read(request, in: $0) { lines.append($0) } }
        return (summary, lines)
    }

    func testTheGrandLivreOpensWithTheBalanceBeforeItAndEndsOnTheTrialBalance() throws {
        let world = try ClosingWorld()
        try world.rcp("R1", on: "2025-03-10", today: "2025-03-12")
        try world.rcp("R2", on: "2025-12-10", today: "2025-12-12")
        _ = try world.closeYear(2025, today: "2026-01-03")
        try world.rcp("R3", on: "2026-01-04", today: "2026-01-05")   // refused: no 2026 envelope yet, nothing posted
        try world.write("2026-01-05") { db, context in
            try PayoutStore.runPayout(PayoutRequest(month: YearMonth(year: 2025, month: 12)!, executionDate: day("2026-01-05")), context: context, in: db)
        }

        let all = try read(world, AccountLedgerRequest(account: "401100", auxiliary: world.doctor, from: nil, to: nil))
        let balance = try XCTUnwrap(try world.read { try Balances.trialBalance(at: nil, byAuxiliary: true, in: $0) }
            .first { $0.account == "401100" && $0.auxiliary == world.doctor })
        XCTAssertEqual(all.0.totalDebit, balance.debit)
        XCTAssertEqual(all.0.totalCredit, balance.credit)
        XCTAssertEqual(all.0.closing, balance.balance)
        XCTAssertEqual(all.0.opening, .zero)
        XCTAssertEqual(all.1.map(\.entry.journal), [.ind, .ind, .bq], "the à-nouveaux are not lines of the whole history")
        XCTAssertEqual(all.1.last?.debit, Cents(16_000), "December's payout pays what was owed through 31/12")
        XCTAssertEqual(all.1.map(\.runningBalance), [Cents(-8_000), Cents(-16_000), .zero])
        XCTAssertEqual(all.1.map(\.entryDate), [day("2025-03-10"), day("2025-12-10"), day("2026-01-05")])

        let year2026 = try read(world, AccountLedgerRequest(account: "401100", auxiliary: world.doctor, from: day("2026-01-01"), to: day("2026-12-31")))
        XCTAssertEqual(year2026.0.opening, try world.read { try Balances.balance(account: "401100", auxiliary: world.doctor, through: day("2025-12-31"), in: $0) })
        XCTAssertEqual(year2026.0.opening, Cents(-16_000))
        XCTAssertEqual(year2026.1.count, 1)
        XCTAssertEqual(year2026.0.closing, .zero)

        XCTAssertThrowsError(try read(world, AccountLedgerRequest(account: "999999", auxiliary: nil, from: nil, to: nil))) {
            XCTAssertEqual(($0 as? StoreError)?.code, "account.unknown")
        }
    }
}

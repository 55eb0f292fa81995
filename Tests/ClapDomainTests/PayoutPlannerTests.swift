import ClapDomain
import LedgerCore
import XCTest

/// Who a month's batch pays, carries and leaves out, decided without a database.
final class PayoutPlannerTests: XCTestCase {
    let october = YearMonth(year: 2025, month: 10)!
    let goodIBAN = "FR7630006000011234567890189"

    func candidate(_ rpps: String, _ cents: Int64, iban: String? = nil, active: Bool = true, registered: Bool = true) -> PayoutCandidate {
        PayoutCandidate(rpps: RPPS(unchecked: rpps), balanceDue: Cents(cents),
                        payee: registered ? Payee(name: "Claire LEMOINE", isActive: active, ibanID: 7, ibanText: iban ?? goodIBAN, bic: nil) : nil)
    }

    func testPaysWhatIsDueAtOrAboveTheThresholdInRPPSOrder() {
        let plan = PayoutPlanner.plan(month: october, threshold: Cents(100), candidates: [
            candidate("10000000002", 12_345), candidate("10000000001", 100), candidate("10000000003", 99),
        ])
        XCTAssertEqual(plan.transfers.map(\.rpps.rawValue), ["10000000001", "10000000002"])
        XCTAssertEqual(plan.transfers.map(\.amount), [Cents(100), Cents(12_345)])
        XCTAssertEqual(plan.total, Cents(12_445))
        XCTAssertEqual(plan.transfers.first?.endToEndID, "VIR-2025-10-10000000001")
        XCTAssertEqual(plan.transfers.first?.payee.ibanID, 7)
        XCTAssertEqual(plan.exclusions.map(\.reason), [.belowThreshold(Cents(100))])
        XCTAssertEqual(plan.exclusions.first?.reason.code, "payout.below_threshold")
        XCTAssertTrue(plan.exclusions.first?.reason.isCarried ?? false)
    }

    func testANegativeBalanceIsCarriedNeverSent() {
        let plan = PayoutPlanner.plan(month: october, threshold: .zero, candidates: [candidate("10000000001", -2_500)])
        XCTAssertTrue(plan.transfers.isEmpty)
        XCTAssertEqual(plan.exclusions.map(\.reason), [.negativeBalance])
        XCTAssertEqual(plan.exclusions.first?.balance, Cents(-2_500))
        XCTAssertTrue(plan.exclusions.first?.reason.message(balance: Cents(-2_500)).contains("25,00") ?? false)
    }

    func testAZeroBalanceIsNeitherPaidNorListed() {
        let plan = PayoutPlanner.plan(month: october, threshold: .zero, candidates: [candidate("10000000001", 0)])
        XCTAssertTrue(plan.transfers.isEmpty)
        XCTAssertTrue(plan.exclusions.isEmpty)
    }

    func testAnInvalidIBANAnInactiveOrUnknownProfessionalIsLeftOutWithTheReason() {
        let plan = PayoutPlanner.plan(month: october, threshold: Cents(100), candidates: [
            candidate("10000000001", 5_000, iban: "FR7630006000011234567890180"),
            candidate("10000000002", 5_000, active: false),
            candidate("10000000003", 5_000, registered: false),
            candidate("10000000004", 5_000, iban: "US12345678901234567890"),
        ])
        XCTAssertTrue(plan.transfers.isEmpty)
        XCTAssertEqual(plan.exclusions.map(\.reason.code), ["payout.invalid_iban", "payout.inactive",
                                                            "payout.unknown_professional", "payout.invalid_iban"])
        XCTAssertFalse(plan.exclusions.contains { $0.reason.isCarried })
        if case .invalidIBAN(let issue) = plan.exclusions[0].reason { XCTAssertEqual(issue.code, "iban.checksum") } else { XCTFail() }
        XCTAssertTrue(plan.exclusions[0].reason.message(balance: Cents(5_000)).hasPrefix("IBAN refusé"))
    }

    func testTheThresholdIsBounded() {
        XCTAssertEqual(try PayoutPlanner.checkThreshold(.zero).get(), .zero)
        XCTAssertEqual(try PayoutPlanner.checkThreshold(PayoutPlanner.thresholdMax).get(), PayoutPlanner.thresholdMax)
        XCTAssertThrowsError(try PayoutPlanner.checkThreshold(Cents(-1)).get())
        XCTAssertThrowsError(try PayoutPlanner.checkThreshold(PayoutPlanner.thresholdMax + Cents(1)).get())
    }

    func testIdentifiersStayWithinTheEPCRules() {
        let rpps = RPPS(unchecked: "10748602298")
        let ids = [PayoutIdentifiers.batchID(october), PayoutIdentifiers.endToEndID(october, rpps: rpps),
                   PayoutIdentifiers.messageID(october, createdAt: "2025-11-05T09:30:00")]
        XCTAssertEqual(ids, ["VIR-2025-10", "VIR-2025-10-10748602298", "VIR-2025-10-20251105093000"])
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")
        for id in ids {
            XCTAssertLessThanOrEqual(id.count, 35, id)
            XCTAssertTrue(id.allSatisfy(allowed.contains), id)
        }
        XCTAssertEqual(PayoutIdentifiers.remittance(october), "ESP CLAP indemnites 2025-10")
        XCTAssertEqual(PayoutIdentifiers.month(ofBatchID: "VIR-2025-10"), october)
        XCTAssertEqual(PayoutIdentifiers.month(ofBatchID: "2025-10"), october)
        XCTAssertNil(PayoutIdentifiers.month(ofBatchID: "VIR-2025-13"))
        XCTAssertEqual(PayoutIdentifiers.entryKey(october), "payout/2025-10")
        XCTAssertEqual(PayoutIdentifiers.rejectKey(batchID: "VIR-2025-10", rpps: rpps), "reject/VIR-2025-10/10748602298")
    }
}

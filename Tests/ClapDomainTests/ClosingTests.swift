import ClapDomain
import LedgerCore
import XCTest

private func d(_ text: String) -> Day {
    guard let day = Day.parse(text) else { preconditionFailure("bad test date \(text)") }
    return day
}

private func team(_ id: String) -> TeamID { TeamID(unchecked: id) }

/// A chart renumbered by an accountant: every closing entry must follow the roles, not the default numbers.
private let renumbered: Chart = {
    let accounts: [(AccountRole, String, Bool)] = [
        (.bank, "512100", false), (.arsReceivable, "441110", true), (.professionalPayable, "401110", true),
        (.arsRefundPayable, "441910", true), (.subsidyRevenue, "741100", false), (.indemnityExpense, "622610", false),
        (.dedicatedFunds, "194100", false), (.dedicatedFundsExpense, "689410", false), (.dedicatedFundsReuse, "789410", false),
    ]
    guard let chart = Chart(accounts: accounts.map { ChartAccount(number: $0.1, label: "Compte \($0.1)", role: $0.0, isThirdParty: $0.2) }) else {
        preconditionFailure("a chart naming every role")
    }
    return chart
}()

final class PeriodClosingTests: XCTestCase {
    private let nothingLocked = LockState(closedThrough: nil, closedYearThrough: nil, firstEntryOfOpenYears: d("2025-01-15"))

    func testAMonthClosesOnceItIsOverAndLocksThroughItsLastDay() {
        let march = YearMonth(year: 2025, month: 3)!
        XCTAssertEqual(PeriodClosing.month(march, today: d("2025-03-31"), locks: nothingLocked), .failure(.monthNotEnded(march, today: d("2025-03-31"))))
        XCTAssertEqual(PeriodClosing.month(march, today: d("2025-04-01"), locks: nothingLocked), .success(.close(from: nil, through: d("2025-03-31"))))
        let afterJanuary = LockState(closedThrough: d("2025-01-31"), closedYearThrough: nil, firstEntryOfOpenYears: d("2025-01-15"))
        XCTAssertEqual(PeriodClosing.month(march, today: d("2025-04-01"), locks: afterJanuary),
                       .success(.close(from: d("2025-02-01"), through: d("2025-03-31"))))
    }

    func testAClosedMonthIsAlreadyClosedAndDecemberClosesWithItsYear() {
        let locked = LockState(closedThrough: d("2025-05-31"), closedYearThrough: nil, firstEntryOfOpenYears: d("2025-01-15"))
        XCTAssertEqual(PeriodClosing.month(YearMonth(year: 2025, month: 4)!, today: d("2025-08-01"), locks: locked),
                       .success(.alreadyClosed(through: d("2025-05-31"))))
        let december = YearMonth(year: 2025, month: 12)!
        XCTAssertEqual(PeriodClosing.month(december, today: d("2026-01-10"), locks: locked), .failure(.decemberClosesWithYear(december)))
        XCTAssertEqual(ClosingRefusal.decemberClosesWithYear(december).code, "close.december_with_year")
    }

    func testAMonthOfANewYearWaitsForTheYearBeforeToClose() {
        let january = YearMonth(year: 2026, month: 1)!
        XCTAssertEqual(PeriodClosing.month(january, today: d("2026-02-10"), locks: nothingLocked),
                       .failure(.previousYearOpen(2025, closing: "de clôturer un mois de 2026")))
        let yearClosed = LockState(closedThrough: d("2025-12-31"), closedYearThrough: d("2025-12-31"), firstEntryOfOpenYears: d("2026-01-05"))
        XCTAssertEqual(PeriodClosing.month(january, today: d("2026-02-10"), locks: yearClosed),
                       .success(.close(from: d("2026-01-01"), through: d("2026-01-31"))))
    }

    func testAYearClosesWhenOverInOrderAndOnce() {
        XCTAssertEqual(PeriodClosing.year(2025, today: d("2025-12-31"), locks: nothingLocked), .failure(.yearNotEnded(2025, today: d("2025-12-31"))))
        XCTAssertEqual(PeriodClosing.year(2025, today: d("2026-01-01"), locks: nothingLocked), .success(.close(from: nil, through: d("2025-12-31"))))
        let older = LockState(closedThrough: nil, closedYearThrough: nil, firstEntryOfOpenYears: d("2024-06-01"))
        XCTAssertEqual(PeriodClosing.year(2025, today: d("2026-01-01"), locks: older), .failure(.previousYearOpen(2024, closing: "l'exercice 2025")))
        let closed = LockState(closedThrough: d("2026-01-31"), closedYearThrough: d("2025-12-31"), firstEntryOfOpenYears: nil)
        XCTAssertEqual(PeriodClosing.year(2025, today: d("2026-03-01"), locks: closed), .success(.alreadyClosed(through: d("2025-12-31"))))
        XCTAssertTrue(closed.isYearClosed(2024))
        XCTAssertTrue(closed.isYearClosed(2025))
        XCTAssertFalse(closed.isYearClosed(2026))
    }

    func testAYearWhoseLastDayIsAlreadyLockedCannotPostItsDedicatedFunds() {
        let locked = LockState(closedThrough: d("2025-12-31"), closedYearThrough: nil, firstEntryOfOpenYears: d("2025-02-01"))
        XCTAssertEqual(PeriodClosing.year(2025, today: d("2026-02-01"), locks: locked), .failure(.periodLocked(year: 2025, through: d("2025-12-31"))))
    }

    func testAMovementOnAnEnvelopeIsDatedInsideItsYear() {
        XCTAssertEqual(PeriodClosing.envelopeYearDate(d("2025-12-15"), year: 2026), d("2026-01-01"))
        XCTAssertEqual(PeriodClosing.envelopeYearDate(d("2026-02-10"), year: 2025), d("2025-12-31"))
        XCTAssertEqual(PeriodClosing.envelopeYearDate(d("2025-06-30"), year: 2025), d("2025-06-30"))
    }
}

final class YearClosingTests: XCTestCase {
    private func envelope(_ id: String, granted: Int64, consumed: Int64, year: Int = 2025) -> EnvelopeYearEnd {
        EnvelopeYearEnd(key: EnvelopeKey(team: team(id), year: year), granted: Cents(granted), consumed: Cents(consumed))
    }

    func testEachUnusedEnvelopeGoesToDedicatedFundsOnTheChartsAccounts() throws {
        let postings = try YearClosing.dedicatedFunds(year: 2025, envelopes: [
            envelope("T049-001", granted: 1_000_000, consumed: 609_750),
            envelope("T044-001", granted: 1_000_000, consumed: 1_000_000),
            envelope("T044-002", granted: 1_200_000, consumed: 0),
            envelope("T044-003", granted: 500_000, consumed: 0, year: 2026),
        ], chart: renumbered).get()
        XCTAssertEqual(postings.map(\.key.team.rawValue), ["T044-002", "T049-001"])
        XCTAssertEqual(postings.map(\.amount), [Cents(1_200_000), Cents(390_250)])
        let draft = postings[1].draft
        XCTAssertEqual(draft.journal, .od)
        XCTAssertEqual(draft.entryDate, d("2025-12-31"))
        XCTAssertEqual(draft.idempotencyKey, "close/2025/T049-001")
        XCTAssertEqual(draft.lines, [.debit("689410", Cents(390_250), analytic: "T049-001/2025"),
                                     .credit("194100", Cents(390_250), analytic: "T049-001/2025")])
    }

    func testAnOverspentEnvelopeIsRefused() {
        let key = EnvelopeKey(team: team("T044-001"), year: 2025)
        XCTAssertEqual(YearClosing.dedicatedFunds(year: 2025, envelopes: [envelope("T044-001", granted: 100, consumed: 101)], chart: renumbered),
                       .failure(.envelopeOverspent(key, granted: Cents(100), consumed: Cents(101))))
    }

    func testTheResultIsZeroOnlyWhenEveryEnvelopeIsClosedAndNothingIsOutside() throws {
        let postings = try YearClosing.dedicatedFunds(year: 2025, envelopes: [envelope("T049-001", granted: 1_000_000, consumed: 609_750)],
                                                      chart: renumbered).get()
        let year = [BalanceLine(account: "741100", auxiliary: nil, analytic: "T049-001/2025", balance: Cents(-1_000_000)),
                    BalanceLine(account: "622610", auxiliary: nil, analytic: "T049-001/2025", balance: Cents(609_750))]
        XCTAssertNil(YearClosing.checkResult(year: 2025, yearLines: year, planned: postings.map(\.draft)))

        let fees = BalanceLine(account: "627000", auxiliary: nil, analytic: nil, balance: Cents(1_250))
        let refusal = YearClosing.checkResult(year: 2025, yearLines: year + [fees], planned: postings.map(\.draft))
        XCTAssertEqual(refusal, .resultNotZero(year: 2025, result: Cents(1_250), residuals: [AnalyticResidual(analytic: nil, amount: Cents(1_250))]))
        XCTAssertEqual(refusal?.code, "close.result_not_zero")
        XCTAssertTrue(refusal?.message.contains("sans code analytique : 12,50") == true, refusal?.message ?? "")
        // Without the dedicated funds, the team's surplus is the residual.
        XCTAssertEqual(YearClosing.checkResult(year: 2025, yearLines: year, planned: []),
                       .resultNotZero(year: 2025, result: Cents(-390_250), residuals: [AnalyticResidual(analytic: "T049-001/2025", amount: Cents(-390_250))]))
    }

    func testTheOpeningEntryCarriesClassesOneToFivePerThirdPartyAndAnalyticCode() throws {
        let balances = [
            BalanceLine(account: "512100", auxiliary: nil, analytic: nil, balance: Cents(1_590_250)),
            BalanceLine(account: "194100", auxiliary: nil, analytic: "T049-001/2025", balance: Cents(-390_250)),
            BalanceLine(account: "194100", auxiliary: nil, analytic: "T044-002/2025", balance: Cents(-1_200_000)),
            BalanceLine(account: "401110", auxiliary: "10000000001", analytic: nil, balance: Cents(-12_500)),
            BalanceLine(account: "401110", auxiliary: "10000000001", analytic: nil, balance: Cents(12_500)),
            BalanceLine(account: "401110", auxiliary: "10000000002", analytic: nil, balance: Cents(-10_000)),
            BalanceLine(account: "401110", auxiliary: "10000000003", analytic: nil, balance: Cents(10_000)),
            BalanceLine(account: "441110", auxiliary: "T044-001", analytic: nil, balance: .zero),
            BalanceLine(account: "622610", auxiliary: nil, analytic: "T049-001/2025", balance: Cents(609_750)),
        ]
        let draft = try XCTUnwrap(try YearClosing.openingEntry(closedYear: 2025, balances: balances).get())
        XCTAssertEqual(draft.journal, .an)
        XCTAssertEqual(draft.entryDate, d("2026-01-01"))
        XCTAssertEqual(draft.fiscalYear, 2026)
        XCTAssertEqual(draft.idempotencyKey, "close/2025/an")
        XCTAssertEqual(draft.lines, [
            .credit("194100", Cents(1_200_000), analytic: "T044-002/2025"),
            .credit("194100", Cents(390_250), analytic: "T049-001/2025"),
            .credit("401110", Cents(10_000), auxiliary: "10000000002"),
            .debit("401110", Cents(10_000), auxiliary: "10000000003"),
            .debit("512100", Cents(1_590_250)),
        ], "merged per key, zero balances and classes 6–7 left out, a 401 nets to zero per third party")
        XCTAssertEqual(draft.totalDebit, draft.totalCredit)
    }

    func testAnUnbalancedOrEmptyOpeningIsNotPosted() {
        XCTAssertEqual(YearClosing.openingEntry(closedYear: 2025, balances: [BalanceLine(account: "512000", auxiliary: nil, analytic: nil, balance: Cents(5))]),
                       .failure(.openingUnbalanced(year: 2026, debit: Cents(5), credit: .zero)))
        XCTAssertEqual(YearClosing.openingEntry(closedYear: 2025, balances: [BalanceLine(account: "512000", auxiliary: nil, analytic: nil, balance: .zero)]),
                       .success(nil))
    }

    func testInvariantEightNamesTheTeamTheYearAndTheGap() {
        let results = [
            BalanceLine(account: "741000", auxiliary: nil, analytic: "T044-001/2025", balance: Cents(-1_000_000)),
            BalanceLine(account: "622600", auxiliary: nil, analytic: "T044-001/2025", balance: Cents(1_000_500)),
            BalanceLine(account: "741000", auxiliary: nil, analytic: "T044-002/2025", balance: Cents(-1_000_000)),
            BalanceLine(account: "689400", auxiliary: nil, analytic: "T044-002/2025", balance: Cents(1_000_000)),
            BalanceLine(account: "194000", auxiliary: nil, analytic: "T044-003/2025", balance: Cents(-7)),
            BalanceLine(account: "741000", auxiliary: nil, analytic: "T044-001/2026", balance: Cents(-1_000_000)),
        ]
        let found = YearClosing.checkClosedYears(lastClosedYear: 2025, results: results)
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.invariant, 8)
        XCTAssertEqual(found.first?.code, "closed_year.result_not_zero")
        XCTAssertTrue(found.first?.message.contains("T044-001") == true && found.first?.message.contains("2025") == true
                      && found.first?.message.contains("5,00") == true, found.first?.message ?? "")
        XCTAssertEqual(YearClosing.checkClosedYears(lastClosedYear: nil, results: results), [])
        XCTAssertEqual(YearClosing.checkClosedYears(lastClosedYear: 2024, results: results), [])
    }
}

final class DedicatedFundsMovesTests: XCTestCase {
    private func request(amount: Int64?, on date: String, ref: String? = nil) -> FundsMoveRequest {
        FundsMoveRequest(team: team("T049-001"), fromYear: 2025, amount: amount.map(Cents.init), date: d(date), reference: ref)
    }

    func testTheAmountDefaultsToWhatIsLeftAndNeverExceedsIt() {
        let key = EnvelopeKey(team: team("T049-001"), year: 2025)
        func amount(_ asked: Int64?, left: Int64) -> Result<Cents, ClosingRefusal> {
            DedicatedFundsMoves.amount(asked.map(Cents.init), left: Cents(left), overdraft: { .fundsExceeded(key, asked: $0, left: Cents(left)) },
                                       none: .noFundsLeft(key))
        }
        XCTAssertEqual(amount(nil, left: 390_250), .success(Cents(390_250)))
        XCTAssertEqual(amount(100_000, left: 390_250), .success(Cents(100_000)))
        XCTAssertEqual(amount(390_251, left: 390_250), .failure(.fundsExceeded(key, asked: Cents(390_251), left: Cents(390_250))))
        XCTAssertEqual(amount(0, left: 390_250), .failure(.amountNotPositive))
        XCTAssertEqual(amount(-5, left: 390_250), .failure(.amountNotPositive))
        XCTAssertEqual(amount(nil, left: 0), .failure(.noFundsLeft(key)))
    }

    func testACarryOverFeedsTheNextEnvelopeAndIsDatedInIt() throws {
        let draft = try DedicatedFundsMoves.carryOver(request(amount: nil, on: "2026-03-10", ref: "ARS-REPORT-4"), amount: Cents(390_250),
                                                      entryDate: d("2026-03-10"), chart: renumbered).get()
        XCTAssertEqual(draft.lines, [.debit("194100", Cents(390_250), analytic: "T049-001/2025"),
                                     .credit("789410", Cents(390_250), analytic: "T049-001/2026")])
        XCTAssertEqual(draft.idempotencyKey, "carryover/T049-001/2025/ARS-REPORT-4")
        XCTAssertEqual(DedicatedFundsMoves.carryOver(request(amount: nil, on: "2027-01-10"), amount: Cents(1), entryDate: d("2027-01-10"), chart: renumbered),
                       .failure(.carryOverDate(fromYear: 2025, date: d("2027-01-10"))))
        XCTAssertEqual(DedicatedFundsMoves.carryOver(request(amount: nil, on: "2025-12-10"), amount: Cents(1), entryDate: d("2025-12-10"), chart: renumbered),
                       .failure(.carryOverDate(fromYear: 2025, date: d("2025-12-10"))))
    }

    func testARefundOwesTheARSAndItsPaymentLeavesTheBank() throws {
        let refund = try DedicatedFundsMoves.refund(request(amount: nil, on: "2026-03-10"), amount: Cents(1_000), entryDate: d("2026-03-10"),
                                                    chart: renumbered).get()
        XCTAssertEqual(refund.journal, .od)
        XCTAssertEqual(refund.lines, [.debit("194100", Cents(1_000), analytic: "T049-001/2025"), .credit("441910", Cents(1_000), auxiliary: "T049-001")])
        XCTAssertEqual(refund.idempotencyKey, "refund/T049-001/2025/2026-03-10")
        let paid = try DedicatedFundsMoves.refundPaid(request(amount: nil, on: "2026-04-02"), amount: Cents(1_000), entryDate: d("2026-04-02"),
                                                      chart: renumbered).get()
        XCTAssertEqual(paid.journal, .bq)
        XCTAssertEqual(paid.lines, [.debit("441910", Cents(1_000), auxiliary: "T049-001"), .credit("512100", Cents(1_000))])
        XCTAssertEqual(DedicatedFundsMoves.refund(request(amount: nil, on: "2025-12-31"), amount: Cents(1), entryDate: d("2025-12-31"), chart: renumbered),
                       .failure(.movementTooEarly(fromYear: 2025, date: d("2025-12-31"))))
    }
}

import ClapStore
import ClapDomain
import LedgerCore
import XCTest

/// `statement --all` checks that each statement adds up (`StatementData.addsUp`: opening + movements = closing)
/// before writing it. The check must tell right from wrong, and never trap on amounts whose sum is past Int64.
final class StatementAddsUpTests: XCTestCase {
    private func statement(opening: Int64, actions: [Int64] = [], payments: [Int64] = [], closing: Int64) -> StatementData {
        let day = Day(year: 2025, month: 6, day: 2)!
        return StatementData(
            association: AssociationInfo(name: "Association", siren: "882413578", iban: "FR7615519391000002012340129", bic: nil),
            professional: StatementProfessional(rpps: RPPS(unchecked: "10000000001"), firstName: nil, lastName: nil, profession: nil),
            period: ReportPeriod(year: 2025, month: 6)!, openingDue: Cents(opening),
            actions: actions.map {
                StatementAction(entryDate: day, actionDate: day, team: TeamID(unchecked: "T044-001"), teamName: nil, reference: "A1",
                                type: ActionTypeCode("RCP"), typeLabel: "RCP", role: nil, durationMinutes: nil, amount: Cents($0))
            },
            cancellations: [], payments: payments.map { StatementPayment(entryDate: day, batchID: "VIR-2025-06", iban: nil, amount: Cents($0)) },
            rejections: [], others: [], closingDue: Cents(closing))
    }

    func testAStatementAddsUpExactlyWhenOpeningPlusMovementsIsTheClosing() {
        XCTAssertTrue(statement(opening: 1_000, actions: [5_000, 2_500], payments: [1_000], closing: 7_500).addsUp)
        XCTAssertFalse(statement(opening: 1_000, actions: [5_000, 2_500], payments: [1_000], closing: 7_501).addsUp)
        XCTAssertTrue(statement(opening: 0, closing: 0).addsUp)
        XCTAssertEqual(statement(opening: 1_000, actions: [5_000], payments: [1_000], closing: 0).computedClosingDue, Cents(5_000))
    }

    func testSumsPastInt64DoNotAddUpAndDoNotTrap() {
        XCTAssertFalse(statement(opening: .max, actions: [1], closing: .min).addsUp)
        XCTAssertFalse(statement(opening: .min, payments: [1], closing: .max).addsUp)
        XCTAssertFalse(statement(opening: 0, payments: [.max, .max], closing: 2).addsUp)
        XCTAssertNil(statement(opening: .max, actions: [1], closing: 0).computedClosingDue)
    }
}

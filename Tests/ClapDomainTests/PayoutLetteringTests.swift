import ClapDomain
import LedgerCore
import XCTest

/// Letters of a payable account, and which open lines a payout settles.
final class PayoutLetteringTests: XCTestCase {
    func testLettersRunAToZThenTwoLettersThenThree() {
        XCTAssertEqual((0..<3).map(LetterSequence.letter(at:)), ["A", "B", "C"])
        XCTAssertEqual(LetterSequence.letter(at: 25), "Z")
        XCTAssertEqual(LetterSequence.letter(at: 26), "AA")
        XCTAssertEqual(LetterSequence.letter(at: 27), "AB")
        XCTAssertEqual(LetterSequence.letter(at: 51), "AZ")
        XCTAssertEqual(LetterSequence.letter(at: 52), "BA")
        XCTAssertEqual(LetterSequence.letter(at: 701), "ZZ")
        XCTAssertEqual(LetterSequence.letter(at: 702), "AAA")
        let many = (0..<2_000).map(LetterSequence.letter(at:))
        XCTAssertEqual(Set(many).count, many.count, "every position has its own letter")
    }

    func line(_ seq: Int64, _ date: String, _ cents: Int64) -> OpenPayableLine {
        OpenPayableLine(entrySequence: seq, lineNumber: 1, entryDate: Day.parse(date)!, dueAmount: Cents(cents))
    }

    func testAPayoutSettlesEveryOpenLineOfTheMonthOldestFirst() throws {
        let open = [line(3, "2025-10-20", 8_000), line(1, "2025-10-02", 5_000), line(2, "2025-10-10", -5_000),
                    line(9, "2025-11-02", 1_000)]
        let settled = try PayoutLettering.settled(by: Cents(8_000), openLines: open, monthEnd: Day.parse("2025-10-31")!).get()
        XCTAssertEqual(settled.map(\.entrySequence), [1, 2, 3])
        XCTAssertEqual(settled.reduce(Cents.zero) { $0 + $1.dueAmount } - Cents(8_000), .zero)
    }

    func testAnAmountThatDoesNotMatchTheOpenLinesIsRefused() {
        let open = [line(1, "2025-10-02", 5_000)]
        XCTAssertThrowsError(try PayoutLettering.settled(by: Cents(4_000), openLines: open, monthEnd: Day.parse("2025-10-31")!).get())
    }
}

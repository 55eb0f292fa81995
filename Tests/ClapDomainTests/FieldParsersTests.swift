import LedgerCore
import XCTest
@testable import ClapDomain

final class FieldParsersTests: XCTestCase {
    func testRequiredText() {
        XCTAssertEqual(try FieldParsers.requiredText("Nantes Nord").get(), "Nantes Nord")
        XCTAssertEqual(FieldParsers.requiredText("").firstIssueCode, "field.required")
    }

    func testOptionalText() throws {
        XCTAssertEqual(try FieldParsers.optionalText("").get(), nil)
        XCTAssertEqual(try FieldParsers.optionalText("x").get(), "x")
    }

    func testDateInBothForms() throws {
        let expected = Day(year: 2026, month: 3, day: 31)
        XCTAssertEqual(try FieldParsers.date("31/03/2026").get(), expected)
        XCTAssertEqual(try FieldParsers.date("2026-03-31").get(), expected)
        XCTAssertEqual(try FieldParsers.date("1/4/2026").get(), Day(year: 2026, month: 4, day: 1))
        XCTAssertEqual(try FieldParsers.date("29/02/2028").get(), Day(year: 2028, month: 2, day: 29))
    }

    func testDateThatDoesNotExist() {
        let result = FieldParsers.date("31/02/2026")
        XCTAssertEqual(result.firstIssueCode, "date.invalid")
        guard case .failure(let issue) = result else { return XCTFail() }
        XCTAssertEqual(issue.message, "Le 31/02/2026 n'existe pas.")
        XCTAssertEqual(FieldParsers.date("2026-13-01").firstIssueCode, "date.invalid")
        XCTAssertEqual(FieldParsers.date("01/01/1800").firstIssueCode, "date.invalid")
    }

    func testDateFormat() {
        for text in ["2026/03/31", "31-03-2026", "31/03/26", "demain", "31.03.2026", "2026-3-31"] {
            XCTAssertEqual(FieldParsers.date(text).firstIssueCode, "date.format", text)
        }
        XCTAssertEqual(FieldParsers.date("").firstIssueCode, "field.required")
    }

    func testOptionalDate() throws {
        XCTAssertEqual(try FieldParsers.optionalDate("").get(), nil)
        XCTAssertEqual(try FieldParsers.optionalDate("01/09/2026").get(), Day(year: 2026, month: 9, day: 1))
        XCTAssertEqual(FieldParsers.optionalDate("31/02/2026").firstIssueCode, "date.invalid")
    }

    func testAmountWithCommaOrDot() throws {
        XCTAssertEqual(try FieldParsers.amount("1234,56").get(), Cents(123_456))
        XCTAssertEqual(try FieldParsers.amount("1234.5").get(), Cents(123_450))
        XCTAssertEqual(try FieldParsers.amount("80").get(), Cents(8_000))
    }

    func testAmountErrors() {
        XCTAssertEqual(FieldParsers.amount("12,345").firstIssueCode, "amount.decimals")
        XCTAssertEqual(FieldParsers.amount("12.345").firstIssueCode, "amount.decimals")
        XCTAssertEqual(FieldParsers.amount("douze").firstIssueCode, "amount.format")
        XCTAssertEqual(FieldParsers.amount("1.234,56").firstIssueCode, "amount.format")
        XCTAssertEqual(FieldParsers.amount("-5,00").firstIssueCode, "amount.negative")
        XCTAssertEqual(FieldParsers.amount("").firstIssueCode, "field.required")
        XCTAssertEqual(FieldParsers.amount("99999999999").firstIssueCode, "amount.too_large")
    }

    func testNegativeAmountWhenAllowed() throws {
        XCTAssertEqual(try FieldParsers.amount("-12,50", allowsNegative: true).get(), Cents(-1_250))
    }

    func testIntegerWithBounds() throws {
        XCTAssertEqual(try FieldParsers.integer("90", in: 1...600).get(), 90)
        XCTAssertEqual(FieldParsers.integer("0", in: 1...600).firstIssueCode, "integer.range")
        XCTAssertEqual(FieldParsers.integer("601", in: 1...600).firstIssueCode, "integer.range")
        XCTAssertEqual(FieldParsers.integer("99999999999999999999999", in: 1...600).firstIssueCode, "integer.range")
        XCTAssertEqual(FieldParsers.integer("-3", in: 1...600).firstIssueCode, "integer.format")
        XCTAssertEqual(FieldParsers.integer("1,5", in: 1...600).firstIssueCode, "integer.format")
        XCTAssertEqual(FieldParsers.integer("", in: 1...600).firstIssueCode, "field.required")
    }
}

import LedgerCore
import XCTest

final class DayTests: XCTestCase {
    func testParsesFrenchAndIsoForms() {
        XCTAssertEqual(Day.parse("31/03/2026"), Day(year: 2026, month: 3, day: 31))
        XCTAssertEqual(Day.parse("2026-03-31"), Day(year: 2026, month: 3, day: 31))
        XCTAssertEqual(Day.parse("1/3/2026"), Day(year: 2026, month: 3, day: 1))
    }

    func testRefusesDaysThatDoNotExist() {
        XCTAssertNil(Day.parse("31/02/2026"))
        XCTAssertNil(Day.parse("29/02/2025"))
        XCTAssertNotNil(Day.parse("29/02/2024"))
        XCTAssertNil(Day.parse("2026-13-01"))
        XCTAssertNil(Day.parse("2026/03/01"))
        XCTAssertNil(Day.parse("hier"))
    }

    func testOrdinalRoundTripsAcrossCenturiesAndLeapYears() throws {
        let epoch = try XCTUnwrap(Day(year: 1970, month: 1, day: 1))
        XCTAssertEqual(epoch.ordinal, 0)
        var day = try XCTUnwrap(Day(year: 1999, month: 12, day: 25))
        for _ in 0..<2000 {
            let next = try XCTUnwrap(day.adding(days: 1))
            XCTAssertEqual(next.ordinal, day.ordinal + 1)
            XCTAssertEqual(Day(ordinal: next.ordinal), next)
            XCTAssertLessThan(day, next)
            day = next
        }
        XCTAssertEqual(Day(year: 2024, month: 3, day: 1)?.adding(days: -1), Day(year: 2024, month: 2, day: 29))
    }

    func testFormats() throws {
        let day = try XCTUnwrap(Day(year: 2026, month: 1, day: 5))
        XCTAssertEqual(day.iso, "2026-01-05")
        XCTAssertEqual(day.french, "05/01/2026")
        XCTAssertEqual(day.compact, "20260105")
        XCTAssertEqual(YearMonth.parse("2026-10")?.lastDay, Day(year: 2026, month: 10, day: 31))
        XCTAssertEqual(YearMonth.parse("02/2024")?.lastDay, Day(year: 2024, month: 2, day: 29))
    }
}

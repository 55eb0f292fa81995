import ClapDomain
import LedgerCore
import XCTest

final class TariffBookTests: XCTestCase {
    private func julyVersion() throws -> TariffSchedule {
        let text = try TariffFixture.variant("effective_from = 2025-01-01", "effective_from = 2025-07-01")
            .replacingOccurrences(of: "medecin = \"80.00\"", with: "medecin = \"90.00\"")
            .replacingOccurrences(of: "name = \"Barème ESP CLAP (défaut)\"", with: "name = \"Barème juillet 2025\"")
        return try TariffFixture.parse(text, newestLoaded: day("2025-01-01")).get()
    }

    func testVersionInForceAtADate() throws {
        let book = TariffBook(versions: [try julyVersion(), try TariffFixture.defaultSchedule()])
        XCTAssertNil(book.version(at: day("2024-12-31")))
        XCTAssertEqual(book.version(at: day("2025-01-01"))?.name, "Barème ESP CLAP (défaut)")
        XCTAssertEqual(book.version(at: day("2025-06-30"))?.name, "Barème ESP CLAP (défaut)")
        XCTAssertEqual(book.version(at: day("2025-07-01"))?.name, "Barème juillet 2025")
        XCTAssertEqual(book.newest?.name, "Barème juillet 2025")
    }

    func testJuneActionValuedWithOldRatesJulyWithNew() throws {
        let book = TariffBook(versions: [try TariffFixture.defaultSchedule(), try julyVersion()])
        let groups = [RPPS(unchecked: "10000000001"): TariffGroup.medecin]
        func amount(on date: String) throws -> Cents {
            let action = ActionFixture.action(.rcp, on: date, minutes: 60, [("10000000001", .participant)])
            let schedule = try XCTUnwrap(book.version(at: action.date))
            return try Valuation.value(action, groups: groups, schedule: schedule).get().total
        }
        XCTAssertEqual(try amount(on: "2025-06-30"), Cents(8000))
        XCTAssertEqual(try amount(on: "2025-07-01"), Cents(9000))
    }

    func testAddingAVersionMustBeNewer() throws {
        let book = TariffBook(versions: [try TariffFixture.defaultSchedule()])
        XCTAssertEqual(try book.adding(try julyVersion()).get().versions.count, 2)
        guard case let .failure(issue) = book.adding(try TariffFixture.defaultSchedule()) else {
            return XCTFail("same effective date accepted")
        }
        XCTAssertEqual(issue.code, "tariff.not_newer")
    }
}

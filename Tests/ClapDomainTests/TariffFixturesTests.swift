import ClapDomain
import Foundation
import LedgerCore
import XCTest

/// Shared test data: the default barème and small builders.
enum TariffFixture {
    static let defaultURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/bareme-defaut.toml")

    static func defaultText() throws -> String { try String(contentsOf: defaultURL, encoding: .utf8) }

    static func parse(_ text: String, newestLoaded: Day? = nil) -> Result<TariffSchedule, InputRejected> {
        TariffSchedule.parse(toml: text, fileName: "bareme.toml", newestLoaded: newestLoaded)
    }

    static func defaultSchedule() throws -> TariffSchedule { try parse(defaultText()).get() }

    /// The default text with `old` replaced by `new`; fails the test when `old` is absent.
    static func variant(_ old: String, _ new: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let text = try defaultText()
        XCTAssertTrue(text.contains(old), "fixture does not contain \(old)", file: file, line: line)
        return text.replacingOccurrences(of: old, with: new)
    }
}

func day(_ iso: String) -> Day { Day.parse(iso)! }

final class TariffFixturesTests: XCTestCase {
    func testDefaultFixtureParses() throws {
        let schedule = try TariffFixture.defaultSchedule()
        XCTAssertEqual(schedule.name, "Barème ESP CLAP (défaut)")
        XCTAssertEqual(schedule.effectiveFrom, day("2025-01-01"))
        XCTAssertEqual(schedule.envelopeCapPerTeamYear, Cents(1_000_000))
        XCTAssertEqual(schedule.yearlyAmountCapPerProfessional, Cents(500_000))
        XCTAssertEqual(Set(schedule.types.keys), Set(TariffSchedule.requiredTypes))

        let rcp = try XCTUnwrap(schedule.types[.rcp])
        XCTAssertEqual(rcp.unit, .hour)
        XCTAssertEqual(rcp.minMinutes, 30)
        XCTAssertEqual(rcp.maxMinutes, 180)
        XCTAssertEqual(rcp.minProfessions, 2)
        XCTAssertEqual(rcp.yearlyCapPerProfessional, 24)
        XCTAssertEqual(rcp.rates, .byGroup([.medecin: Cents(8000)], fallback: Cents(5500)))

        let pps = try XCTUnwrap(schedule.types[.pps])
        XCTAssertEqual(pps.rates, .byRole([.referent: Cents(10000), .contributeur: Cents(5000)]))
        XCTAssertTrue(pps.requiresCaseRef)
        XCTAssertTrue(pps.oncePerCasePerYear)

        let protocole = try XCTUnwrap(schedule.types[.protocole])
        XCTAssertTrue(protocole.requiresProtocolRef)
        XCTAssertTrue(protocole.oncePerProtocolPerProfessional)
        XCTAssertNil(protocole.minMinutes)

        let etp = try XCTUnwrap(schedule.types[.etp])
        XCTAssertEqual(etp.requiresLegalForm, .association)
        XCTAssertEqual(etp.rates, .byGroup([:], fallback: Cents(6000)))
        XCTAssertNil(etp.yearlyCapPerProfessional)
    }

    func testFixtureIsTheSpecBaremeWithItsOwnNameAndDate() throws {
        let text = try TariffFixture.defaultText()
        XCTAssertTrue(text.hasPrefix("name = \"Barème ESP CLAP (défaut)\"\neffective_from = 2025-01-01\n"))
    }
}

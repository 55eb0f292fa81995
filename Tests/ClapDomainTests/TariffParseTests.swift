import ClapDomain
import LedgerCore
import XCTest

final class TariffParseTests: XCTestCase {
    /// Parses `text`, expects a refusal, and returns its issues.
    private func issues(_ text: String, newestLoaded: Day? = nil,
                        file: StaticString = #filePath, line: UInt = #line) -> [LocatedIssue] {
        switch TariffFixture.parse(text, newestLoaded: newestLoaded) {
        case .success:
            XCTFail("barème accepted", file: file, line: line)
            return []
        case let .failure(rejected):
            return rejected.issues
        }
    }

    /// Expects exactly one issue with `code` at `column` (and `line` of the file when given).
    private func assertRefused(_ text: String, code: String, column: String, atLine expectedLine: Int? = nil,
                               newestLoaded: Day? = nil, file: StaticString = #filePath, line: UInt = #line) {
        let found = issues(text, newestLoaded: newestLoaded, file: file, line: line)
        XCTAssertEqual(found.map(\.issue.code), [code], "\(found)", file: file, line: line)
        XCTAssertEqual(found.first?.location.column, column, file: file, line: line)
        XCTAssertEqual(found.first?.location.file, "bareme.toml", file: file, line: line)
        if let expectedLine { XCTAssertEqual(found.first?.location.line, expectedLine, file: file, line: line) }
        XCTAssertFalse(found.first?.issue.message.isEmpty ?? true, file: file, line: line)
    }

    func testUnknownTopLevelKeyIsNamed() throws {
        let text = try TariffFixture.variant("envelope_cap_per_team_year", "plafond = 3\nenvelope_cap_per_team_year")
        assertRefused(text, code: "tariff.unknown_key", column: "plafond", atLine: 3)
    }

    func testUnknownKeyInATypeIsNamed() throws {
        let text = try TariffFixture.variant("min_minutes = 30\nmax_minutes = 180", "min_minutes = 30\nmax_minutes = 180\nmax_minute = 10")
        assertRefused(text, code: "tariff.unknown_key", column: "types.RCP.max_minute", atLine: 12)
    }

    func testMisspelledRateKeyIsNamedAndTheRateIsMissing() throws {
        let text = try TariffFixture.variant("[types.ETP.rates]\ndefault = \"60.00\"", "[types.ETP.rates]\ndefaut = \"60.00\"")
        let found = issues(text)
        // The missing `default` points at the table's header line, before the misspelled key.
        XCTAssertEqual(found.map(\.issue.code), ["tariff.missing_rate", "tariff.unknown_key"])
        XCTAssertEqual(found.map(\.location.column), ["types.ETP.rates.default", "types.ETP.rates.defaut"])
        XCTAssertTrue(found[0].issue.message.contains("auxiliaire"))
    }

    func testMissingDefaultWhenAGroupLacksARate() throws {
        let text = try TariffFixture.variant("medecin = \"150.00\"\ndefault = \"100.00\"", "medecin = \"150.00\"")
        assertRefused(text, code: "tariff.missing_rate", column: "types.PROTOCOLE.rates.default")
    }

    func testEveryGroupListedNeedsNoDefault() throws {
        let groups = TariffGroup.allCases.map { "\($0.rawValue) = \"10.00\"" }.joined(separator: "\n")
        let text = try TariffFixture.variant("[types.ETP.rates]\ndefault = \"60.00\"", "[types.ETP.rates]\n" + groups)
        let schedule = try TariffFixture.parse(text).get()
        XCTAssertEqual(schedule.types[.etp]?.rates.rate(group: .auxiliaire, role: .animateur),
                       AppliedRate(key: "auxiliaire", amount: Cents(1000)))
    }

    func testMixedGroupAndRoleRatesAreRefused() throws {
        let text = try TariffFixture.variant("referent = \"100.00\"", "referent = \"100.00\"\nmedecin = \"10.00\"")
        assertRefused(text, code: "tariff.mixed_rates", column: "types.PPS.rates")
    }

    func testNegativeAmountIsNamed() throws {
        let text = try TariffFixture.variant("medecin = \"60.00\"", "medecin = \"-60.00\"")
        assertRefused(text, code: "tariff.amount_negative", column: "types.RCP_PATIENT.rates.medecin")
    }

    func testThreeDecimalAmountIsNamed() throws {
        let text = try TariffFixture.variant("medecin = \"80.00\"", "medecin = \"80.005\"")
        assertRefused(text, code: "tariff.amount_decimals", column: "types.RCP.rates.medecin", atLine: 14)
    }

    func testAmountMustBeAText() throws {
        let text = try TariffFixture.variant("medecin = \"80.00\"", "medecin = 80.00")
        assertRefused(text, code: "tariff.amount_not_text", column: "types.RCP.rates.medecin")
    }

    func testAmountThatIsNotANumber() throws {
        let text = try TariffFixture.variant("default = \"55.00\"", "default = \"cinquante\"")
        assertRefused(text, code: "tariff.amount_format", column: "types.RCP.rates.default")
    }

    func testUnknownUnitIsNamed() throws {
        let text = try TariffFixture.variant("unit = \"hour\"                  # hour | flat", "unit = \"day\"")
        assertRefused(text, code: "tariff.unit", column: "types.RCP.unit")
    }

    func testHourTypeNeedsBothBounds() throws {
        let text = try TariffFixture.variant("max_minutes = 240\n", "")
        assertRefused(text, code: "tariff.missing_key", column: "types.ETP.max_minutes")
    }

    func testMinAboveMaxIsRefused() throws {
        let text = try TariffFixture.variant("min_minutes = 30\nmax_minutes = 240", "min_minutes = 300\nmax_minutes = 240")
        let found = issues(text)
        XCTAssertEqual(found.map(\.issue.code), ["tariff.minutes"])
        XCTAssertEqual(found.first?.location.column, "types.ETP.min_minutes")
    }

    func testFlatTypeRefusesMinutes() throws {
        let text = try TariffFixture.variant("unit = \"flat\"\nmin_professions = 2\nrequires_protocol_ref",
                                             "unit = \"flat\"\nmin_minutes = 10\nmin_professions = 2\nrequires_protocol_ref")
        assertRefused(text, code: "tariff.minutes_flat", column: "types.PROTOCOLE.min_minutes")
    }

    func testMissingRequiredTypeIsNamed() throws {
        let text = try TariffFixture.variant("[types.PPS]", "[types.PPS_OLD]")
            .replacingOccurrences(of: "[types.PPS.rates]", with: "[types.PPS_OLD.rates]")
        assertRefused(text, code: "tariff.missing_type", column: "types.PPS")
    }

    func testBaremeMayAddTypes() throws {
        let extra = "\n[types.VISITE]\nlabel = \"Visite\"\nunit = \"flat\"\nmin_professions = 1\n[types.VISITE.rates]\ndefault = \"20.00\"\n"
        let schedule = try TariffFixture.parse(TariffFixture.defaultText() + extra).get()
        XCTAssertEqual(schedule.types[ActionTypeCode("VISITE")]?.rates, .byGroup([:], fallback: Cents(2000)))
    }

    func testMissingRequiredKeyIsNamed() throws {
        let text = try TariffFixture.variant("label = \"Plan personnalisé de santé\"\n", "")
        assertRefused(text, code: "tariff.missing_key", column: "types.PPS.label")
    }

    func testWrongValueTypeIsNamed() throws {
        let text = try TariffFixture.variant("min_professions = 1", "min_professions = \"un\"")
        assertRefused(text, code: "tariff.value_type", column: "types.ETP.min_professions")
    }

    func testEnvelopeCapMustBePositive() throws {
        let text = try TariffFixture.variant("envelope_cap_per_team_year = \"10000.00\"", "envelope_cap_per_team_year = \"0.00\"")
        assertRefused(text, code: "tariff.cap_not_positive", column: "envelope_cap_per_team_year", atLine: 3)
    }

    func testCountCapMustBePositive() throws {
        let text = try TariffFixture.variant("yearly_cap_per_professional = 24", "yearly_cap_per_professional = 0")
        assertRefused(text, code: "tariff.cap_not_positive", column: "types.RCP.yearly_cap_per_professional")
    }

    func testEffectiveFromMayBeAStringDate() throws {
        let text = try TariffFixture.variant("effective_from = 2025-01-01", "effective_from = \"01/07/2025\"")
        XCTAssertEqual(try TariffFixture.parse(text).get().effectiveFrom, day("2025-07-01"))
    }

    func testEffectiveFromMustBeADay() throws {
        let text = try TariffFixture.variant("effective_from = 2025-01-01", "effective_from = \"2025-02-30\"")
        assertRefused(text, code: "tariff.date", column: "effective_from", atLine: 2)
    }

    func testNotNewerVersionIsRefusedNamingEffectiveFrom() throws {
        let text = try TariffFixture.defaultText()
        assertRefused(text, code: "tariff.not_newer", column: "effective_from", atLine: 2, newestLoaded: day("2025-01-01"))
        XCTAssertNoThrow(try TariffFixture.parse(text, newestLoaded: day("2024-12-31")).get())
    }

    func testEveryProblemIsReportedInFileOrder() throws {
        let text = try TariffFixture.variant("medecin = \"80.00\"", "medecin = \"80.001\"")
            .replacingOccurrences(of: "unit = \"hour\"                  # hour | flat", with: "unit = \"minute\"")
            .replacingOccurrences(of: "referent = \"100.00\"", with: "referent = \"-1\"")
            + "\nextra = 1\n"
        let found = issues(text)
        XCTAssertEqual(found.map(\.issue.code),
                       ["tariff.unit", "tariff.amount_decimals", "tariff.amount_negative", "tariff.unknown_key"])
        XCTAssertEqual(found.map(\.location.column),
                       ["types.RCP.unit", "types.RCP.rates.medecin", "types.PPS.rates.referent", "types.ETP.rates.extra"])
    }

    func testSyntaxErrorGivesItsLine() {
        let found = issues("name = \"x\"\neffective_from = \n")
        XCTAssertEqual(found.map(\.issue.code), ["tariff.syntax"])
        XCTAssertEqual(found.first?.location.line, 2)
    }

    func testVersionCheckIsStrict() {
        XCTAssertNil(TariffVersionCheck.check(effectiveFrom: day("2026-01-02"), newestLoaded: day("2026-01-01")))
        XCTAssertNil(TariffVersionCheck.check(effectiveFrom: day("2026-01-01"), newestLoaded: nil))
        XCTAssertEqual(TariffVersionCheck.check(effectiveFrom: day("2026-01-01"), newestLoaded: day("2026-01-01"))?.code,
                       "tariff.not_newer")
        XCTAssertEqual(TariffVersionCheck.check(effectiveFrom: day("2025-06-01"), newestLoaded: day("2026-01-01"))?.code,
                       "tariff.not_newer")
    }
}

import ClapDomain
import LedgerCore
import XCTest

/// Builders for actions in tests.
enum ActionFixture {
    static let team = TeamID(unchecked: "T044-001")

    static func action(_ type: ActionTypeCode, on date: String = "2026-03-10", minutes: Int? = nil,
                       reference: String = "A-001", caseRef: String? = nil, protocolRef: String? = nil,
                       _ participants: [(String, ParticipantRole)]) -> ActionDeclaration {
        ActionDeclaration(team: team, reference: reference, type: type, date: day(date), durationMinutes: minutes,
                          caseRef: caseRef, protocolRef: protocolRef,
                          participants: participants.enumerated().map { index, item in
                              ActionParticipant(rpps: RPPS(unchecked: item.0), role: item.1, line: index + 2)
                          },
                          line: 2)
    }
}

final class ValuationTests: XCTestCase {
    private struct Case {
        let type: ActionTypeCode
        let group: TariffGroup
        let role: ParticipantRole
        let minutes: Int?
        let cents: Int64
    }

    /// Every type × group of the default barème, and three durations for the hourly types.
    private static let table: [Case] = {
        var cases: [Case] = []
        // RCP: medecin 80.00 €/h, others 55.00 €/h.
        let rcp: [(Int, Int64, Int64)] = [(45, 6000, 4125), (50, 6667, 4583), (95, 12667, 8708)]
        // ETP: 60.00 €/h for every group.
        let etp: [(Int, Int64)] = [(45, 4500), (50, 5000), (95, 9500)]
        for group in TariffGroup.allCases {
            let isMedecin = group == .medecin
            for (minutes, medecin, other) in rcp {
                cases.append(Case(type: .rcp, group: group, role: .participant, minutes: minutes, cents: isMedecin ? medecin : other))
            }
            for (minutes, cents) in etp {
                cases.append(Case(type: .etp, group: group, role: .animateur, minutes: minutes, cents: cents))
            }
            cases.append(Case(type: .rcpPatient, group: group, role: .participant, minutes: nil, cents: isMedecin ? 6000 : 4500))
            cases.append(Case(type: .protocole, group: group, role: .participant, minutes: nil, cents: isMedecin ? 15000 : 10000))
            cases.append(Case(type: .pps, group: group, role: .referent, minutes: nil, cents: 10000))
            cases.append(Case(type: .pps, group: group, role: .contributeur, minutes: nil, cents: 5000))
        }
        return cases
    }()

    func testEveryTypeAndGroupOfTheDefaultBareme() throws {
        let schedule = try TariffFixture.defaultSchedule()
        XCTAssertEqual(Self.table.count, 5 * 10)
        for item in Self.table {
            let action = ActionFixture.action(item.type, minutes: item.minutes, [("10000000001", item.role)])
            let groups = [RPPS(unchecked: "10000000001"): item.group]
            let valuation = try Valuation.value(action, groups: groups, schedule: schedule).get()
            let label = "\(item.type) \(item.group) \(item.role) \(item.minutes.map(String.init) ?? "forfait")"
            XCTAssertEqual(valuation.lines.map(\.amount), [Cents(item.cents)], label)
            XCTAssertEqual(valuation.total, Cents(item.cents), label)
        }
    }

    func testRateUsedIsRecordedOnEachLine() throws {
        let schedule = try TariffFixture.defaultSchedule()
        let action = ActionFixture.action(.rcp, minutes: 60, [("10000000001", .participant), ("10000000002", .participant)])
        let groups = [RPPS(unchecked: "10000000001"): TariffGroup.medecin, RPPS(unchecked: "10000000002"): .sageFemme]
        let valuation = try Valuation.value(action, groups: groups, schedule: schedule).get()
        XCTAssertEqual(valuation.lines.map(\.rate), [AppliedRate(key: "medecin", amount: Cents(8000)),
                                                     AppliedRate(key: "default", amount: Cents(5500))])
        XCTAssertEqual(valuation.lines.map(\.minutes), [60, 60])
        XCTAssertEqual(valuation.total, Cents(13500))
        XCTAssertEqual(valuation.scheduleEffectiveFrom, day("2025-01-01"))
    }

    func testHalfUpRoundingOnEachLine() {
        // 45.33 €/h × 50 min = 37.775 € → 37.78 € (exactly half a cent rounds up).
        XCTAssertEqual(Valuation.hourlyAmount(rate: Cents(4533), minutes: 50), Cents(3778))
        // 55.01 €/h × 30 min = 27.505 € → 27.51 €.
        XCTAssertEqual(Valuation.hourlyAmount(rate: Cents(5501), minutes: 30), Cents(2751))
        // 45.33 €/h × 45 min = 33.9975 € → 34.00 €; 0.01 €/h × 29 min = 0.00483 € → 0.00 €.
        XCTAssertEqual(Valuation.hourlyAmount(rate: Cents(4533), minutes: 45), Cents(3400))
        XCTAssertEqual(Valuation.hourlyAmount(rate: Cents(1), minutes: 29), Cents(0))
        // 0.01 €/h × 30 min = 0.005 € → 0.01 €; 0.01 €/h × 89 min = 0.01483 € → 0.01 €; 90 min = 0.015 → 0.02.
        XCTAssertEqual(Valuation.hourlyAmount(rate: Cents(1), minutes: 30), Cents(1))
        XCTAssertEqual(Valuation.hourlyAmount(rate: Cents(1), minutes: 89), Cents(1))
        XCTAssertEqual(Valuation.hourlyAmount(rate: Cents(1), minutes: 90), Cents(2))
    }

    func testRoundingIsPerLineNotOnTheTotal() throws {
        // Two lines of 27.505 € each: 27.51 + 27.51 = 55.02 €, not round(55.01) = 55.01 €.
        let text = try TariffFixture.variant("default = \"55.00\"", "default = \"55.01\"")
        let schedule = try TariffFixture.parse(text).get()
        let action = ActionFixture.action(.rcp, minutes: 30, [("10000000001", .participant), ("10000000002", .participant)])
        let groups = [RPPS(unchecked: "10000000001"): TariffGroup.auxiliaire, RPPS(unchecked: "10000000002"): .dentiste]
        let valuation = try Valuation.value(action, groups: groups, schedule: schedule).get()
        XCTAssertEqual(valuation.lines.map(\.amount), [Cents(2751), Cents(2751)])
        XCTAssertEqual(valuation.total, Cents(5502))
    }

    func testPPSIsValuedByRole() throws {
        let schedule = try TariffFixture.defaultSchedule()
        let action = ActionFixture.action(.pps, caseRef: "CAS-1",
                                          [("10000000001", .referent), ("10000000002", .contributeur), ("10000000003", .contributeur)])
        let groups = [RPPS(unchecked: "10000000001"): TariffGroup.auxiliaire,
                      RPPS(unchecked: "10000000002"): .medecin, RPPS(unchecked: "10000000003"): .pharmacienBiologiste]
        let valuation = try Valuation.value(action, groups: groups, schedule: schedule).get()
        XCTAssertEqual(valuation.lines.map(\.amount), [Cents(10000), Cents(5000), Cents(5000)])
        XCTAssertEqual(valuation.total, Cents(20000))
    }

    func testValuationFailures() throws {
        let schedule = try TariffFixture.defaultSchedule()
        let groups = [RPPS(unchecked: "10000000001"): TariffGroup.medecin]
        func code(_ action: ActionDeclaration) -> String? {
            if case let .failure(issue) = Valuation.value(action, groups: groups, schedule: schedule) { return issue.code }
            return nil
        }
        XCTAssertEqual(code(ActionFixture.action(.rcp, [("10000000001", .participant)])), "duration.missing")
        XCTAssertEqual(code(ActionFixture.action(.rcp, minutes: 100_000, [("10000000001", .participant)])), "duration.bounds")
        XCTAssertEqual(code(ActionFixture.action(.rcp, minutes: 60, [("10000000009", .participant)])), "participant.not_member")
        XCTAssertEqual(code(ActionFixture.action(.pps, [("10000000001", .participant)])), "role.not_allowed")
        XCTAssertEqual(code(ActionFixture.action(ActionTypeCode("AUTRE"), [("10000000001", .participant)])), "type.not_in_tariff")
    }
}

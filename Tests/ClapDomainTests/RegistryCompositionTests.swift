@testable import ClapDomain
import LedgerCore
import XCTest

final class RegistryCompositionTests: RegistryTestCase {
    private let team = TeamID(unchecked: "T053-001")
    private let doctor = RPPS(unchecked: "10707870548")
    private let nurse = RPPS(unchecked: "10612674969")
    private let physio = RPPS(unchecked: "10579283168")
    private let secondDoctor = RPPS(unchecked: "10730094629")

    private var professions: [RPPS: Profession] {
        [doctor: .medecinGeneraliste, nurse: .infirmier, physio: .masseurKinesitherapeute,
         secondDoctor: .medecinGeneraliste]
    }

    private func member(_ rpps: RPPS, _ from: String, _ to: String? = nil) throws -> Membership {
        Membership(team: team, rpps: rpps, from: try day(from), to: try to.map { try day($0) })
    }

    // MARK: overlap

    func testOverlappingPeriodsOfTheSamePairAreDetected() throws {
        let existing = [try member(nurse, "2024-01-01", "2024-12-31")]
        XCTAssertTrue(overlaps(existing, try member(nurse, "2024-12-31")), "ends are inclusive")
        XCTAssertTrue(overlaps(existing, try member(nurse, "2023-06-01", "2024-01-01")))
        XCTAssertTrue(overlaps([try member(nurse, "2024-01-01")], try member(nurse, "2030-01-01", "2030-02-01")),
                      "an open-ended membership covers every later day")
    }

    func testNonOverlappingOrOtherPairsAreAccepted() throws {
        let existing = [try member(nurse, "2024-01-01", "2024-12-31")]
        XCTAssertFalse(overlaps(existing, try member(nurse, "2025-01-01")))
        XCTAssertFalse(overlaps(existing, try member(nurse, "2023-01-01", "2023-12-31")))
        XCTAssertFalse(overlaps(existing, try member(physio, "2024-06-01")), "another professional")
        let otherTeam = Membership(team: TeamID(unchecked: "T072-001"), rpps: nurse, from: try day("2024-06-01"), to: nil)
        XCTAssertFalse(overlaps(existing, otherTeam), "another team: one may belong to several teams")
    }

    func testMembershipEndingBeforeItStartsIsRefused() throws {
        let result = Membership.validated(team: team, rpps: nurse, from: try day("2025-03-01"), to: try day("2025-02-28"))
        XCTAssertEqual(issueCode(result), "membership.period_order")
        XCTAssertNoThrow(try XCTUnwrapSuccess(Membership.validated(team: team, rpps: nurse,
                                                                   from: try day("2025-03-01"), to: try day("2025-03-01"))))
    }

    // MARK: rule at a day

    func testRuleHoldsWithTwoMembersOneAGeneralPractitioner() throws {
        let memberships = [try member(doctor, "2024-01-01"), try member(nurse, "2024-01-01")]
        XCTAssertNil(compositionFailure(memberships: memberships, professions: professions, at: try day("2025-06-30")))
    }

    func testTooFewMembers() throws {
        let memberships = [try member(doctor, "2024-01-01"), try member(nurse, "2024-01-01", "2025-05-31")]
        let failure = compositionFailure(memberships: memberships, professions: professions, at: try day("2025-06-30"))
        XCTAssertEqual(failure, .tooFewMembers(1))
        XCTAssertEqual(failure?.code, "composition.too_few_members")
        XCTAssertEqual(compositionFailure(memberships: memberships, professions: professions, at: try day("2023-12-31")),
                       .tooFewMembers(0))
    }

    func testNoGeneralPractitioner() throws {
        let memberships = [try member(nurse, "2024-01-01"), try member(physio, "2024-01-01"),
                           try member(doctor, "2025-01-01")]
        let failure = compositionFailure(memberships: memberships, professions: professions, at: try day("2024-12-31"))
        XCTAssertEqual(failure, .noGeneralPractitioner)
        XCTAssertEqual(failure?.message,
                       "L'équipe ne compte aucun médecin généraliste parmi ses membres à cette date : il en faut au moins un.")
        XCTAssertNil(compositionFailure(memberships: memberships, professions: professions, at: try day("2025-01-01")))
    }

    func testMemberWithUnknownProfessionCountsButIsNoGeneralPractitioner() throws {
        let stranger = RPPS(unchecked: "10000000008")
        let memberships = [try member(nurse, "2024-01-01"), try member(stranger, "2024-01-01")]
        XCTAssertEqual(compositionFailure(memberships: memberships, professions: professions, at: try day("2024-06-01")),
                       .noGeneralPractitioner)
    }

    // MARK: gaps

    func testGapWhenTheOnlyGeneralPractitionerLeavesAndAnotherJoins() throws {
        let memberships = [try member(doctor, "2024-03-26", "2025-10-31"), try member(nurse, "2024-03-26"),
                           try member(physio, "2024-03-26"), try member(secondDoctor, "2025-12-01")]
        let gaps = compositionGaps(memberships: memberships, professions: professions,
                                   from: try day("2025-01-01"), to: try day("2025-12-31"))
        XCTAssertEqual(gaps, [try day("2025-11-01")...(try day("2025-11-30"))])
    }

    func testGapsAtTheEdgesOfTheRangeAreClipped() throws {
        let memberships = [try member(doctor, "2025-03-01", "2025-09-30"), try member(nurse, "2025-02-01")]
        let gaps = compositionGaps(memberships: memberships, professions: professions,
                                   from: try day("2025-01-01"), to: try day("2025-12-31"))
        XCTAssertEqual(gaps, [try day("2025-01-01")...(try day("2025-02-28")),
                              try day("2025-10-01")...(try day("2025-12-31"))])
    }

    func testAdjacentFailuresOfDifferentKindsMergeIntoOneGap() throws {
        // Nobody until 31/01, then only the nurse and the physio (no GP) until the doctor joins on 01/04.
        let memberships = [try member(nurse, "2025-02-01"), try member(physio, "2025-03-01"),
                           try member(doctor, "2025-04-01")]
        let gaps = compositionGaps(memberships: memberships, professions: professions,
                                   from: try day("2025-01-01"), to: try day("2025-06-30"))
        XCTAssertEqual(gaps, [try day("2025-01-01")...(try day("2025-03-31"))])
    }

    func testNoGapWhenTheRuleHoldsThroughout() throws {
        let memberships = [try member(doctor, "2024-01-01", "2025-06-30"), try member(secondDoctor, "2025-07-01"),
                           try member(nurse, "2024-01-01")]
        XCTAssertEqual(compositionGaps(memberships: memberships, professions: professions,
                                       from: try day("2025-01-01"), to: try day("2025-12-31")), [])
    }

    func testGapsAgreeWithTheDayByDayRule() throws {
        let memberships = [try member(doctor, "2025-01-10", "2025-02-10"), try member(nurse, "2025-01-05", "2025-03-20"),
                           try member(physio, "2025-02-01"), try member(secondDoctor, "2025-02-20", "2025-02-25"),
                           try member(secondDoctor, "2025-03-10")]
        let from = try day("2025-01-01")
        let to = try day("2025-04-30")
        let gaps = compositionGaps(memberships: memberships, professions: professions, from: from, to: to)
        var current = from
        while current <= to {
            let failing = compositionFailure(memberships: memberships, professions: professions, at: current) != nil
            XCTAssertEqual(gaps.contains { $0.contains(current) }, failing, "\(current)")
            current = try XCTUnwrap(current.adding(days: 1))
        }
        XCTAssertEqual(gaps.count, 3)
    }
}

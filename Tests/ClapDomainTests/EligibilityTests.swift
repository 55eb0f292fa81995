import ClapDomain
import LedgerCore
import XCTest

/// One eligible action and its context; each test breaks exactly one thing.
private enum Baseline {
    static let medecin = "10000000001"
    static let infirmier = "10000000002"
    static let kine = "10000000003"
    static let pharmacienOutsider = "10000000004"
    static let secondMedecin = "10000000005"

    static func professional(_ rpps: String, _ profession: Profession, signed: String? = "2025-01-15",
                             name: String? = nil) -> ProfessionalFacts {
        ProfessionalFacts(rpps: RPPS(unchecked: rpps), profession: profession,
                          conventionSignedOn: signed.map(day), displayName: name)
    }

    static let members = [
        professional(medecin, .medecinGeneraliste, name: "Claire MARTIN"),
        professional(infirmier, .infirmier, name: "Paul DURAND"),
        professional(kine, .masseurKinesitherapeute),
        professional(secondMedecin, .medecinGeneraliste),
    ]

    static func context() throws -> EligibilityContext {
        EligibilityContext(
            team: TeamFacts(id: ActionFixture.team, statusAtDate: .active, legalForm: .association,
                            projectTypes: Set(TariffSchedule.requiredTypes)),
            members: members,
            participants: members + [professional(pharmacienOutsider, .pharmacien)],
            schedule: try TariffFixture.defaultSchedule(),
            paid: PaidFacts(),
            envelopeRoom: Cents(1_000_000),
            today: day("2026-04-01"),
            closedThrough: day("2026-02-28"))
    }

    /// RCP of 60 minutes, a GP (80.00) and a nurse (55.00): 135.00 €.
    static func rcp(minutes: Int? = 60, _ participants: [(String, ParticipantRole)] = [(medecin, .participant), (infirmier, .participant)])
        -> ActionDeclaration {
        ActionFixture.action(.rcp, minutes: minutes, participants)
    }

    static let etp = ActionFixture.action(.etp, minutes: 60, [(medecin, .animateur)])
    static let pps = ActionFixture.action(.pps, caseRef: "CAS-7", [(medecin, .referent), (infirmier, .contributeur)])
    static let protocole = ActionFixture.action(.protocole, protocolRef: "PROTO-AVK", [(medecin, .participant), (kine, .participant)])
    static let rcpPatient = ActionFixture.action(.rcpPatient, caseRef: "CAS-9", [(medecin, .participant), (kine, .participant)])
}

final class EligibilityTests: XCTestCase {
    private func codes(_ action: ActionDeclaration, _ context: EligibilityContext) -> [String] {
        Eligibility.check(action, context: context).map(\.code.rawValue)
    }

    func testBaselinesAreEligible() throws {
        let context = try Baseline.context()
        for action in [Baseline.rcp(), Baseline.etp, Baseline.pps, Baseline.protocole, Baseline.rcpPatient] {
            let outcome = Eligibility.evaluate(action, context: context)
            XCTAssertEqual(outcome.reasons, [], "\(action.type)")
            XCTAssertTrue(outcome.isEligible, "\(action.type)")
        }
        XCTAssertEqual(Eligibility.evaluate(Baseline.rcp(), context: context).valuation?.total, Cents(13500))
    }

    // Rule 1

    func testRule1TeamNotActive() throws {
        var context = try Baseline.context()
        context.team.statusAtDate = .suspendue
        XCTAssertEqual(codes(Baseline.rcp(), context), ["team.not_active"])
        context.team.statusAtDate = nil
        XCTAssertEqual(codes(Baseline.rcp(), context), ["team.not_active"])
    }

    func testRule1TypeNotInHealthProject() throws {
        var context = try Baseline.context()
        context.team.projectTypes.remove(.rcp)
        XCTAssertEqual(codes(Baseline.rcp(), context), ["type.not_in_project"])
    }

    func testRule1LegalFormForETP() throws {
        var context = try Baseline.context()
        context.team.legalForm = .aucune
        XCTAssertEqual(codes(Baseline.etp, context), ["legal_form"])
        XCTAssertEqual(codes(Baseline.rcp(), context), [])
    }

    func testRule1NoBaremeInForce() throws {
        var context = try Baseline.context()
        context.schedule = nil
        XCTAssertEqual(codes(Baseline.rcp(), context), ["tariff.none"])
    }

    // Rule 2

    func testRule2ParticipantNotMember() throws {
        let action = Baseline.rcp([(Baseline.medecin, .participant), (Baseline.pharmacienOutsider, .participant)])
        let reasons = Eligibility.check(action, context: try Baseline.context())
        XCTAssertEqual(reasons.map(\.code), [.participantNotMember])
        XCTAssertEqual(reasons.first?.rpps, RPPS(unchecked: Baseline.pharmacienOutsider))
    }

    func testRule2ParticipantWithoutConvention() throws {
        var context = try Baseline.context()
        context.participants[1].conventionSignedOn = nil
        let reasons = Eligibility.check(Baseline.rcp(), context: context)
        XCTAssertEqual(reasons.map(\.code), [.participantNoConvention])
        XCTAssertTrue(reasons[0].message.contains("Paul DURAND"), reasons[0].message)
        context.participants[1].conventionSignedOn = day("2026-03-11")
        XCTAssertEqual(codes(Baseline.rcp(), context), ["participant.no_convention"])
        context.participants[1].conventionSignedOn = day("2026-03-10")
        XCTAssertEqual(codes(Baseline.rcp(), context), [])
    }

    func testRule2UnknownProfessional() throws {
        let action = Baseline.rcp([(Baseline.medecin, .participant), (Baseline.infirmier, .participant), ("19999999999", .participant)])
        XCTAssertEqual(codes(action, try Baseline.context()), ["participant.unknown"])
    }

    // Rule 3

    func testRule3NotPluriprofessional() throws {
        let action = Baseline.rcp([(Baseline.medecin, .participant), (Baseline.secondMedecin, .participant)])
        XCTAssertEqual(codes(action, try Baseline.context()), ["not_pluriprofessional"])
    }

    func testRule3ETPNeedsAnAnimator() throws {
        let action = ActionFixture.action(.etp, minutes: 60, [(Baseline.medecin, .participant)])
        let reasons = Eligibility.check(action, context: try Baseline.context())
        XCTAssertEqual(reasons.map(\.code), [.noAnimator, .roleNotAllowed])
        XCTAssertEqual(Set(reasons.map(\.rule)), [.pluriprofessional])
    }

    func testRule3PPSNeedsOneReferentAndPaidRoles() throws {
        let twoReferents = ActionFixture.action(.pps, caseRef: "CAS-7", [(Baseline.medecin, .referent), (Baseline.infirmier, .referent)])
        XCTAssertEqual(codes(twoReferents, try Baseline.context()), ["roles.referent"])
        let animator = ActionFixture.action(.pps, caseRef: "CAS-7", [(Baseline.medecin, .referent), (Baseline.infirmier, .animateur)])
        XCTAssertEqual(codes(animator, try Baseline.context()), ["role.not_allowed"])
    }

    // Rule 4

    func testRule4CompositionWithoutGeneralPractitioner() throws {
        var context = try Baseline.context()
        context.members.removeAll { $0.profession == .medecinGeneraliste }
        let action = Baseline.rcp([(Baseline.infirmier, .participant), (Baseline.kine, .participant)])
        XCTAssertEqual(codes(action, context), ["composition"])
    }

    func testRule4CompositionNeedsTwoMembers() throws {
        var context = try Baseline.context()
        context.members = [Baseline.members[0]]
        XCTAssertEqual(codes(Baseline.etp, context), ["composition"])
        // One professional listed twice (two memberships covering the date) is one member.
        context.members = [Baseline.members[0], Baseline.members[0]]
        let outcome = Eligibility.evaluate(Baseline.etp, context: context)
        XCTAssertEqual(outcome.reasons.map(\.code.rawValue), ["composition"])
        XCTAssertTrue(outcome.reasons.first?.message.contains("compte 1 membre(s)") == true, "\(outcome.reasons)")
        context.members = [Baseline.members[0], Baseline.members[1], Baseline.members[0]]
        XCTAssertEqual(codes(Baseline.etp, context), [])
    }

    /// A participant listed twice among the known professionals is found by its first listing.
    func testAParticipantListedTwiceIsReadFromItsFirstListing() throws {
        var context = try Baseline.context()
        let unsigned = Baseline.professional(Baseline.infirmier, .infirmier, signed: nil)
        context.participants = [unsigned] + context.participants
        XCTAssertEqual(codes(Baseline.rcp(), context), ["participant.no_convention"])
        context.participants = context.participants.dropFirst() + [unsigned]
        XCTAssertEqual(codes(Baseline.rcp(), context), [])
    }

    // Rule 5

    func testRule5DurationOutOfBounds() throws {
        let context = try Baseline.context()
        XCTAssertEqual(codes(Baseline.rcp(minutes: 29), context), ["duration.bounds"])
        XCTAssertEqual(codes(Baseline.rcp(minutes: 181), context), ["duration.bounds"])
        XCTAssertEqual(codes(Baseline.rcp(minutes: 30), context), [])
        XCTAssertEqual(codes(Baseline.rcp(minutes: 180), context), [])
        XCTAssertEqual(codes(Baseline.rcp(minutes: 100_000), context), ["duration.bounds"])
    }

    func testRule5DurationMissing() throws {
        XCTAssertEqual(codes(Baseline.rcp(minutes: nil), try Baseline.context()), ["duration.missing"])
    }

    func testRule5RequiredReferences() throws {
        let noCase = ActionFixture.action(.rcpPatient, [(Baseline.medecin, .participant), (Baseline.kine, .participant)])
        XCTAssertEqual(codes(noCase, try Baseline.context()), ["case_ref.missing"])
        let noProtocol = ActionFixture.action(.protocole, [(Baseline.medecin, .participant), (Baseline.kine, .participant)])
        XCTAssertEqual(codes(noProtocol, try Baseline.context()), ["protocol_ref.missing"])
    }

    // Rule 6

    func testRule6ActionReferenceAlreadyUsed() throws {
        var context = try Baseline.context()
        context.paid.actionReferences = ["A-001"]
        XCTAssertEqual(codes(Baseline.rcp(), context), ["duplicate.reference"])
    }

    func testRule6OnePPSPerCasePerYear() throws {
        var context = try Baseline.context()
        context.paid.caseRefsThisYear = ["CAS-7"]
        XCTAssertEqual(codes(Baseline.pps, context), ["duplicate.case"])
        XCTAssertEqual(codes(Baseline.rcpPatient, context), [], "RCP_PATIENT may repeat a case")
    }

    func testRule6OncePerProtocolPerProfessional() throws {
        var context = try Baseline.context()
        context.paid.protocolRefsByProfessional = [RPPS(unchecked: Baseline.kine): ["PROTO-AVK"]]
        let reasons = Eligibility.check(Baseline.protocole, context: context)
        XCTAssertEqual(reasons.map(\.code), [.duplicateProtocol])
        XCTAssertEqual(reasons.first?.rpps, RPPS(unchecked: Baseline.kine))
    }

    // Rule 7

    func testRule7YearlyCountCap() throws {
        var context = try Baseline.context()
        context.paid.countThisYearByProfessional = [RPPS(unchecked: Baseline.medecin): 23]
        XCTAssertEqual(codes(Baseline.rcp(), context), [])
        context.paid.countThisYearByProfessional = [RPPS(unchecked: Baseline.medecin): 24]
        XCTAssertEqual(codes(Baseline.rcp(), context), ["cap.count"])
    }

    func testRule7YearlyAmountCap() throws {
        var context = try Baseline.context()
        context.paid.amountThisYearByProfessional = [RPPS(unchecked: Baseline.medecin): Cents(492_000)]
        XCTAssertEqual(codes(Baseline.rcp(), context), [], "80.00 € reaches exactly the 5 000 € cap")
        context.paid.amountThisYearByProfessional = [RPPS(unchecked: Baseline.medecin): Cents(492_001)]
        XCTAssertEqual(codes(Baseline.rcp(), context), ["cap.amount"])
    }

    // Rule 8

    func testRule8EnvelopeExactlyEqualIsAcceptedOneCentMoreIsRejected() throws {
        var context = try Baseline.context()
        context.envelopeRoom = Cents(13500)
        XCTAssertEqual(codes(Baseline.rcp(), context), [])
        context.envelopeRoom = Cents(13499)
        let reasons = Eligibility.check(Baseline.rcp(), context: context)
        XCTAssertEqual(reasons.map(\.code), [.envelope])
        XCTAssertTrue(reasons[0].message.contains("134,99"), reasons[0].message)
        context.envelopeRoom = Cents(-100)
        XCTAssertEqual(codes(Baseline.rcp(), context), ["envelope"])
    }

    // Rule 9

    func testRule9FutureDate() throws {
        var context = try Baseline.context()
        context.today = day("2026-03-09")
        XCTAssertEqual(codes(Baseline.rcp(), context), ["date.future"])
        context.today = day("2026-03-10")
        XCTAssertEqual(codes(Baseline.rcp(), context), [])
    }

    func testRule9ClosedPeriod() throws {
        var context = try Baseline.context()
        context.closedThrough = day("2026-03-10")
        XCTAssertEqual(codes(Baseline.rcp(), context), ["date.closed"])
        context.closedThrough = nil
        XCTAssertEqual(codes(Baseline.rcp(), context), [])
    }

    // All together

    func testEveryFailureIsReturnedInRuleOrder() throws {
        var context = try Baseline.context()
        context.today = day("2026-01-01")
        context.envelopeRoom = .zero
        context.team.statusAtDate = .reconnue
        context.paid.actionReferences = ["A-001"]
        let action = Baseline.rcp(minutes: 10, [(Baseline.medecin, .participant), (Baseline.pharmacienOutsider, .participant)])
        let reasons = Eligibility.check(action, context: context)
        XCTAssertEqual(reasons.map(\.code), [.teamNotActive, .participantNotMember, .durationBounds,
                                             .duplicateReference, .envelope, .dateFuture])
        XCTAssertEqual(reasons.map(\.rule), reasons.map(\.rule).sorted())
        XCTAssertTrue(reasons.allSatisfy { !$0.message.isEmpty })
    }

    func testEveryValuationFailureCodeIsARejectionCode() {
        for code in ["type.not_in_tariff", "participant.not_member", "duration.missing", "duration.bounds",
                     "role.not_allowed", "tariff.missing_rate"] {
            XCTAssertNotNil(RejectionCode(rawValue: code), code)
        }
    }
}

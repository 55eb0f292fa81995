import LedgerCore

/// Decides whether a declared action is paid: runs the nine rules and returns every failure.
///
/// The order is fixed and is the order of the product brief (see `EligibilityRule`): 1 team and
/// type, 2 participants, 3 pluriprofessional, 4 composition, 5 duration and references, 6 no double
/// payment, 7 yearly caps, 8 envelope, 9 period. Within a rule, reasons follow the participants'
/// order in the declaration. Rules that need the barème rule of the type (3, 5, 6, 7) skip what
/// needs it when the type is not in the barème; rules that need amounts (7 amount cap, 8) skip
/// when the action cannot be valued, the valuation failure being itself a reason.
public enum Eligibility {
    /// The reasons `action` is not paid; empty when it is eligible.
    public static func check(_ action: ActionDeclaration, context: EligibilityContext) -> [RejectionReason] {
        evaluate(action, context: context).reasons
    }

    /// The reasons, and the valuation when the action could be valued (even if rejected).
    public static func evaluate(_ action: ActionDeclaration, context: EligibilityContext) -> EligibilityOutcome {
        let valued = valuation(of: action, context: context)
        var reasons: [RejectionReason] = []
        reasons += teamAndType(action, context)
        reasons += participants(action, context)
        reasons += pluriprofessional(action, context)
        reasons += composition(action, context)
        reasons += duration(action, context)
        reasons += noDoublePayment(action, context)
        reasons += yearlyCap(action, context, valuation: valued.value)
        reasons += envelope(action, context, valuation: valued.value)
        reasons += period(action, context)
        // A valuation failure is reported only when no reason of its rule already explains it.
        if let failure = valued.failure, !reasons.contains(where: { $0.rule == failure.rule }) {
            reasons.append(failure)
        }
        // A stable sort keeps each rule's reasons together and in rule order.
        let ordered = reasons.enumerated()
            .sorted { ($0.element.rule.rawValue, $0.offset) < ($1.element.rule.rawValue, $1.offset) }
            .map(\.element)
        return EligibilityOutcome(reasons: ordered, valuation: valued.value)
    }

    private static func valuation(of action: ActionDeclaration,
                                  context: EligibilityContext) -> (value: ActionValuation?, failure: RejectionReason?) {
        guard let schedule = context.schedule else { return (nil, nil) }
        let groups = Dictionary(context.participants.map { ($0.rpps, $0.profession.tariffGroup) },
                                uniquingKeysWith: { first, _ in first })
        switch Valuation.value(action, groups: groups, schedule: schedule) {
        case let .success(valuation):
            return (valuation, nil)
        case let .failure(issue):
            // Valuation codes are rejection codes; an unknown one is a programmer error caught in tests.
            let code = RejectionCode(rawValue: issue.code) ?? .missingRate
            return (nil, RejectionReason(code, issue.message))
        }
    }
}

/// The result of `Eligibility.evaluate`: the reasons (empty = eligible) and the valuation, if any.
public struct EligibilityOutcome: Hashable, Sendable {
    public let reasons: [RejectionReason]
    public let valuation: ActionValuation?

    public var isEligible: Bool { reasons.isEmpty && valuation != nil }
}

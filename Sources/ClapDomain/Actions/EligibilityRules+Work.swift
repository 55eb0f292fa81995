import LedgerCore

extension Eligibility {
    /// Rule 5: an hourly action has a duration within the barème's bounds; the case or protocol
    /// reference the type requires is present.
    public static func duration(_ action: ActionDeclaration, _ context: EligibilityContext) -> [RejectionReason] {
        guard let rule = context.schedule?.types[action.type] else { return [] }
        var reasons: [RejectionReason] = []
        if rule.unit == .hour {
            if let minutes = action.durationMinutes {
                let low = rule.minMinutes ?? 1
                let high = min(rule.maxMinutes ?? Valuation.minutesMax, Valuation.minutesMax)
                if !(low...max(low, high)).contains(minutes) {
                    reasons.append(RejectionReason(.durationBounds,
                        "la durée de l'action \(action.type) « \(action.reference) » (\(minutes) min) doit être comprise "
                            + "entre \(low) et \(high) minutes selon le barème."))
                }
            } else {
                reasons.append(RejectionReason(.durationMissing,
                    "l'action \(action.type) « \(action.reference) » est payée à l'heure : sa durée (duree_minutes) est obligatoire."))
            }
        }
        if rule.requiresCaseRef && (action.caseRef ?? "").isEmpty {
            reasons.append(RejectionReason(.caseRefMissing,
                "l'action \(action.type) « \(action.reference) » doit indiquer la référence du cas (ref_cas)."))
        }
        if rule.requiresProtocolRef && (action.protocolRef ?? "").isEmpty {
            reasons.append(RejectionReason(.protocolRefMissing,
                "l'action \(action.type) « \(action.reference) » doit indiquer la référence du protocole (ref_protocole)."))
        }
        return reasons
    }

    /// Rule 6: the same work is not paid twice: the action reference is new for the team; one action
    /// per case reference per team and year (PPS); a professional is paid once per protocol reference.
    public static func noDoublePayment(_ action: ActionDeclaration, _ context: EligibilityContext) -> [RejectionReason] {
        var reasons: [RejectionReason] = []
        let paid = context.paid
        if paid.actionReferences.contains(action.reference) {
            reasons.append(RejectionReason(.duplicateReference,
                "la référence d'action « \(action.reference) » a déjà été utilisée par l'équipe \(action.team)."))
        }
        guard let rule = context.schedule?.types[action.type] else { return reasons }
        if rule.oncePerCasePerYear, let caseRef = action.caseRef, paid.caseRefsThisYear.contains(caseRef) {
            reasons.append(RejectionReason(.duplicateCase,
                "un \(action.type) a déjà été payé à l'équipe \(action.team) en \(action.date.year) pour le cas « \(caseRef) »."))
        }
        if rule.oncePerProtocolPerProfessional, let protocolRef = action.protocolRef {
            let known = facts(context.participants)
            for participant in action.participants
            where paid.protocolRefsByProfessional[participant.rpps]?.contains(protocolRef) == true {
                let who = known[participant.rpps]?.who ?? "RPPS \(participant.rpps)"
                reasons.append(RejectionReason(.duplicateProtocol,
                    "\(who) a déjà été payé pour le protocole « \(protocolRef) » de l'équipe \(action.team).",
                    rpps: participant.rpps))
            }
        }
        return reasons
    }
}

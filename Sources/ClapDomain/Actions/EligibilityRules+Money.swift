import LedgerCore

extension Eligibility {
    /// Rule 7: no participant passes the barème's yearly cap: the count of actions of this type,
    /// and the amount of all types together when the barème sets one.
    public static func yearlyCap(_ action: ActionDeclaration, _ context: EligibilityContext,
                                 valuation: ActionValuation?) -> [RejectionReason] {
        guard let schedule = context.schedule, let rule = schedule.types[action.type] else { return [] }
        let known = facts(context.participants)
        var reasons: [RejectionReason] = []
        if let cap = rule.yearlyCapPerProfessional {
            for participant in action.participants {
                let count = context.paid.countThisYearByProfessional[participant.rpps] ?? 0
                guard count + 1 > cap else { continue }
                let who = known[participant.rpps]?.who ?? "RPPS \(participant.rpps)"
                reasons.append(RejectionReason(.capCount,
                    "\(who) a déjà été payé pour \(count) action(s) \(action.type) en \(action.date.year) ; "
                        + "le barème en permet au plus \(cap) par an.", rpps: participant.rpps))
            }
        }
        if let cap = schedule.yearlyAmountCapPerProfessional, let valuation {
            for line in valuation.lines {
                let already = context.paid.amountThisYearByProfessional[line.rpps] ?? .zero
                guard already + line.amount > cap else { continue }
                let who = known[line.rpps]?.who ?? "RPPS \(line.rpps)"
                reasons.append(RejectionReason(.capAmount,
                    "\(who) a déjà reçu \(already.euroString) en \(action.date.year) ; cette action (\(line.amount.euroString)) "
                        + "dépasserait le plafond annuel de \(cap.euroString) par professionnel.", rpps: line.rpps))
            }
        }
        return reasons
    }

    /// Rule 8: the team's envelope for the year has room for the whole action; an action is never paid in part.
    public static func envelope(_ action: ActionDeclaration, _ context: EligibilityContext,
                                valuation: ActionValuation?) -> [RejectionReason] {
        guard let valuation, valuation.total > context.envelopeRoom else { return [] }
        let room = max(context.envelopeRoom, .zero)
        return [RejectionReason(.envelope,
            "l'enveloppe \(action.date.year) de l'équipe \(action.team) n'a plus que \(room.euroString) disponibles ; "
                + "l'action « \(action.reference) » coûte \(valuation.total.euroString) et n'est jamais payée en partie.")]
    }

    /// Rule 9: the date is not after today and not in a closed period.
    public static func period(_ action: ActionDeclaration, _ context: EligibilityContext) -> [RejectionReason] {
        var reasons: [RejectionReason] = []
        if action.date > context.today {
            reasons.append(RejectionReason(.dateFuture,
                "l'action « \(action.reference) » est datée du \(action.date.french), dans le futur "
                    + "(nous sommes le \(context.today.french))."))
        }
        if let closed = context.closedThrough, action.date <= closed {
            reasons.append(RejectionReason(.dateClosed,
                "l'action « \(action.reference) » est datée du \(action.date.french), dans une période close "
                    + "(clôturée jusqu'au \(closed.french))."))
        }
        return reasons
    }
}

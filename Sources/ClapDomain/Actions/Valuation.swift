import LedgerCore

/// Values a declared action with a barème version: pure arithmetic in integer cents.
public enum Valuation {
    /// The longest duration ever valued, in minutes (one day); it also keeps the arithmetic far from overflow.
    public static let minutesMax = 24 * 60

    /// Values every participant of `action`. `groups` gives each participant's tariff group
    /// (from their profession). Hourly types pay rate × minutes / 60, rounded half-up to the cent
    /// on each line; flat types pay the rate. Fails with `type.not_in_tariff`, `participant.not_member`
    /// (no group known), `duration.missing`, `duration.bounds`, `role.not_allowed` (a table by role
    /// without this role) or `tariff.missing_rate`.
    public static func value(_ action: ActionDeclaration, groups: [RPPS: TariffGroup],
                             schedule: TariffSchedule) -> Result<ActionValuation, InputIssue> {
        guard let rule = schedule.types[action.type] else {
            return .failure(InputIssue(code: "type.not_in_tariff",
                                       message: "le type « \(action.type) » n'existe pas dans le barème « \(schedule.name) » "
                                           + "en vigueur le \(action.date.french)."))
        }
        var minutes: Int?
        if rule.unit == .hour {
            guard let declared = action.durationMinutes else {
                return .failure(InputIssue(code: "duration.missing",
                                           message: "l'action « \(action.reference) » de type \(action.type) est payée à l'heure : "
                                               + "sa durée (duree_minutes) est obligatoire."))
            }
            guard (1...minutesMax).contains(declared) else {
                return .failure(InputIssue(code: "duration.bounds",
                                           message: "la durée de l'action « \(action.reference) » (\(declared) min) doit être "
                                               + "comprise entre 1 et \(minutesMax) minutes."))
            }
            minutes = declared
        }
        var lines: [ValuationLine] = []
        for participant in action.participants {
            guard let group = groups[participant.rpps] else {
                return .failure(InputIssue(code: "participant.not_member",
                                           message: "le groupe tarifaire du RPPS \(participant.rpps) est inconnu : "
                                               + "il n'est pas membre de l'équipe \(action.team) le \(action.date.french)."))
            }
            guard let rate = rule.rates.rate(group: group, role: participant.role) else {
                return .failure(missingRate(rule: rule, participant: participant, group: group))
            }
            let amount = minutes.map { hourlyAmount(rate: rate.amount, minutes: $0) } ?? rate.amount
            lines.append(ValuationLine(rpps: participant.rpps, role: participant.role, rate: rate,
                                       unit: rule.unit, minutes: minutes, amount: amount))
        }
        return .success(ActionValuation(team: action.team, reference: action.reference, type: action.type,
                                        scheduleName: schedule.name, scheduleEffectiveFrom: schedule.effectiveFrom,
                                        lines: lines))
    }

    /// rate × minutes / 60, half-up to the cent: ⌊(2 · rate · minutes + 60) / 120⌋, all in integers.
    public static func hourlyAmount(rate: Cents, minutes: Int) -> Cents {
        precondition(rate.value >= 0 && minutes >= 0, "hourly amount of a negative rate or duration")
        return Cents((rate.value * Int64(minutes) * 2 + 60) / 120)
    }

    private static func missingRate(rule: ActionTypeRule, participant: ActionParticipant, group: TariffGroup) -> InputIssue {
        if let roles = rule.rates.paidRoles {
            let allowed = roles.map(\.rawValue).sorted().joined(separator: ", ")
            return InputIssue(code: "role.not_allowed",
                              message: "le rôle « \(participant.role.rawValue) » du RPPS \(participant.rpps) n'est pas payé "
                                  + "pour le type \(rule.code) ; rôles admis : \(allowed).")
        }
        return InputIssue(code: "tariff.missing_rate",
                          message: "le barème n'a pas de tarif \(rule.code) pour le groupe \(group.rawValue).")
    }
}

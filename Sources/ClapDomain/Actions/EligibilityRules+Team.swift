import LedgerCore

extension Eligibility {
    /// Rule 1: the team is `active`, the type is in its health project and in the barème in force,
    /// and the team has the legal form the type requires.
    public static func teamAndType(_ action: ActionDeclaration, _ context: EligibilityContext) -> [RejectionReason] {
        var reasons: [RejectionReason] = []
        let team = context.team
        if team.statusAtDate != .active {
            let status = team.statusAtDate.map { "« \($0.label) »" } ?? "inexistante"
            reasons.append(RejectionReason(.teamNotActive,
                "l'équipe \(team.id) n'est pas active le \(action.date.french) (statut : \(status)) ; "
                    + "seules les actions d'une équipe active sont payées."))
        }
        if !team.projectTypes.contains(action.type) {
            reasons.append(RejectionReason(.typeNotInProject,
                "le type \(action.type) ne figure pas dans le projet de santé de l'équipe \(team.id)."))
        }
        guard let schedule = context.schedule else {
            reasons.append(RejectionReason(.tariffNone, "aucun barème n'est en vigueur le \(action.date.french)."))
            return reasons
        }
        guard let rule = schedule.types[action.type] else {
            reasons.append(RejectionReason(.typeNotInTariff,
                "le type \(action.type) n'existe pas dans le barème « \(schedule.name) » en vigueur le \(action.date.french)."))
            return reasons
        }
        if let form = rule.requiresLegalForm, form != team.legalForm {
            reasons.append(RejectionReason(.legalForm,
                "le type \(action.type) n'est payé qu'à une équipe de forme juridique « \(form.rawValue) » ; "
                    + "l'équipe \(team.id) est « \(team.legalForm.rawValue) »."))
        }
        return reasons
    }

    /// Rule 2: every participant is a member of the team at the date and had signed the individual
    /// convention by then.
    public static func participants(_ action: ActionDeclaration, _ context: EligibilityContext) -> [RejectionReason] {
        let known = facts(context.participants)
        var reasons: [RejectionReason] = []
        for participant in action.participants {
            guard let professional = known[participant.rpps] else {
                reasons.append(RejectionReason(.participantUnknown,
                    "le RPPS \(participant.rpps) n'est pas enregistré parmi les professionnels.", rpps: participant.rpps))
                continue
            }
            if !context.members.contains(where: { $0.rpps == participant.rpps }) {
                reasons.append(RejectionReason(.participantNotMember,
                    "\(professional.who) n'est pas membre de l'équipe \(action.team) le \(action.date.french).",
                    rpps: participant.rpps))
            }
            if let signed = professional.conventionSignedOn, signed <= action.date { continue }
            let detail = professional.conventionSignedOn.map { "n'a signé sa convention individuelle que le \($0.french)" }
                ?? "n'a pas signé sa convention individuelle"
            reasons.append(RejectionReason(.participantNoConvention,
                "\(professional.who) \(detail) ; elle doit l'être à la date de l'action "
                    + "(\(action.date.french)).", rpps: participant.rpps))
        }
        return reasons
    }

    /// Rule 3: participants of at least `min_professions` different professions; an ETP is declared
    /// by its animators (at least one, and only them); a type rated by role pays only those roles,
    /// and when it pays a referent, exactly one.
    public static func pluriprofessional(_ action: ActionDeclaration, _ context: EligibilityContext) -> [RejectionReason] {
        guard let rule = context.schedule?.types[action.type] else { return [] }
        var reasons: [RejectionReason] = []
        let known = facts(context.participants)
        let professions = Set(action.participants.compactMap { known[$0.rpps]?.profession })
        if professions.count < rule.minProfessions {
            reasons.append(RejectionReason(.notPluriprofessional,
                "l'action \(action.type) « \(action.reference) » réunit \(professions.count) profession(s) ; "
                    + "il en faut au moins \(rule.minProfessions) différentes (pluriprofessionnel)."))
        }
        let allowed: Set<ParticipantRole>? = action.type == .etp ? [.animateur] : rule.rates.paidRoles
        if action.type == .etp && !action.participants.contains(where: { $0.role == .animateur }) {
            reasons.append(RejectionReason(.noAnimator,
                "l'action ETP « \(action.reference) » n'a aucun participant de rôle « animateur »."))
        }
        if let allowed {
            let names = allowed.map(\.rawValue).sorted().joined(separator: ", ")
            for participant in action.participants where !allowed.contains(participant.role) {
                let who = known[participant.rpps]?.who ?? "RPPS \(participant.rpps)"
                reasons.append(RejectionReason(.roleNotAllowed,
                    "\(who) a le rôle « \(participant.role.rawValue) », qui n'est pas payé pour le type \(action.type) ; "
                        + "rôles admis : \(names).", rpps: participant.rpps))
            }
            let referents = action.participants.filter { $0.role == .referent }.count
            if allowed.contains(.referent) && referents != 1 {
                reasons.append(RejectionReason(.referentCount,
                    "l'action \(action.type) « \(action.reference) » doit avoir exactement un référent ; elle en a \(referents)."))
            }
        }
        return reasons
    }

    /// Rule 4: at the date, the team has at least two members, one of them a general practitioner.
    public static func composition(_ action: ActionDeclaration, _ context: EligibilityContext) -> [RejectionReason] {
        let members = facts(context.members)
        let hasGeneralPractitioner = context.members.contains { $0.profession == .medecinGeneraliste }
        guard members.distinctCount < compositionMembersMin || !hasGeneralPractitioner else { return [] }
        return [RejectionReason(.composition,
            "le \(action.date.french), l'équipe \(action.team) compte \(members.distinctCount) membre(s)"
                + (hasGeneralPractitioner ? "" : " et aucun médecin généraliste")
                + " ; il faut au moins \(compositionMembersMin) membres dont un médecin généraliste.")]
    }

    /// The fewest members a team may have (composition rule).
    public static let compositionMembersMin = 2

    static func facts(_ list: [ProfessionalFacts]) -> FactsByRPPS { FactsByRPPS(list: list) }
}

/// The facts of a declaration's participants, or of a team's members, found by RPPS; the first listed wins. The
/// lists are short (three participants, about ten members): searching them in order costs less than building a
/// dictionary for each declaration, which took 2 % of a month's import.
struct FactsByRPPS {
    let list: [ProfessionalFacts]

    subscript(rpps: RPPS) -> ProfessionalFacts? { list.first { $0.rpps == rpps } }

    /// How many different professionals the list holds.
    var distinctCount: Int {
        list.indices.filter { index in !list[..<index].contains { $0.rpps == list[index].rpps } }.count
    }
}

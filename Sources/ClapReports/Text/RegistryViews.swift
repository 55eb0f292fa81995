import ClapDomain
import ClapStore
import GRDB
import LedgerCore

/// A professional as shown to people and scripts: the IBAN masked.
public struct ProfessionalView: Codable, Sendable {
    public let rpps: String
    public let nom: String
    public let prenom: String
    public let profession: String
    public let iban: String
    public let bic: String?
    public let email: String?
    public let dateConvention: String?
    public let equipes: [String]

    public init(_ professional: Professional, teams: [String]) {
        rpps = professional.rpps.rawValue
        nom = professional.lastName
        prenom = professional.firstName
        profession = professional.profession.rawValue
        iban = professional.iban.masked
        bic = professional.bic?.rawValue
        email = professional.email?.rawValue
        dateConvention = professional.conventionOn?.iso
        equipes = teams
    }
}

/// A team as shown: its registration, status today, members and whether the composition rule holds.
public struct TeamView: Codable, Sendable {
    public struct Member: Codable, Sendable {
        public let rpps: String
        public let nom: String
        public let profession: String
        public let du: String
        public let au: String?
    }

    public struct Gap: Codable, Sendable {
        public let du: String
        public let au: String
    }

    public let equipe: String
    public let nom: String
    public let departement: String
    public let numeroArs: String?
    public let dateEnregistrementArs: String?
    public let dateConvention: String?
    public let formeJuridique: String
    public let actions: [String]
    public let statut: String
    public let historiqueStatuts: [String]
    public let membres: [Member]
    public let compositionRespecteeAujourdhui: Bool
    public let compositionMotif: String?
    public let periodesSansComposition: [Gap]

    /// Reads everything `team show` needs.
    public static func load(_ id: TeamID, today: Day, in db: Database) throws -> TeamView {
        guard let team = try RegistryStore.team(id, in: db) else { throw StoreError.notFound(what: "L'équipe \(id)") }
        let lifecycle = try RegistryStore.lifecycle(of: id, in: db)
        let memberships = try RegistryStore.memberships(team: id, in: db)
        let professions = try RegistryStore.professions(of: memberships.map(\.rpps), in: db)
        var members: [Member] = []
        for membership in memberships {
            let name = try RegistryStore.professional(membership.rpps, in: db)?.displayName ?? membership.rpps.rawValue
            members.append(Member(rpps: membership.rpps.rawValue, nom: name, profession: professions[membership.rpps]?.label ?? "?",
                                  du: membership.from.french, au: membership.to?.french))
        }
        let start = ([team.arsRegisteredOn, team.conventionOn] + memberships.map(\.from)).compactMap { $0 }.min() ?? today
        let failure = compositionFailure(memberships: memberships, professions: professions, at: today)
        let gaps = start <= today ? compositionGaps(memberships: memberships, professions: professions, from: start, to: today) : []
        return TeamView(
            equipe: team.id.rawValue, nom: team.name, departement: team.department.rawValue, numeroArs: team.arsNumber,
            dateEnregistrementArs: team.arsRegisteredOn?.french, dateConvention: team.conventionOn?.french,
            formeJuridique: team.legalForm.rawValue, actions: team.actionTypes.map(\.rawValue),
            statut: lifecycle.status(at: today).rawValue,
            historiqueStatuts: lifecycle.history.map { "\($0.status.label) depuis le \($0.since.french)" },
            membres: members, compositionRespecteeAujourdhui: failure == nil, compositionMotif: failure?.message,
            periodesSansComposition: gaps.map { Gap(du: $0.lowerBound.french, au: $0.upperBound.french) })
    }

    public func text() -> String {
        var lines = [
            "Équipe \(equipe) — \(nom)",
            "Département : \(departement)    Forme juridique : \(formeJuridique)    Actions du projet de santé : \(actions.joined(separator: ", "))",
            "Enregistrement ARS : \(numeroArs ?? "—") le \(dateEnregistrementArs ?? "—")    Convention : \(dateConvention ?? "non signée")",
            "Statut aujourd'hui : \(statut)" + (historiqueStatuts.isEmpty ? "" : " (" + historiqueStatuts.joined(separator: " ; ") + ")"),
            "",
        ]
        var table = TextTable([.init("RPPS"), .init("Nom"), .init("Profession"), .init("Du"), .init("Au")])
        for member in membres { table.add([member.rpps, member.nom, member.profession, member.du, member.au ?? ""]) }
        lines.append(table.render())
        lines.append("")
        lines.append(compositionRespecteeAujourdhui
                     ? "Composition (au moins deux professionnels dont un médecin généraliste) : respectée aujourd'hui."
                     : "Composition NON respectée aujourd'hui : \(compositionMotif ?? "").")
        if periodesSansComposition.isEmpty {
            lines.append("Aucune période sans composition valable.")
        } else {
            lines.append("Périodes où la composition n'était pas respectée : "
                         + periodesSansComposition.map { "du \($0.du) au \($0.au)" }.joined(separator: ", ") + ".")
        }
        return lines.joined(separator: "\n")
    }
}

import ClapDomain
import ClapStore
import LedgerCore

/// One line of the ARS report: a team, a department's subtotal or the region's total.
/// Money and counts add up from teams; professionals are counted once per line (a professional working with two
/// teams of a department counts once in the department).
public struct ArsReportRow: Encodable, Sendable, Equatable {
    public enum Level: String, Encodable, Sendable {
        case team = "equipe"
        case department = "departement"
        case region = "region"
    }

    public let level: Level
    /// The team id, the department number, or `region`.
    public let code: String
    public let name: String
    public let department: String?
    public let granted: Cents
    public let consumed: Cents
    /// Paid actions by type code.
    public let actionCounts: [String: Int]
    public let rcpMinutes: Int
    public let etpMinutes: Int
    public let ppsCount: Int
    /// Distinct participants of paid actions, by profession code.
    public let professionalsByProfession: [String: Int]
    public let professionalCount: Int
    /// Distinct participants an action paid an indemnity to.
    public let indemnifiedCount: Int

    /// The reliquat: what the envelope has left.
    public var left: Cents { granted - consumed }
    public var usedBasisPoints: Int64 { ReportFormat.basisPoints(consumed, of: granted) }
    public var actionCount: Int { actionCounts.values.reduce(0, +) }

    enum CodingKeys: String, CodingKey {
        case level = "niveau", code, name = "nom", department = "departement", granted = "accordeCentimes",
             consumed = "consommeCentimes", actionCounts = "actionsParType", rcpMinutes = "minutesRcp", etpMinutes = "minutesEtp",
             ppsCount = "nombrePps", professionalsByProfession = "professionnelsParProfession",
             professionalCount = "nombreProfessionnels", indemnifiedCount = "nombreProfessionnelsIndemnises",
             left = "reliquatCentimes", rcpHours = "heuresRcp", etpHours = "heuresEtp"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(level, forKey: .level)
        try c.encode(code, forKey: .code)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(department, forKey: .department)
        try c.encode(granted.value, forKey: .granted)
        try c.encode(consumed.value, forKey: .consumed)
        try c.encode(actionCounts, forKey: .actionCounts)
        try c.encode(rcpMinutes, forKey: .rcpMinutes)
        try c.encode(etpMinutes, forKey: .etpMinutes)
        try c.encode(ppsCount, forKey: .ppsCount)
        try c.encode(professionalsByProfession, forKey: .professionalsByProfession)
        try c.encode(professionalCount, forKey: .professionalCount)
        try c.encode(indemnifiedCount, forKey: .indemnifiedCount)
        try c.encode(left.value, forKey: .left)
        try c.encode(ReportFormat.hours(minutes: rcpMinutes), forKey: .rcpHours)
        try c.encode(ReportFormat.hours(minutes: etpMinutes), forKey: .etpHours)
    }

    init(level: Level, code: String, name: String, department: String?, teams: [ArsTeamFacts]) {
        self.level = level
        self.code = code
        self.name = name
        self.department = department
        granted = teams.reduce(.zero) { $0 + $1.granted }
        consumed = teams.reduce(.zero) { $0 + $1.consumed }
        var counts: [String: Int] = [:]
        for team in teams { for (type, n) in team.actionCounts { counts[type.rawValue, default: 0] += n } }
        actionCounts = counts
        func minutes(_ types: Set<ActionTypeCode>) -> Int {
            teams.reduce(0) { sum, team in sum + team.minutesByType.filter { types.contains($0.key) }.values.reduce(0, +) }
        }
        rcpMinutes = minutes(ArsReport.rcpTypes)
        etpMinutes = minutes(ArsReport.etpTypes)
        ppsCount = counts[ActionTypeCode.pps.rawValue] ?? 0
        var professions: [RPPS: Profession?] = [:]
        var indemnified: Set<RPPS> = []
        for participant in teams.flatMap(\.participants) {
            professions[participant.rpps] = participant.profession
            if participant.indemnified { indemnified.insert(participant.rpps) }
        }
        var byProfession: [String: Int] = [:]
        for case let profession? in professions.values { byProfession[profession.rawValue, default: 0] += 1 }
        professionalsByProfession = byProfession
        professionalCount = professions.count
        indemnifiedCount = indemnified.count
    }
}

/// The ARS annual report: per team, per department, for the region.
public struct ArsReport: Encodable, Sendable {
    /// The types whose durations make the hours of RCP (with or without the patient).
    public static let rcpTypes: Set<ActionTypeCode> = [.rcp, .rcpPatient]
    public static let etpTypes: Set<ActionTypeCode> = [.etp]

    public let year: Int
    public let association: String
    public let siren: String
    /// Type codes in the report's column order, with their barème labels.
    public let actionTypes: [String]
    public let actionTypeLabels: [String: String]
    public let teams: [ArsReportRow]
    /// The five departments, with or without teams.
    public let departments: [ArsReportRow]
    public let region: ArsReportRow

    enum CodingKeys: String, CodingKey {
        case year = "annee", association, siren, actionTypes = "typesActions", actionTypeLabels = "libellesTypes",
             teams = "equipes", departments = "departements", region
    }

    public init(_ facts: ArsReportFacts) {
        year = facts.year
        association = facts.association.name
        siren = facts.association.siren
        actionTypes = facts.actionTypes.map(\.code.rawValue)
        actionTypeLabels = Dictionary(facts.actionTypes.map { ($0.code.rawValue, $0.label) }, uniquingKeysWith: { first, _ in first })
        teams = facts.teams.map {
            ArsReportRow(level: .team, code: $0.team.id.rawValue, name: $0.team.name, department: $0.team.department.rawValue, teams: [$0])
        }
        departments = Department.allCases.map { department in
            ArsReportRow(level: .department, code: department.rawValue, name: department.label, department: department.rawValue,
                         teams: facts.teams.filter { $0.team.department == department })
        }
        region = ArsReportRow(level: .region, code: "region", name: "Pays de la Loire", department: nil, teams: facts.teams)
    }

    /// Teams of one department, in report order.
    public func teams(in department: ArsReportRow) -> [ArsReportRow] { teams.filter { $0.department == department.code } }

    /// A short column title for a type: `RCP`, `RCP patient`, `Protocole`.
    public static func shortName(_ code: String) -> String {
        switch code {
        case ActionTypeCode.rcpPatient.rawValue: "RCP patient"
        case ActionTypeCode.protocole.rawValue: "Protocole"
        default: code
        }
    }
}

import ClapDomain
import GRDB
import LedgerCore

/// One participant of a team's paid actions in the year.
public struct ArsParticipant: Hashable, Sendable {
    public let rpps: RPPS
    /// The profession in the registry today; nil for an RPPS the registry lacks.
    public let profession: Profession?
    /// Whether at least one of those actions paid them an indemnity.
    public let indemnified: Bool

    public init(rpps: RPPS, profession: Profession?, indemnified: Bool) {
        self.rpps = rpps
        self.profession = profession
        self.indemnified = indemnified
    }
}

/// What the ledger and the actions say about one team's year, for the ARS.
public struct ArsTeamFacts: Hashable, Sendable {
    public let team: Team
    /// Credits of 741000 and 789400 on the analytic code (team, year), as `EnvelopeStore` reads them.
    public let granted: Cents
    /// Net debits of 622600 on the analytic code (team, year).
    public let consumed: Cents
    /// Paid actions (status `validee`) dated in the year, by type.
    public let actionCounts: [ActionTypeCode: Int]
    /// The declared durations of those actions, by type.
    public let minutesByType: [ActionTypeCode: Int]
    /// Everyone who took part in those actions, in RPPS order.
    public let participants: [ArsParticipant]

    public init(team: Team, granted: Cents, consumed: Cents, actionCounts: [ActionTypeCode: Int], minutesByType: [ActionTypeCode: Int],
                participants: [ArsParticipant]) {
        self.team = team
        self.granted = granted
        self.consumed = consumed
        self.actionCounts = actionCounts
        self.minutesByType = minutesByType
        self.participants = participants
    }
}

/// The facts of the ARS annual report, read from one snapshot.
public struct ArsReportFacts: Hashable, Sendable {
    public let association: AssociationInfo
    public let year: Int
    /// In department, then team order.
    public let teams: [ArsTeamFacts]
    /// The action types to show, in the barème's order, with the label in force in the year.
    public let actionTypes: [ArsActionType]

    public init(association: AssociationInfo, year: Int, teams: [ArsTeamFacts], actionTypes: [ArsActionType]) {
        self.association = association
        self.year = year
        self.teams = teams
        self.actionTypes = actionTypes
    }
}

/// An action type as the report names it.
public struct ArsActionType: Hashable, Sendable {
    public let code: ActionTypeCode
    public let label: String

    public init(code: ActionTypeCode, label: String) {
        self.code = code
        self.label = label
    }
}

/// Reads the facts of the ARS annual report: envelopes from the ledger, activity from the paid actions.
public enum ArsReportQueries {
    public static func facts(year: Int, in db: Database) throws -> ArsReportFacts {
        let teams = Dictionary(uniqueKeysWithValues: try RegistryStore.teams(in: db).map { ($0.id, $0) })
        var result: [ArsTeamFacts] = []
        for envelope in try EnvelopeStore.statuses(year: year, team: nil, in: db) {
            guard let team = teams[envelope.team] else { continue }
            result.append(try facts(team: team, envelope: envelope, in: db))
        }
        result.sort { ($0.team.department.rawValue, $0.team.id) < ($1.team.department.rawValue, $1.team.id) }
        return ArsReportFacts(association: try AssociationStore.association(in: db), year: year, teams: result,
                              actionTypes: try actionTypes(year: year, seen: result.flatMap(\.actionCounts.keys), in: db))
    }

    /// A team's paid actions of a year, per type. `status <> 'rejetee'` says nothing more than `status = 'validee'`,
    /// but SQLite needs it written to read the team's actions through the partial index action_paid_reference (the
    /// only index by team on every paid action since Schema/0014): without it, each team's report scanned every
    /// action of the year (the ARS report of a year at ten years: 3.7 s with it, 44 s without).
    static let actionCountsSQL = """
        SELECT type, COUNT(*) AS n, COALESCE(SUM(duration_minutes), 0) AS minutes FROM action
        WHERE team_id = ? AND status = 'validee' AND status <> 'rejetee' AND action_date >= ? AND action_date <= ?
        GROUP BY type
        """

    /// The professionals of a team's paid actions of a year (same index as `actionCountsSQL`).
    static let participantsSQL = """
        SELECT ap.rpps, p.profession, MAX(COALESCE(ap.amount_cents, 0) > 0) AS indemnified
        FROM action a JOIN action_participant ap ON ap.action_id = a.id
        LEFT JOIN professional p ON p.rpps = ap.rpps
        WHERE a.team_id = ? AND a.status = 'validee' AND a.status <> 'rejetee' AND a.action_date >= ? AND a.action_date <= ?
        GROUP BY ap.rpps ORDER BY ap.rpps
        """

    static func facts(team: Team, envelope: EnvelopeStatus, in db: Database) throws -> ArsTeamFacts {
        let bounds = [team.id.rawValue, "\(envelope.year)-01-01", "\(envelope.year)-12-31"]
        // The envelope year of an action is the year of its own date, as for its analytic code.
        var counts: [ActionTypeCode: Int] = [:]
        var minutes: [ActionTypeCode: Int] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: Self.actionCountsSQL), arguments: StatementArguments(bounds)) {
            let type = ActionTypeCode(row["type"])
            counts[type] = row["n"]
            minutes[type] = row["minutes"]
        }
        let participants = try Row.fetchAll(db.cachedStatement(sql: Self.participantsSQL), arguments: StatementArguments(bounds)).map {
            ArsParticipant(rpps: RPPS(unchecked: $0["rpps"]), profession: ($0["profession"] as String?).flatMap(Profession.init(rawValue:)),
                           indemnified: $0["indemnified"])
        }
        return ArsTeamFacts(team: team, granted: envelope.granted, consumed: envelope.consumed, actionCounts: counts, minutesByType: minutes, participants: participants)
    }

    /// The barème's required types first, then any other type paid in the year; labels from the version in force.
    static func actionTypes(year: Int, seen: [ActionTypeCode], in db: Database) throws -> [ArsActionType] {
        let book = try TariffStore.book(in: db)
        let schedule = book.version(at: Day(year: year, month: 12, day: 31)!) ?? book.newest
        let extra = Set(seen).subtracting(TariffSchedule.requiredTypes).sorted()
        return (TariffSchedule.requiredTypes + extra).map { ArsActionType(code: $0, label: schedule?.types[$0]?.label ?? $0.rawValue) }
    }
}

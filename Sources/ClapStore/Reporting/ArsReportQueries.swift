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
        let activity = try yearActivity(year, in: db)
        var result: [ArsTeamFacts] = []
        for envelope in try EnvelopeStore.statuses(year: year, team: nil, in: db) {
            guard let team = teams[envelope.team] else { continue }
            let done = activity[team.id] ?? TeamActivity()
            result.append(ArsTeamFacts(team: team, granted: envelope.granted, consumed: envelope.consumed, actionCounts: done.counts,
                                       minutesByType: done.minutes, participants: done.participants))
        }
        result.sort { ($0.team.department.rawValue, $0.team.id) < ($1.team.department.rawValue, $1.team.id) }
        return ArsReportFacts(association: try AssociationStore.association(in: db), year: year, teams: result,
                              actionTypes: try actionTypes(year: year, seen: result.flatMap(\.actionCounts.keys), in: db))
    }

    /// A team's paid actions of the year, per type, and who took part in them.
    struct TeamActivity {
        var counts: [ActionTypeCode: Int] = [:]
        var minutes: [ActionTypeCode: Int] = [:]
        var participants: [ArsParticipant] = []
    }

    /// Every team's paid actions (status `validee`) dated in the year, per type: one reading of the year's actions
    /// through action_by_date (Schema/0017 keys the references before the team, so no index reads a team's actions).
    /// The envelope year of an action is the year of its own date, as for its analytic code.
    static let actionCountsSQL = """
        SELECT team_id, type, COUNT(*) AS n, COALESCE(SUM(duration_minutes), 0) AS minutes FROM action
        WHERE action_date >= ? AND action_date <= ? AND status = 'validee'
        GROUP BY team_id, type
        """

    /// The professionals of each team's paid actions of the year, in RPPS order (same reading as `actionCountsSQL`).
    static let participantsSQL = """
        SELECT a.team_id, ap.rpps, p.profession, MAX(COALESCE(ap.amount_cents, 0) > 0) AS indemnified
        FROM action a JOIN action_participant ap ON ap.action_id = a.id
        LEFT JOIN professional p ON p.rpps = ap.rpps
        WHERE a.action_date >= ? AND a.action_date <= ? AND a.status = 'validee'
        GROUP BY a.team_id, ap.rpps ORDER BY a.team_id, ap.rpps
        """

    static func yearActivity(_ year: Int, in db: Database) throws -> [TeamID: TeamActivity] {
        let bounds: StatementArguments = ["\(year)-01-01", "\(year)-12-31"]
        var activity: [TeamID: TeamActivity] = [:]
        let counts = try Row.fetchCursor(db.cachedStatement(sql: Self.actionCountsSQL), arguments: bounds)
        while let row = try counts.next() {
            let team = TeamID(unchecked: row["team_id"]), type = ActionTypeCode(row["type"])
            activity[team, default: TeamActivity()].counts[type] = row["n"]
            activity[team, default: TeamActivity()].minutes[type] = row["minutes"]
        }
        let participants = try Row.fetchCursor(db.cachedStatement(sql: Self.participantsSQL), arguments: bounds)
        while let row = try participants.next() {
            let participant = ArsParticipant(rpps: RPPS(unchecked: row["rpps"]),
                                             profession: (row["profession"] as String?).flatMap(Profession.init(rawValue:)),
                                             indemnified: row["indemnified"])
            activity[TeamID(unchecked: row["team_id"]), default: TeamActivity()].participants.append(participant)
        }
        return activity
    }

    /// The barème's required types first, then any other type paid in the year; labels from the version in force.
    static func actionTypes(year: Int, seen: [ActionTypeCode], in db: Database) throws -> [ArsActionType] {
        let book = try TariffStore.book(in: db)
        let schedule = book.version(at: Day(year: year, month: 12, day: 31)!) ?? book.newest
        let extra = Set(seen).subtracting(TariffSchedule.requiredTypes).sorted()
        return (TariffSchedule.requiredTypes + extra).map { ArsActionType(code: $0, label: schedule?.types[$0]?.label ?? $0.rawValue) }
    }
}

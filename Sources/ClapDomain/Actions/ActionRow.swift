import LedgerCore

/// One typed row of an actions CSV: one participant of one action.
public struct ActionRow: Hashable, Sendable {
    public let team: TeamID
    /// The team's own reference of the action (column `action`), unique per team.
    public let reference: String
    public let type: ActionTypeCode
    public let date: Day
    public let durationMinutes: Int?
    public let caseRef: String?
    public let protocolRef: String?
    public let rpps: RPPS
    public let role: ParticipantRole
    /// The row's line in the file (the header is line 1).
    public let line: Int

    public init(team: TeamID, reference: String, type: ActionTypeCode, date: Day, durationMinutes: Int?,
                caseRef: String?, protocolRef: String?, rpps: RPPS, role: ParticipantRole, line: Int) {
        self.team = team
        self.reference = reference
        self.type = type
        self.date = date
        self.durationMinutes = durationMinutes
        self.caseRef = caseRef
        self.protocolRef = protocolRef
        self.rpps = rpps
        self.role = role
        self.line = line
    }
}

/// The CSV header names of the actions file, used to point issues at a column.
public enum ActionColumn {
    public static let team = "equipe"
    public static let reference = "action"
    public static let type = "type"
    public static let date = "date"
    public static let duration = "duree_minutes"
    public static let caseRef = "ref_cas"
    public static let protocolRef = "ref_protocole"
    public static let rpps = "rpps"
    public static let role = "role"
}

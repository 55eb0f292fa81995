import LedgerCore

/// One declared coordination action: the rows of one (team, reference) gathered, with its participants.
public struct ActionDeclaration: Hashable, Sendable {
    /// The most participants one action may have.
    public static let participantsMax = 50

    public let team: TeamID
    public let reference: String
    public let type: ActionTypeCode
    public let date: Day
    public let durationMinutes: Int?
    public let caseRef: String?
    public let protocolRef: String?
    /// In the order of the file; each RPPS at most once.
    public let participants: [ActionParticipant]
    /// The line of the action's first row.
    public let line: Int

    public init(team: TeamID, reference: String, type: ActionTypeCode, date: Day, durationMinutes: Int?,
                caseRef: String?, protocolRef: String?, participants: [ActionParticipant], line: Int) {
        self.team = team
        self.reference = reference
        self.type = type
        self.date = date
        self.durationMinutes = durationMinutes
        self.caseRef = caseRef
        self.protocolRef = protocolRef
        self.participants = participants
        self.line = line
    }
}

/// One professional taking part in an action, with their role.
public struct ActionParticipant: Hashable, Sendable {
    public let rpps: RPPS
    public let role: ParticipantRole
    /// The CSV line that declared this participant.
    public let line: Int

    public init(rpps: RPPS, role: ParticipantRole, line: Int) {
        self.rpps = rpps
        self.role = role
        self.line = line
    }
}

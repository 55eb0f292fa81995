import LedgerCore

/// What an action is worth under one barème version: one line per participant, and the total.
public struct ActionValuation: Hashable, Sendable {
    public let team: TeamID
    public let reference: String
    public let type: ActionTypeCode
    /// The barème version used (its name and effective date identify it).
    public let scheduleName: String
    public let scheduleEffectiveFrom: Day
    /// In the order of the declaration's participants.
    public let lines: [ValuationLine]

    public init(team: TeamID, reference: String, type: ActionTypeCode, scheduleName: String,
                scheduleEffectiveFrom: Day, lines: [ValuationLine]) {
        self.team = team
        self.reference = reference
        self.type = type
        self.scheduleName = scheduleName
        self.scheduleEffectiveFrom = scheduleEffectiveFrom
        self.lines = lines
    }

    /// The sum of the lines: what the action takes from the team's envelope.
    public var total: Cents { lines.reduce(.zero) { $0 + $1.amount } }
}

/// One participant's indemnity for an action, with the rate that produced it.
public struct ValuationLine: Hashable, Sendable {
    public let rpps: RPPS
    public let role: ParticipantRole
    /// The rate used (per hour for an hourly type) and the `rates` key it came from.
    public let rate: AppliedRate
    public let unit: RateUnit
    /// The duration valued, for an hourly type.
    public let minutes: Int?
    public let amount: Cents

    public init(rpps: RPPS, role: ParticipantRole, rate: AppliedRate, unit: RateUnit, minutes: Int?, amount: Cents) {
        self.rpps = rpps
        self.role = role
        self.rate = rate
        self.unit = unit
        self.minutes = minutes
        self.amount = amount
    }
}

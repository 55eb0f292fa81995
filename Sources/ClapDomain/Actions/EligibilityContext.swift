import LedgerCore

/// Everything the eligibility rules need to know about the world at an action's date.
///
/// A database layer fills it; the rules stay pure. Every collection is about the action's team,
/// and "this year" means the calendar year of the action's date (its envelope year).
public struct EligibilityContext: Hashable, Sendable {
    /// The team's facts at the action's date.
    public var team: TeamFacts
    /// The team's members at the action's date (membership from ≤ date ≤ to).
    public var members: [ProfessionalFacts]
    /// Registry facts of each declared participant, members or not; an RPPS missing here is unknown.
    public var participants: [ProfessionalFacts]
    /// The barème version in force at the action's date (`TariffBook.version(at:)`); nil when none.
    public var schedule: TariffSchedule?
    /// What was already paid, for the duplicate and cap rules.
    public var paid: PaidFacts
    /// The team's envelope room for the action's year: granted − consumed (may be zero or negative).
    public var envelopeRoom: Cents
    /// Today, from the injected clock.
    public var today: Day
    /// The last day of the last closed period (month or year); nil when nothing is closed.
    public var closedThrough: Day?

    public init(team: TeamFacts, members: [ProfessionalFacts], participants: [ProfessionalFacts],
                schedule: TariffSchedule?, paid: PaidFacts = PaidFacts(), envelopeRoom: Cents,
                today: Day, closedThrough: Day?) {
        self.team = team
        self.members = members
        self.participants = participants
        self.schedule = schedule
        self.paid = paid
        self.envelopeRoom = envelopeRoom
        self.today = today
        self.closedThrough = closedThrough
    }
}

/// A team's facts at an action's date.
public struct TeamFacts: Hashable, Sendable {
    public var id: TeamID
    /// The status in force at the date; nil when the team did not exist yet.
    public var statusAtDate: TeamStatus?
    public var legalForm: LegalForm
    /// The action types the team's health project chose.
    public var projectTypes: Set<ActionTypeCode>

    public init(id: TeamID, statusAtDate: TeamStatus?, legalForm: LegalForm, projectTypes: Set<ActionTypeCode>) {
        self.id = id
        self.statusAtDate = statusAtDate
        self.legalForm = legalForm
        self.projectTypes = projectTypes
    }
}

/// A professional as the rules see them: profession and individual convention.
public struct ProfessionalFacts: Hashable, Sendable {
    public var rpps: RPPS
    public var profession: Profession
    /// The day they signed the individual convention with the association; nil: not signed.
    public var conventionSignedOn: Day?
    /// `Prénom NOM`, for messages; nil shows the RPPS alone.
    public var displayName: String?

    public init(rpps: RPPS, profession: Profession, conventionSignedOn: Day?, displayName: String? = nil) {
        self.rpps = rpps
        self.profession = profession
        self.conventionSignedOn = conventionSignedOn
        self.displayName = displayName
    }

    /// `Prénom NOM (RPPS 10101010106)` or `RPPS 10101010106`.
    var who: String { displayName.map { "\($0) (RPPS \(rpps))" } ?? "RPPS \(rpps)" }
}

/// What the team and its professionals were already paid (posted actions, not cancelled).
public struct PaidFacts: Hashable, Sendable {
    /// Action references the team already used (excluding the action being valued itself): the store reads only
    /// the action's own, which is all the rules ask about.
    public var actionReferences: Set<String>
    /// Case references of this type already paid to the team this year (for `once_per_case_per_year`; the store
    /// reads only the action's own).
    public var caseRefsThisYear: Set<String>
    /// Protocol references of this type already paid, per professional, for this team.
    public var protocolRefsByProfessional: [RPPS: Set<String>]
    /// Number of actions of this type already paid, per professional, this year (all teams).
    public var countThisYearByProfessional: [RPPS: Int]
    /// Amount already paid, per professional, this year, all types and teams together.
    public var amountThisYearByProfessional: [RPPS: Cents]

    public init(actionReferences: Set<String> = [], caseRefsThisYear: Set<String> = [],
                protocolRefsByProfessional: [RPPS: Set<String>] = [:],
                countThisYearByProfessional: [RPPS: Int] = [:],
                amountThisYearByProfessional: [RPPS: Cents] = [:]) {
        self.actionReferences = actionReferences
        self.caseRefsThisYear = caseRefsThisYear
        self.protocolRefsByProfessional = protocolRefsByProfessional
        self.countThisYearByProfessional = countThisYearByProfessional
        self.amountThisYearByProfessional = amountThisYearByProfessional
    }
}

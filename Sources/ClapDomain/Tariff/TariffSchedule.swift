import LedgerCore

/// One version of the association's barème: what each action type pays, from `effectiveFrom` on.
///
/// A loaded version is never changed; it is superseded by a version with a later `effectiveFrom`
/// (see `TariffBook`).
public struct TariffSchedule: Hashable, Sendable {
    /// The name the treasurer gave this version, e.g. `Barème ESP CLAP 2026`.
    public let name: String
    /// The first day this version values actions.
    public let effectiveFrom: Day
    /// The most a team may receive in a year (the ARS envelope cap, €10,000 by default).
    public let envelopeCapPerTeamYear: Cents
    /// The most one professional may receive in a calendar year, all types together; nil: no cap.
    public let yearlyAmountCapPerProfessional: Cents?
    /// The action types this version values, by code.
    public let types: [ActionTypeCode: ActionTypeRule]

    public init(name: String, effectiveFrom: Day, envelopeCapPerTeamYear: Cents,
                yearlyAmountCapPerProfessional: Cents?, types: [ActionTypeCode: ActionTypeRule]) {
        self.name = name
        self.effectiveFrom = effectiveFrom
        self.envelopeCapPerTeamYear = envelopeCapPerTeamYear
        self.yearlyAmountCapPerProfessional = yearlyAmountCapPerProfessional
        self.types = types
    }

    /// The types every barème must define.
    public static let requiredTypes: [ActionTypeCode] = [.rcp, .rcpPatient, .pps, .protocole, .etp]
}

/// How an action type is valued: hourly rate × duration, or a flat fee.
public enum RateUnit: String, CaseIterable, Sendable {
    case hour
    case flat
}

/// What the barème says about one action type: how it is valued and which limits apply.
public struct ActionTypeRule: Hashable, Sendable {
    public let code: ActionTypeCode
    public let label: String
    public let unit: RateUnit
    /// Participants must span at least this many different professions (2 = pluriprofessionnel).
    public let minProfessions: Int
    /// Bounds of the duration of an hourly action; nil for a flat type.
    public let minMinutes: Int?
    public let maxMinutes: Int?
    /// How many actions of this type one professional may be paid for in a calendar year; nil: no cap.
    public let yearlyCapPerProfessional: Int?
    public let requiresCaseRef: Bool
    public let requiresProtocolRef: Bool
    /// One action of this type per case reference per team and calendar year (PPS).
    public let oncePerCasePerYear: Bool
    /// A professional is paid once per protocol reference per team (PROTOCOLE).
    public let oncePerProtocolPerProfessional: Bool
    /// Only a team with this legal form may be paid for this type (ETP: `association`).
    public let requiresLegalForm: LegalForm?
    public let rates: RateTable

    public init(code: ActionTypeCode, label: String, unit: RateUnit, minProfessions: Int,
                minMinutes: Int? = nil, maxMinutes: Int? = nil, yearlyCapPerProfessional: Int? = nil,
                requiresCaseRef: Bool = false, requiresProtocolRef: Bool = false,
                oncePerCasePerYear: Bool = false, oncePerProtocolPerProfessional: Bool = false,
                requiresLegalForm: LegalForm? = nil, rates: RateTable) {
        self.code = code
        self.label = label
        self.unit = unit
        self.minProfessions = minProfessions
        self.minMinutes = minMinutes
        self.maxMinutes = maxMinutes
        self.yearlyCapPerProfessional = yearlyCapPerProfessional
        self.requiresCaseRef = requiresCaseRef
        self.requiresProtocolRef = requiresProtocolRef
        self.oncePerCasePerYear = oncePerCasePerYear
        self.oncePerProtocolPerProfessional = oncePerProtocolPerProfessional
        self.requiresLegalForm = requiresLegalForm
        self.rates = rates
    }
}

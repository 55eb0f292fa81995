import LedgerCore

/// One reason an action is not paid: a stable code, the rule it breaks, and a French message.
public struct RejectionReason: Hashable, Sendable, CustomStringConvertible {
    public let code: RejectionCode
    public let message: String
    /// The participant concerned, when the reason is about one.
    public let rpps: RPPS?

    public init(_ code: RejectionCode, _ message: String, rpps: RPPS? = nil) {
        self.code = code
        self.message = message
        self.rpps = rpps
    }

    public var rule: EligibilityRule { code.rule }
    public var description: String { message + " [" + code.rawValue + "]" }
}

/// The nine eligibility rules of the product brief, in the order they are checked.
public enum EligibilityRule: Int, CaseIterable, Sendable, Comparable {
    /// 1. Active team, type in its health project and in the barème, legal form.
    case teamAndType = 1
    /// 2. Every participant a member with a signed individual convention.
    case participants
    /// 3. Enough different professions; roles fit the type (ETP animators, PPS referent).
    case pluriprofessional
    /// 4. At least two members, one of them a general practitioner.
    case composition
    /// 5. Duration within the barème's bounds; required case or protocol reference present.
    case duration
    /// 6. Same work never paid twice.
    case noDoublePayment
    /// 7. Yearly caps per professional (count of this type, amount of all types).
    case yearlyCap
    /// 8. The whole action fits the team's envelope room.
    case envelope
    /// 9. Not in the future, not in a closed period.
    case period

    public static func < (lhs: EligibilityRule, rhs: EligibilityRule) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The stable codes of rejection reasons; the raw value is what the database and exports keep.
public enum RejectionCode: String, CaseIterable, Sendable {
    case tariffNone = "tariff.none"
    case teamNotActive = "team.not_active"
    case typeNotInProject = "type.not_in_project"
    case typeNotInTariff = "type.not_in_tariff"
    case missingRate = "tariff.missing_rate"
    case legalForm = "legal_form"
    case participantUnknown = "participant.unknown"
    case participantNotMember = "participant.not_member"
    case participantNoConvention = "participant.no_convention"
    case notPluriprofessional = "not_pluriprofessional"
    case noAnimator = "etp.no_animator"
    case roleNotAllowed = "role.not_allowed"
    case referentCount = "roles.referent"
    case composition = "composition"
    case durationMissing = "duration.missing"
    case durationBounds = "duration.bounds"
    case caseRefMissing = "case_ref.missing"
    case protocolRefMissing = "protocol_ref.missing"
    case duplicateReference = "duplicate.reference"
    case duplicateCase = "duplicate.case"
    case duplicateProtocol = "duplicate.protocol"
    case capCount = "cap.count"
    case capAmount = "cap.amount"
    case envelope = "envelope"
    case dateFuture = "date.future"
    case dateClosed = "date.closed"

    /// The rule this code belongs to.
    public var rule: EligibilityRule {
        switch self {
        case .tariffNone, .teamNotActive, .typeNotInProject, .typeNotInTariff, .missingRate, .legalForm: .teamAndType
        case .participantUnknown, .participantNotMember, .participantNoConvention: .participants
        case .notPluriprofessional, .noAnimator, .roleNotAllowed, .referentCount: .pluriprofessional
        case .composition: .composition
        case .durationMissing, .durationBounds, .caseRefMissing, .protocolRefMissing: .duration
        case .duplicateReference, .duplicateCase, .duplicateProtocol: .noDoublePayment
        case .capCount, .capAmount: .yearlyCap
        case .envelope: .envelope
        case .dateFuture, .dateClosed: .period
        }
    }
}

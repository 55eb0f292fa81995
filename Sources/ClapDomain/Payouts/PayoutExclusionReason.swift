import LedgerCore

/// Why a professional with a balance is not in a batch: carried to a later month, or left out until fixed.
public enum PayoutExclusionReason: Hashable, Sendable {
    /// The professional owes the association (a correction after a payout): carried, deducted later.
    case negativeBalance
    /// Owed less than the threshold: carried to the next month.
    case belowThreshold(Cents)
    /// The IBAN on file fails its checks.
    case invalidIBAN(InputIssue)
    /// The professional was deactivated.
    case inactive
    /// The payable account names an RPPS that is not registered.
    case unknownProfessional

    /// Stable code, stored with the exclusion.
    public var code: String {
        switch self {
        case .negativeBalance: "payout.negative_balance"
        case .belowThreshold: "payout.below_threshold"
        case .invalidIBAN: "payout.invalid_iban"
        case .inactive: "payout.inactive"
        case .unknownProfessional: "payout.unknown_professional"
        }
    }

    /// What the treasurer reads.
    public func message(balance: Cents) -> String {
        switch self {
        case .negativeBalance:
            "Solde débiteur de \(balance.magnitude.euroString) (correction après paiement) : reporté, il sera déduit du prochain virement."
        case .belowThreshold(let threshold):
            "Solde de \(balance.euroString) inférieur au seuil de \(threshold.euroString) : reporté au mois suivant."
        case .invalidIBAN(let issue):
            "IBAN refusé (\(issue.message.hasSuffix(".") ? String(issue.message.dropLast()) : issue.message)) : non payé ; corrigez l'IBAN, le solde sera payé au prochain lot."
        case .inactive:
            "Professionnel désactivé : non payé."
        case .unknownProfessional:
            "RPPS inconnu du registre : non payé."
        }
    }

    /// True when the balance simply waits for a later month; false when the treasurer must act.
    public var isCarried: Bool {
        switch self {
        case .negativeBalance, .belowThreshold: true
        case .invalidIBAN, .inactive, .unknownProfessional: false
        }
    }
}

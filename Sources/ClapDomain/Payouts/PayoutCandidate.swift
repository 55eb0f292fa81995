import LedgerCore

/// Who would receive a transfer: the professional's name, status and the IBAN on file now.
public struct Payee: Hashable, Sendable {
    /// `Claire LEMOINE`.
    public let name: String
    public let isActive: Bool
    /// The `professional_iban` row the transfer will record.
    public let ibanID: Int64
    /// As stored; checked again before each payout.
    public let ibanText: String
    public let bic: String?

    public init(name: String, isActive: Bool, ibanID: Int64, ibanText: String, bic: String?) {
        self.name = name
        self.isActive = isActive
        self.ibanID = ibanID
        self.ibanText = ibanText
        self.bic = bic
    }
}

/// One third party of the payable account with what the association owes them at the month's end.
public struct PayoutCandidate: Hashable, Sendable {
    public let rpps: RPPS
    /// Positive when owed; negative when the professional owes (a correction after a payout).
    public let balanceDue: Cents
    /// Nil when the auxiliary code names no registered professional.
    public let payee: Payee?

    public init(rpps: RPPS, balanceDue: Cents, payee: Payee?) {
        self.rpps = rpps
        self.balanceDue = balanceDue
        self.payee = payee
    }
}

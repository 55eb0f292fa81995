import LedgerCore

/// What an account is for in the association's books; an accountant may renumber, the roles stay.
public enum AccountRole: String, CaseIterable, Sendable, Codable {
    case bank
    case arsReceivable = "ars_receivable"
    case professionalPayable = "professional_payable"
    case arsRefundPayable = "ars_refund_payable"
    case subsidyRevenue = "subsidy_revenue"
    case indemnityExpense = "indemnity_expense"
    case dedicatedFunds = "dedicated_funds"
    case dedicatedFundsExpense = "dedicated_funds_expense"
    case dedicatedFundsReuse = "dedicated_funds_reuse"
}

/// One account of the chart.
public struct ChartAccount: Hashable, Sendable, Codable {
    public let number: String
    public let label: String
    public let role: AccountRole?
    /// Lines on it carry a third party (CompAuxNum in the FEC).
    public let isThirdParty: Bool

    public init(number: String, label: String, role: AccountRole?, isThirdParty: Bool) {
        self.number = number
        self.label = label
        self.role = role
        self.isThirdParty = isThirdParty
    }
}

/// The chart of accounts: every account, and the number behind each role.
public struct Chart: Sendable {
    public let accounts: [ChartAccount]
    private let numberByRole: [AccountRole: String]

    /// A chart that names every role exactly once.
    public init?(accounts: [ChartAccount]) {
        var byRole: [AccountRole: String] = [:]
        for account in accounts {
            if let role = account.role {
                guard byRole[role] == nil else { return nil }
                byRole[role] = account.number
            }
        }
        guard byRole.count == AccountRole.allCases.count else { return nil }
        self.accounts = accounts
        self.numberByRole = byRole
    }

    /// The account number for a role.
    public func number(_ role: AccountRole) -> String {
        guard let number = numberByRole[role] else { preconditionFailure("a Chart names every role") }
        return number
    }

    public func account(number: String) -> ChartAccount? { accounts.first { $0.number == number } }
}

import ClapDomain

/// The five account types plain-text accounting tools know (beancount's roots, hledger's `type:` tags).
public enum LedgerAccountKind: String, CaseIterable, Sendable {
    case assets = "Assets"
    case liabilities = "Liabilities"
    case equity = "Equity"
    case income = "Income"
    case expenses = "Expenses"

    /// The type by the account's class: 1 equity (fonds propres, fonds dédiés), 2–3 and 5 assets,
    /// 4 liabilities except receivables (41x, and the ARS receivable role), 6 expenses, 7 income;
    /// classes 8 and 9 (contributions en nature, analytics) fall back to equity.
    public static func of(_ account: ChartAccount) -> LedgerAccountKind {
        if account.role == .arsReceivable { return .assets }
        switch account.number.first {
        case "1": return .equity
        case "2", "3", "5": return .assets
        case "4": return account.number.hasPrefix("41") ? .assets : .liabilities
        case "6": return .expenses
        case "7": return .income
        default: return .equity
        }
    }

    /// hledger's account type letter.
    public var hledgerType: String {
        switch self {
        case .assets: "A"
        case .liabilities: "L"
        case .equity: "E"
        case .income: "R"
        case .expenses: "X"
        }
    }
}

import ClapDomain

/// Account names for hledger and beancount, built from the chart: the account number, then the third party.
public enum LedgerAccountNames {
    /// `401100:10003456789` (hledger): the number first, so `balance --depth 1` is the general trial balance.
    public static func hledger(account: String, auxiliary: String?) -> String {
        guard let auxiliary, !auxiliary.isEmpty else { return account }
        return account + ":" + component(auxiliary)
    }

    /// `Liabilities:C401100:10003456789` (beancount): a root type, `C` + the number, then the third party.
    public static func beancount(_ account: ChartAccount, auxiliary: String?) -> String {
        var name = LedgerAccountKind.of(account).rawValue + ":" + component("C" + account.number)
        if let auxiliary, !auxiliary.isEmpty { name += ":" + component(auxiliary) }
        return name
    }

    /// One name component valid for both tools: `[A-Z0-9][A-Za-z0-9-]*`. Any other character becomes `-`;
    /// a component that would not start with a capital or a digit gets an `X` in front.
    public static func component(_ text: String) -> String {
        let mapped = String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") ? $0 : "-" })
        guard let first = mapped.first, first.isNumber || first.isUppercase else { return "X" + mapped }
        return mapped
    }
}

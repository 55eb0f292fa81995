import LedgerCore

/// Why an hledger or beancount writer refused an entry.
public enum LedgerFormatError: Error, Hashable, Sendable {
    /// A line's account is not in the chart.
    case unknownAccount(EntryRef, account: String)
    /// Debits and credits of the entry differ.
    case unbalanced(EntryRef, debit: Cents, credit: Cents)
    /// The entry is dated before the day the accounts are opened (beancount).
    case beforeOpening(EntryRef, date: Day, opening: Day)
}

extension LedgerFormatError: CustomStringConvertible {
    /// The refusal in French.
    public var description: String {
        switch self {
        case let .unknownAccount(ref, account):
            "Le compte \(account) de l'écriture \(ref) n'est pas au plan comptable."
        case let .unbalanced(ref, debit, credit):
            "L'écriture \(ref) n'est pas équilibrée (débit \(debit.commaString), crédit \(credit.commaString))."
        case let .beforeOpening(ref, date, opening):
            "L'écriture \(ref) du \(date.french) précède l'ouverture des comptes au \(opening.french)."
        }
    }
}

/// A broken invariant of the ledger, naming the invariant, the entry when there is one, and why (in French).
public struct LedgerViolation: Hashable, Sendable, CustomStringConvertible {
    /// The invariant's number in accounting.md (1…9); 0 for the ledger's own structure (head, triggers).
    public let invariant: Int
    /// Stable code, e.g. `entry.unbalanced`, `chain.broken`.
    public let code: String
    public let entry: EntryRef?
    public let message: String

    public init(invariant: Int, code: String, entry: EntryRef? = nil, message: String) {
        self.invariant = invariant
        self.code = code
        self.entry = entry
        self.message = message
    }

    public var description: String {
        let rule = invariant > 0 ? "invariant \(invariant)" : "structure"
        return "[\(rule) · \(code)]" + (entry.map { " écriture \($0)" } ?? "") + " : " + message
    }
}

/// Why the ledger refuses to post an entry.
public enum PostingError: Error, Hashable, Sendable {
    /// Fewer than two lines.
    case tooFewLines
    /// A line with a zero or negative amount.
    case nonPositiveAmount(lineIndex: Int)
    /// Debits and credits differ.
    case unbalanced(debit: Cents, credit: Cents)
    /// The entry date falls in a closed period; the first day still open is given.
    case periodClosed(entryDate: Day, firstOpenDay: Day)
    /// The idempotency key was already used for a different request.
    case idempotencyConflict(key: String, existing: EntryRef)
    /// An account that the chart does not hold.
    case unknownAccount(String)

    public var code: String {
        switch self {
        case .tooFewLines: "entry.too_few_lines"
        case .nonPositiveAmount: "entry.non_positive_amount"
        case .unbalanced: "entry.unbalanced"
        case .periodClosed: "period.closed"
        case .idempotencyConflict: "idempotency.conflict"
        case .unknownAccount: "account.unknown"
        }
    }

    public var message: String {
        switch self {
        case .tooFewLines:
            "Une écriture doit avoir au moins deux lignes."
        case .nonPositiveAmount(let index):
            "La ligne \(index + 1) de l'écriture a un montant nul ou négatif."
        case .unbalanced(let debit, let credit):
            "L'écriture n'est pas équilibrée : débit \(debit.euroString), crédit \(credit.euroString)."
        case .periodClosed(let date, let open):
            "La période du \(date.french) est clôturée : le premier jour ouvert est le \(open.french)."
        case .idempotencyConflict(let key, let existing):
            "La clé « \(key) » a déjà servi pour l'écriture \(existing), avec un autre contenu : rien n'a été écrit."
        case .unknownAccount(let account):
            "Le compte \(account) n'existe pas dans le plan comptable."
        }
    }
}

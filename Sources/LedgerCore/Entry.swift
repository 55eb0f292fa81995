/// A journal of the ledger (OD, IND, BQ, AN).
public struct JournalCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public static func < (lhs: JournalCode, rhs: JournalCode) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }

    /// Opérations diverses: grants, dedicated funds, carry-overs.
    public static let od = JournalCode("OD")
    /// Indemnités: one entry per paid action.
    public static let ind = JournalCode("IND")
    /// Banque: ARS receipts, payout batches, bank rejections.
    public static let bq = JournalCode("BQ")
    /// À-nouveaux: opening balances of a fiscal year.
    public static let an = JournalCode("AN")
}

/// Which column of the ledger a posting line sits in.
public enum Side: String, Sendable, Codable, Hashable {
    case debit = "D"
    case credit = "C"

    public var opposite: Side { self == .debit ? .credit : .debit }
}

/// One line of an entry: an account, optional third party and analytic code, and a positive amount on one side.
public struct PostingLine: Hashable, Sendable, Codable {
    /// The account number, e.g. `622600`.
    public var account: String
    /// The third party (tiers): a team id on 441100, an RPPS on 401100.
    public var auxiliary: String?
    /// The analytic code: team and envelope year, e.g. `T044-001/2025`.
    public var analytic: String?
    public var side: Side
    /// Always positive; the side says which column.
    public var amount: Cents

    public init(account: String, auxiliary: String? = nil, analytic: String? = nil, side: Side, amount: Cents) {
        self.account = account
        self.auxiliary = auxiliary
        self.analytic = analytic
        self.side = side
        self.amount = amount
    }

    public static func debit(_ account: String, _ amount: Cents, auxiliary: String? = nil, analytic: String? = nil) -> PostingLine {
        PostingLine(account: account, auxiliary: auxiliary, analytic: analytic, side: .debit, amount: amount)
    }

    public static func credit(_ account: String, _ amount: Cents, auxiliary: String? = nil, analytic: String? = nil) -> PostingLine {
        PostingLine(account: account, auxiliary: auxiliary, analytic: analytic, side: .credit, amount: amount)
    }

    public var debitCents: Cents { side == .debit ? amount : .zero }
    public var creditCents: Cents { side == .credit ? amount : .zero }
    /// Debit minus credit.
    public var signedAmount: Cents { side == .debit ? amount : -amount }
}

/// An entry as a caller asks for it to be posted, before the ledger numbers, dates and chains it.
public struct EntryDraft: Hashable, Sendable, Codable {
    public var journal: JournalCode
    /// EcritureDate: the date the entry counts at in the books.
    public var entryDate: Day
    /// PieceDate: the date of the event (action, ARS decision, bank value date).
    public var pieceDate: Day
    /// PieceRef: the action reference, the batch id, the ARS decision.
    public var pieceRef: String
    /// EcritureLib.
    public var label: String
    public var lines: [PostingLine]
    /// A caller-given key that makes posting idempotent (action ref, batch id).
    public var idempotencyKey: String?
    /// The entry this one reverses, when it is a correction.
    public var reverses: EntryRef?

    public init(journal: JournalCode, entryDate: Day, pieceDate: Day, pieceRef: String, label: String,
                lines: [PostingLine], idempotencyKey: String? = nil, reverses: EntryRef? = nil) {
        self.journal = journal
        self.entryDate = entryDate
        self.pieceDate = pieceDate
        self.pieceRef = pieceRef
        self.label = label
        self.lines = lines
        self.idempotencyKey = idempotencyKey
        self.reverses = reverses
    }

    /// The fiscal year the entry belongs to: the calendar year of its entry date.
    public var fiscalYear: Int { entryDate.year }

    public var totalDebit: Cents { lines.reduce(.zero) { $0 + $1.debitCents } }
    public var totalCredit: Cents { lines.reduce(.zero) { $0 + $1.creditCents } }
}

/// The stable name of a posted entry: journal, fiscal year and number, e.g. `IND 2025 n° 12`.
public struct EntryRef: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let journal: JournalCode
    public let fiscalYear: Int
    public let number: Int

    public init(journal: JournalCode, fiscalYear: Int, number: Int) {
        self.journal = journal
        self.fiscalYear = fiscalYear
        self.number = number
    }

    public static func < (lhs: EntryRef, rhs: EntryRef) -> Bool {
        (lhs.fiscalYear, lhs.journal.rawValue, lhs.number) < (rhs.fiscalYear, rhs.journal.rawValue, rhs.number)
    }

    public var description: String { "\(journal.rawValue) \(fiscalYear) n° \(number)" }
}

/// An entry as the ledger holds it: numbered in its journal and year, validated on a day, chained by hash.
public struct PostedEntry: Hashable, Sendable, Codable {
    /// The entry's position in the hash chain (1, 2, 3 … in posting order).
    public let sequence: Int64
    public let ref: EntryRef
    /// ValidDate: the day it was posted.
    public let validDate: Day
    public let draft: EntryDraft
    /// Hex SHA-256 of the previous entry (64 zeros for the first).
    public let previousHash: String
    /// Hex SHA-256 over the previous hash and this entry's canonical content.
    public let hash: String

    public init(sequence: Int64, ref: EntryRef, validDate: Day, draft: EntryDraft, previousHash: String, hash: String) {
        self.sequence = sequence
        self.ref = ref
        self.validDate = validDate
        self.draft = draft
        self.previousHash = previousHash
        self.hash = hash
    }
}

extension EntryDraft {
    /// The exact mirror of a posted entry: same lines, sides swapped, referencing it.
    public static func reversal(of entry: PostedEntry, on date: Day, label: String, idempotencyKey: String?) -> EntryDraft {
        EntryDraft(
            journal: entry.draft.journal,
            entryDate: date,
            pieceDate: date,
            pieceRef: entry.draft.pieceRef,
            label: label,
            lines: entry.draft.lines.map { line in
                var mirrored = line
                mirrored.side = line.side.opposite
                return mirrored
            },
            idempotencyKey: idempotencyKey,
            reverses: entry.ref
        )
    }
}

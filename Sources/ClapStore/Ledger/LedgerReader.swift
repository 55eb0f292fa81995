import GRDB
import LedgerCore

/// Reads the ledger back: entries, the chain head, period locks.
public enum LedgerReader {
    /// The last day of the latest closed period, if any.
    public static func closedThrough(in db: Database) throws -> Day? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT MAX(closed_through) FROM period_lock")).flatMap(Day.parse)
    }

    /// The first day an entry may still be dated at (the day after the last closed one), on or after `day`.
    public static func firstOpenDay(onOrAfter day: Day, in db: Database) throws -> Day {
        guard let closed = try closedThrough(in: db), day <= closed else { return day }
        return closed.adding(days: 1) ?? day
    }

    /// The recorded head of the hash chain.
    public static func head(in db: Database) throws -> (lastSeq: Int64, hash: String) {
        guard let row = try Row.fetchOne(db, sql: "SELECT last_seq, hash FROM ledger_head WHERE id = 1") else {
            throw StoreError.notInitialized
        }
        return (row["last_seq"], row["hash"])
    }

    /// One entry with its lines. Throws `entry.unreadable` when a stored value cannot be read back.
    public static func entry(seq: Int64, in db: Database) throws -> PostedEntry {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM entry WHERE seq = ?"), arguments: [seq]) else {
            throw StoreError.notFound(what: "L'écriture n° \(seq)")
        }
        let lines = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM posting WHERE entry_seq = ? ORDER BY line_no"),
                                     arguments: [seq])
        return try decode(row, lines: lines).entryOrRefusal()
    }

    /// The entry posted with an idempotency key, if any.
    public static func entry(idempotencyKey key: String, in db: Database) throws -> PostedEntry? {
        guard let seq = try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM entry WHERE idempotency_key = ?"),
                                           arguments: [key]) else { return nil }
        return try entry(seq: seq, in: db)
    }

    /// Visits every entry in chain order with its lines, streaming: memory does not grow with the ledger.
    /// Stops with `entry.unreadable` on an entry whose stored values cannot be read back.
    public static func forEachEntry(in db: Database, _ visit: (PostedEntry) throws -> Void) throws {
        try forEachStoredEntry(in: db) { try visit(try $0.entryOrRefusal()) }
    }

    /// Visits every entry in chain order, readable or not: `verify` goes on past a damaged entry.
    /// Lines whose `entry_seq` is no entry's are not visited (verify names them separately).
    static func forEachStoredEntry(in db: Database, _ visit: (Result<PostedEntry, UnreadableEntry>) throws -> Void) throws {
        let entries = try Row.fetchCursor(db, sql: "SELECT * FROM entry ORDER BY seq")
        let lines = try Row.fetchCursor(db, sql: """
            SELECT * FROM posting WHERE typeof(entry_seq) = 'integer' ORDER BY entry_seq, line_no
            """)
        var pending: Row? = try lines.next().map { $0.copy() }
        while let row = try entries.next() {
            let seq = row.stored("seq").integer
            var entryLines: [Row] = []
            while let lineRow = pending, let lineSeq = lineRow.stored("entry_seq").integer, seq.map({ lineSeq <= $0 }) ?? false {
                if lineSeq == seq { entryLines.append(lineRow) }
                pending = try lines.next().map { $0.copy() }
            }
            try visit(decode(row, lines: entryLines))
        }
    }

    /// Builds an entry from its stored row and line rows, naming every value that is not what clap writes.
    static func decode(_ row: Row, lines lineRows: [Row]) -> Result<PostedEntry, UnreadableEntry> {
        var fields = EntryFields(row: row)
        let seq = row.stored("seq").integer
        if seq == nil { fields.problems.append("seq vaut \(row.stored("seq"))") }
        let journal = fields.text("journal"), year = fields.integer("fiscal_year"), number = fields.integer("number")
        let entryDate = fields.day("entry_date"), pieceDate = fields.day("piece_date"), validDate = fields.day("valid_date")
        let pieceRef = fields.text("piece_ref"), label = fields.text("label"), key = fields.text("idempotency_key", optional: true)
        let previousHash = fields.text("prev_hash"), hash = fields.text("hash")
        var reverses: EntryRef?
        let reversal = ["reverses_journal", "reverses_year", "reverses_number"].map { row.stored($0) }
        if !reversal.allSatisfy(\.isNull) {
            if let journal = reversal[0].text, let year = reversal[1].integer.flatMap({ Int(exactly: $0) }),
               let number = reversal[2].integer.flatMap({ Int(exactly: $0) }) {
                reverses = EntryRef(journal: JournalCode(journal), fiscalYear: year, number: number)
            } else {
                fields.problems.append("l'écriture inversée vaut \(reversal.map(\.description).joined(separator: " / "))")
            }
        }
        var lines: [PostingLine] = []
        for lineRow in lineRows {
            switch line(from: lineRow) {
            case .success(let line): lines.append(line)
            case .failure(let problem): fields.problems.append(problem.text)
            }
        }
        let problems = fields.problems
        let ref = EntryRef(journal: JournalCode(journal ?? row.stored("journal").description),
                           fiscalYear: year ?? 0, number: number ?? 0)
        guard problems.isEmpty, let seq, let journal, let entryDate, let pieceDate, let validDate, let pieceRef, let label,
              let previousHash, let hash else {
            return .failure(UnreadableEntry(sequence: seq, ref: ref, previousHash: previousHash, hash: hash, problems: problems))
        }
        let draft = EntryDraft(journal: JournalCode(journal), entryDate: entryDate, pieceDate: pieceDate, pieceRef: pieceRef,
                               label: label, lines: lines, idempotencyKey: key, reverses: reverses)
        return .success(PostedEntry(sequence: seq, ref: ref, validDate: validDate, draft: draft,
                                    previousHash: previousHash, hash: hash))
    }

    /// Reads an entry row's columns, noting each value that is not what the column should hold.
    private struct EntryFields {
        let row: Row
        var problems: [String] = []

        mutating func text(_ column: String, optional: Bool = false) -> String? {
            let value = row.stored(column)
            if let text = value.text { return text }
            if optional, value.isNull { return nil }
            problems.append("\(column) vaut \(value)")
            return nil
        }

        mutating func integer(_ column: String) -> Int? {
            let value = row.stored(column)
            if let number = value.integer, let small = Int(exactly: number) { return small }
            problems.append("\(column) vaut \(value)")
            return nil
        }

        mutating func day(_ column: String) -> Day? {
            let value = row.stored(column)
            if let day = value.day { return day }
            problems.append("\(column) vaut \(value), qui n'est pas une date AAAA-MM-JJ")
            return nil
        }
    }

    /// A line read back keeps whatever side holds money; verify reports lines with both or neither.
    static func line(from row: Row) -> Result<PostingLine, LineProblem> {
        var problems: [String] = []
        let lineNumber = row.stored("line_no")
        let account = row.stored("account"), auxiliary = row.stored("auxiliary"), analytic = row.stored("analytic")
        let debit = row.stored("debit_cents"), credit = row.stored("credit_cents")
        if account.text == nil { problems.append("compte \(account)") }
        if auxiliary.text == nil, !auxiliary.isNull { problems.append("tiers \(auxiliary)") }
        if analytic.text == nil, !analytic.isNull { problems.append("code analytique \(analytic)") }
        if debit.integer == nil { problems.append("débit \(debit)") }
        if credit.integer == nil { problems.append("crédit \(credit)") }
        guard problems.isEmpty, let accountText = account.text, let debitCents = debit.integer, let creditCents = credit.integer else {
            return .failure(LineProblem(text: "ligne \(lineNumber) : " + problems.joined(separator: ", ") + " ne se relit pas"))
        }
        return .success(PostingLine(account: accountText, auxiliary: auxiliary.text, analytic: analytic.text,
                                    side: debitCents > 0 ? .debit : .credit, amount: Cents(debitCents > 0 ? debitCents : creditCents)))
    }

    struct LineProblem: Error { let text: String }
}

/// A stored entry some value of which is not what clap writes (a date that is no day, an amount that is no
/// integer, a NULL where a value must be): what could be read, and what could not.
public struct UnreadableEntry: Error, Sendable {
    public let sequence: Int64?
    /// The entry's journal, year and number as far as they could be read (0 where not).
    public let ref: EntryRef
    public let previousHash: String?
    public let hash: String?
    /// Each value that could not be read, in French.
    public let problems: [String]

    /// `elle ne se relit plus (position 5 de la chaîne) : entry_date vaut « 2025-02-31 » …`
    public var message: String {
        "elle ne se relit plus (position \(sequence.map(String.init) ?? "?") de la chaîne) : "
            + problems.joined(separator: " ; ") + "."
    }
}

extension Result where Failure == UnreadableEntry {
    /// The entry, or `entry.unreadable` for a command that needs it whole.
    func entryOrRefusal() throws -> PostedEntry where Success == PostedEntry {
        switch self {
        case .success(let entry): return entry
        case .failure(let unreadable):
            throw StoreError.refused(code: "entry.unreadable", message: "L'écriture \(unreadable.ref) : " + unreadable.message
                                     + " Lancez « clap verify ».")
        }
    }
}

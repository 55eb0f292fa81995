import GRDB
import LedgerCore

/// What posting a draft did: a new entry, or the entry an earlier request with the same key already posted.
public enum PostingOutcome: Sendable {
    case posted(PostedEntry)
    case alreadyPosted(PostedEntry)

    public var entry: PostedEntry {
        switch self {
        case .posted(let entry), .alreadyPosted(let entry): entry
        }
    }

    public var isNew: Bool { if case .posted = self { true } else { false } }
}

/// The only way an entry enters the ledger: validated, numbered without gaps, chained by hash, idempotent.
public enum LedgerWriter {
    /// Posts a draft inside the caller's transaction.
    /// - Refuses an unbalanced draft, an unknown account, or an entry date inside a closed period.
    /// - A draft whose idempotency key was already used returns the original entry when the request is the
    ///   same, and is refused when it differs.
    public static func post(_ draft: EntryDraft, validDate: Day, in db: Database) throws -> PostingOutcome {
        if case .failure(let error) = EntryRules.validate(draft) { throw StoreError.posting(error) }
        let digest = CanonicalHash.requestDigest(draft)
        if let key = draft.idempotencyKey,
           let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, request_digest FROM entry WHERE idempotency_key = ?"),
                                      arguments: [key]) {
            let existing = try LedgerReader.entry(seq: row["seq"], in: db)
            guard (row["request_digest"] as String) == digest else {
                throw StoreError.posting(.idempotencyConflict(key: key, existing: existing.ref))
            }
            return .alreadyPosted(existing)
        }
        // The chain head, the closed period and the entry's number in one read.
        let head = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT last_seq, hash, (SELECT MAX(closed_through) FROM period_lock) AS closed,
                   (SELECT COALESCE(MAX(number), 0) + 1 FROM entry WHERE journal = ? AND fiscal_year = ?) AS number
            FROM ledger_head WHERE id = 1
            """), arguments: [draft.journal.rawValue, draft.fiscalYear])
        guard let head else { throw StoreError.notInitialized }
        if let closed = (head["closed"] as String?).flatMap(Day.parse), draft.entryDate <= closed {
            throw StoreError.posting(.periodClosed(entryDate: draft.entryDate, firstOpenDay: closed.adding(days: 1) ?? closed))
        }
        let accounts = Array(Set(draft.lines.map(\.account)))
        let known = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM account WHERE number IN (\(placeholders(accounts.count)))"),
                                     arguments: StatementArguments(accounts)) ?? 0
        if known != accounts.count {
            for account in accounts {
                let found = try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM account WHERE number = ?"), arguments: [account]) ?? false
                guard found else { throw StoreError.posting(.unknownAccount(account)) }
            }
        }
        let number: Int = head["number"]
        let seq: Int64 = head["last_seq"] + 1
        let previousHash: String = head["hash"]
        let ref = EntryRef(journal: draft.journal, fiscalYear: draft.fiscalYear, number: number)
        let hash = CanonicalHash.entryHash(previousHash: previousHash, ref: ref, validDate: validDate, draft: draft)

        try db.cachedStatement(sql: """
            INSERT INTO entry (seq, journal, fiscal_year, number, entry_date, piece_date, valid_date, piece_ref, label,
                               idempotency_key, request_digest, reverses_journal, reverses_year, reverses_number, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                seq, draft.journal.rawValue, draft.fiscalYear, number, draft.entryDate.iso, draft.pieceDate.iso,
                validDate.iso, draft.pieceRef, draft.label, draft.idempotencyKey, digest,
                draft.reverses?.journal.rawValue, draft.reverses?.fiscalYear, draft.reverses?.number, previousHash, hash,
            ])
        var values: [(any DatabaseValueConvertible)?] = []
        values.reserveCapacity(draft.lines.count * 7)
        for (index, line) in draft.lines.enumerated() {
            values += [seq, index + 1, line.account, line.auxiliary, line.analytic, line.debitCents.value, line.creditCents.value]
        }
        try insertRows(into: "posting (entry_seq, line_no, account, auxiliary, analytic, debit_cents, credit_cents)",
                       columns: 7, values: values, in: db)
        try db.cachedStatement(sql: "UPDATE ledger_head SET last_seq = ?, hash = ? WHERE id = 1").execute(arguments: [seq, hash])
        try Balances.addToMonthlyTotals(draft, in: db)
        return .posted(PostedEntry(sequence: seq, ref: ref, validDate: validDate, draft: draft, previousHash: previousHash, hash: hash))
    }

    /// Inserts rows several at a time (a statement per hundred rows rather than per row); `values` holds the rows'
    /// values one after the other. `conflict` is an `ON CONFLICT …` clause, for the monthly totals.
    static func insertRows(into table: String, columns: Int, values: [(any DatabaseValueConvertible)?], conflict: String = "",
                           in db: Database) throws {
        precondition(values.count % columns == 0, "whole rows")
        let chunk = rowsPerStatement * columns
        var start = 0
        while start < values.count {
            let end = min(start + chunk, values.count)
            try db.cachedStatement(sql: "INSERT INTO \(table) VALUES \(rows((end - start) / columns, columns: columns)) \(conflict)")
                .execute(arguments: StatementArguments(values[start..<end]))
            start = end
        }
    }

    /// Rows per multi-row INSERT: well under SQLite's limit of host parameters, whatever the columns.
    static let rowsPerStatement = 100

    /// `?, ?, ?` for a list of `count` values.
    static func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }

    /// `(?, ?), (?, ?)` for `count` rows of `columns` values (one statement for several rows).
    static func rows(_ count: Int, columns: Int) -> String {
        Array(repeating: "(" + placeholders(columns) + ")", count: count).joined(separator: ", ")
    }

    /// Locks every day up to and including `day`: no entry may be dated in it afterwards.
    public static func lock(through day: Day, kind: String, context: CommandContext, in db: Database) throws {
        let lastSeq = try Int64.fetchOne(db, sql: "SELECT last_seq FROM ledger_head WHERE id = 1") ?? 0
        try db.execute(sql: """
            INSERT INTO period_lock (closed_through, kind, after_seq, closed_at, operator) VALUES (?, ?, ?, ?, ?)
            """, arguments: [day.iso, kind, lastSeq, context.timestamp, context.operatorName])
    }
}

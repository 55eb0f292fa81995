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
        if let closed = try LedgerReader.closedThrough(in: db), draft.entryDate <= closed {
            throw StoreError.posting(.periodClosed(entryDate: draft.entryDate, firstOpenDay: closed.adding(days: 1) ?? closed))
        }
        for account in Set(draft.lines.map(\.account)) {
            let known = try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM account WHERE number = ?"), arguments: [account]) ?? false
            guard known else { throw StoreError.posting(.unknownAccount(account)) }
        }

        let number = try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COALESCE(MAX(number), 0) + 1 FROM entry WHERE journal = ? AND fiscal_year = ?"),
            arguments: [draft.journal.rawValue, draft.fiscalYear]) ?? 1
        let head = try Row.fetchOne(db.cachedStatement(sql: "SELECT last_seq, hash FROM ledger_head WHERE id = 1"))
        guard let head else { throw StoreError.notInitialized }
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
        let insertLine = try db.cachedStatement(sql: """
            INSERT INTO posting (entry_seq, line_no, account, auxiliary, analytic, debit_cents, credit_cents)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (index, line) in draft.lines.enumerated() {
            try insertLine.execute(arguments: [seq, index + 1, line.account, line.auxiliary, line.analytic,
                                               line.debitCents.value, line.creditCents.value])
        }
        try db.cachedStatement(sql: "UPDATE ledger_head SET last_seq = ?, hash = ? WHERE id = 1").execute(arguments: [seq, hash])
        try Balances.addToMonthlyTotals(draft, in: db)
        return .posted(PostedEntry(sequence: seq, ref: ref, validDate: validDate, draft: draft, previousHash: previousHash, hash: hash))
    }

    /// Locks every day up to and including `day`: no entry may be dated in it afterwards.
    public static func lock(through day: Day, kind: String, context: CommandContext, in db: Database) throws {
        let lastSeq = try Int64.fetchOne(db, sql: "SELECT last_seq FROM ledger_head WHERE id = 1") ?? 0
        try db.execute(sql: """
            INSERT INTO period_lock (closed_through, kind, after_seq, closed_at, operator) VALUES (?, ?, ?, ?, ?)
            """, arguments: [day.iso, kind, lastSeq, context.timestamp, context.operatorName])
    }
}

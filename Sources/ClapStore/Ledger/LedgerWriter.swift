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
        try posting(in: db) { ledger in try ledger.post(draft, validDate: validDate, in: db) }
    }

    /// Posts many entries inside the caller's transaction, one `PostingBatch` for all of them: the chain head,
    /// the closed period, the entry numbers and the known accounts are read once, and the head and the monthly
    /// totals are written once at the end, instead of five statements per entry. Nothing else may post to the
    /// ledger inside `body` (its head would be stale: the entry's sequence number would collide and be refused).
    /// Its entries' rows are written every `holding` entries and at the end (`PostingBatch.writePending`), and the
    /// envelope totals with each entry unless the caller keeps its rooms itself (`EnvelopeTotalsWriting`).
    public static func posting<T>(in db: Database, holding: Int = PostingBatch.defaultHolding,
                                  envelopeTotals: EnvelopeTotalsWriting = .withEachEntry,
                                  _ body: (inout PostingBatch) throws -> T) throws -> T {
        var ledger = try PostingBatch(in: db, holding: holding, envelopeTotals: envelopeTotals)
        let result = try body(&ledger)
        try ledger.finish(in: db)
        return result
    }

    /// Inserts rows a hundred to a statement (`RowInserter`); `values` holds the rows' values one after the other.
    /// `conflict` is an `ON CONFLICT …` clause, for the running totals.
    static func insertRows(into table: String, columns: Int, values: [(any DatabaseValueConvertible)?], conflict: String = "",
                           in db: Database) throws {
        precondition(values.count % columns == 0, "whole rows")
        try RowInserter.insert(into: table, columns: columns, conflict: conflict, in: db) { rows in
            for start in stride(from: 0, to: values.count, by: columns) { try rows.add(row: values[start..<start + columns], in: db) }
        }
    }

    /// Locks every day up to and including `day`: no entry may be dated in it afterwards.
    public static func lock(through day: Day, kind: String, context: CommandContext, in db: Database) throws {
        let lastSeq = try Int64.fetchOne(db, sql: "SELECT last_seq FROM ledger_head WHERE id = 1") ?? 0
        try db.execute(sql: """
            INSERT INTO period_lock (closed_through, kind, after_seq, closed_at, operator) VALUES (?, ?, ?, ?, ?)
            """, arguments: [day.iso, kind, lastSeq, context.timestamp, context.operatorName])
    }
}

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

    /// One entry with its lines.
    public static func entry(seq: Int64, in db: Database) throws -> PostedEntry {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM entry WHERE seq = ?"), arguments: [seq]) else {
            throw StoreError.notFound(what: "L'écriture n° \(seq)")
        }
        let lines = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM posting WHERE entry_seq = ? ORDER BY line_no"),
                                     arguments: [seq]).map(line(from:))
        return try entry(from: row, lines: lines)
    }

    /// The entry posted with an idempotency key, if any.
    public static func entry(idempotencyKey key: String, in db: Database) throws -> PostedEntry? {
        guard let seq = try Int64.fetchOne(db.cachedStatement(sql: "SELECT seq FROM entry WHERE idempotency_key = ?"),
                                           arguments: [key]) else { return nil }
        return try entry(seq: seq, in: db)
    }

    /// Visits every entry in chain order with its lines, streaming: memory does not grow with the ledger.
    public static func forEachEntry(in db: Database, _ visit: (PostedEntry) throws -> Void) throws {
        let entries = try Row.fetchCursor(db, sql: "SELECT * FROM entry ORDER BY seq")
        let lines = try Row.fetchCursor(db, sql: "SELECT * FROM posting ORDER BY entry_seq, line_no")
        var pending: Row? = try lines.next()
        while let row = try entries.next() {
            let seq: Int64 = row["seq"]
            var entryLines: [PostingLine] = []
            while let lineRow = pending, (lineRow["entry_seq"] as Int64) <= seq {
                if (lineRow["entry_seq"] as Int64) == seq { entryLines.append(line(from: lineRow)) }
                pending = try lines.next()
            }
            try visit(try entry(from: row, lines: entryLines))
        }
    }

    static func line(from row: Row) -> PostingLine {
        let debit: Int64 = row["debit_cents"]
        let credit: Int64 = row["credit_cents"]
        // A line read back keeps whatever side holds money; verify reports lines with both or neither.
        return PostingLine(account: row["account"], auxiliary: row["auxiliary"], analytic: row["analytic"],
                           side: debit > 0 ? .debit : .credit, amount: Cents(debit > 0 ? debit : credit))
    }

    static func entry(from row: Row, lines: [PostingLine]) throws -> PostedEntry {
        func day(_ column: String) throws -> Day {
            let text: String = row[column]
            guard let day = Day.parse(text) else {
                throw StoreError.refused(code: "entry.bad_date", message: "Date illisible « \(text) » dans l'écriture n° \(row["seq"] as Int64).")
            }
            return day
        }
        var reverses: EntryRef?
        if let journal: String = row["reverses_journal"], let year: Int = row["reverses_year"], let number: Int = row["reverses_number"] {
            reverses = EntryRef(journal: JournalCode(journal), fiscalYear: year, number: number)
        }
        let draft = EntryDraft(journal: JournalCode(row["journal"]), entryDate: try day("entry_date"),
                               pieceDate: try day("piece_date"), pieceRef: row["piece_ref"], label: row["label"],
                               lines: lines, idempotencyKey: row["idempotency_key"], reverses: reverses)
        let ref = EntryRef(journal: draft.journal, fiscalYear: row["fiscal_year"], number: row["number"])
        return PostedEntry(sequence: row["seq"], ref: ref, validDate: try day("valid_date"), draft: draft,
                           previousHash: row["prev_hash"], hash: row["hash"])
    }
}

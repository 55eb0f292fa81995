import ClapDomain
import GRDB
import LedgerCore

/// One recorded export: what was written, when, by whom, and its SHA-256.
public struct ExportRecord: Hashable, Sendable, Codable {
    public let id: Int64
    public let at: String
    public let operatorName: String
    public let kind: String
    public let scope: String
    public let file: String
    public let sha256: String
    public let lineCount: Int
    /// The hash-chain head when the export was made: the ledger state it reflects.
    public let headHash: String
}

/// Streams the ledger for exports and records each export.
public enum ExportStore {
    /// The letter and lettering date of each lettered line of an entry, by line number.
    public typealias EntryLetters = [Int: (letter: String, date: Day)]

    /// Entries of one fiscal year in FEC order: AN first, then by validation date, then chain order.
    public static func forEachEntryInFecOrder(fiscalYear: Int, in db: Database, _ visit: (PostedEntry) throws -> Void) throws {
        try forEachEntryInFecOrder(fiscalYear: fiscalYear, in: db) { entry, _ in try visit(entry) }
    }

    /// Entries of one fiscal year in FEC order, each with the letters of its lines, streaming.
    public static func forEachEntryInFecOrder(fiscalYear: Int, in db: Database, _ visit: (PostedEntry, EntryLetters) throws -> Void) throws {
        let order = "(journal = 'AN') DESC, valid_date, seq"
        let entries = try Row.fetchCursor(db, sql: "SELECT * FROM entry WHERE fiscal_year = ? ORDER BY \(order)", arguments: [fiscalYear])
        let lines = try Row.fetchCursor(db, sql: """
            SELECT p.*, l.letter, l.lettered_on FROM posting p JOIN entry e ON e.seq = p.entry_seq
            LEFT JOIN lettering l ON l.entry_seq = p.entry_seq AND l.line_no = p.line_no
            WHERE e.fiscal_year = ?
            ORDER BY (e.journal = 'AN') DESC, e.valid_date, e.seq, p.line_no
            """, arguments: [fiscalYear])
        try merge(entries: entries, lines: lines, visit)
    }

    /// Entries whose entry date is within the bounds (inclusive), in chain order.
    public static func forEachEntry(from: Day?, to: Day?, in db: Database, _ visit: (PostedEntry) throws -> Void) throws {
        try forEachEntry(from: from, to: to, in: db) { entry, _ in try visit(entry) }
    }

    /// Entries whose entry date is within the bounds (inclusive), in chain order, each with the letters of its lines.
    public static func forEachEntry(from: Day?, to: Day?, in db: Database, _ visit: (PostedEntry, EntryLetters) throws -> Void) throws {
        let filter = "e.entry_date >= ? AND e.entry_date <= ?"
        let arguments: StatementArguments = [from?.iso ?? "0000-00-00", to?.iso ?? "9999-99-99"]
        let entries = try Row.fetchCursor(db, sql: "SELECT * FROM entry e WHERE \(filter) ORDER BY seq", arguments: arguments)
        let lines = try Row.fetchCursor(db, sql: """
            SELECT p.*, l.letter, l.lettered_on FROM posting p JOIN entry e ON e.seq = p.entry_seq
            LEFT JOIN lettering l ON l.entry_seq = p.entry_seq AND l.line_no = p.line_no
            WHERE \(filter) ORDER BY e.seq, p.line_no
            """, arguments: arguments)
        try merge(entries: entries, lines: lines, visit)
    }

    /// How many entries `forEachEntryInFecOrder` visits, for a progress bar.
    public static func entryCount(fiscalYear: Int, in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entry WHERE fiscal_year = ?", arguments: [fiscalYear]) ?? 0
    }

    /// How many entries `forEachEntry(from:to:)` visits (every entry without bounds), for a progress bar.
    public static func entryCount(from: Day?, to: Day?, in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entry WHERE entry_date >= ? AND entry_date <= ?",
                         arguments: [from?.iso ?? "0000-00-00", to?.iso ?? "9999-99-99"]) ?? 0
    }

    /// Joins two cursors that list entries and their lines (with their letters) in the same order.
    static func merge(entries: RowCursor, lines: RowCursor, _ visit: (PostedEntry, EntryLetters) throws -> Void) throws {
        var pending = try lines.next()
        while let row = try entries.next() {
            let seq: Int64 = row["seq"]
            var entryLines: [Row] = []
            var letters: EntryLetters = [:]
            while let line = pending, (line["entry_seq"] as Int64) == seq {
                entryLines.append(line.copy())
                if let letter: String = line["letter"], let day = (line["lettered_on"] as String?).flatMap(Day.parse) {
                    letters[line["line_no"]] = (letter, day)
                }
                pending = try lines.next()
            }
            try visit(try LedgerReader.decode(row, lines: entryLines).entryOrRefusal(), letters)
        }
    }

    /// The name of every third party: a team's name, a professional's « Prénom NOM ».
    public static func thirdPartyNames(in db: Database) throws -> [String: String] {
        var names: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM team") { names[row["id"]] = row["name"] }
        for row in try Row.fetchAll(db, sql: "SELECT rpps, first_name, last_name FROM professional") {
            names[row["rpps"]] = "\(row["first_name"] as String) \((row["last_name"] as String).uppercased())"
        }
        return names
    }

    public static func record(kind: String, scope: String, file: String, sha256: String, lineCount: Int,
                              context: CommandContext, in db: Database) throws -> ExportRecord {
        let head = try LedgerReader.head(in: db).hash
        try db.execute(sql: """
            INSERT INTO export_log (at, operator, kind, scope, file, sha256, line_count, head_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [context.timestamp, context.operatorName, kind, scope, file, sha256, lineCount, head])
        return ExportRecord(id: db.lastInsertedRowID, at: context.timestamp, operatorName: context.operatorName, kind: kind,
                            scope: scope, file: file, sha256: sha256, lineCount: lineCount, headHash: head)
    }

    public static func list(in db: Database) throws -> [ExportRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM export_log ORDER BY id").map {
            ExportRecord(id: $0["id"], at: $0["at"], operatorName: $0["operator"], kind: $0["kind"], scope: $0["scope"],
                         file: $0["file"], sha256: $0["sha256"], lineCount: $0["line_count"], headHash: $0["head_hash"])
        }
    }
}

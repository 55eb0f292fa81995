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
    /// Entries of one fiscal year in FEC order: AN first, then by validation date, then chain order.
    public static func forEachEntryInFecOrder(fiscalYear: Int, in db: Database, _ visit: (PostedEntry) throws -> Void) throws {
        try forEachEntryInFecOrder(fiscalYear: fiscalYear, in: db) { entry, _ in try visit(entry) }
    }

    /// Entries of one fiscal year in FEC order, each with the letters of its lines, streaming.
    ///
    /// The index `entry_fec_order` (Schema/0010) holds the entries in this order, so SQLite sorts nothing and holds
    /// nothing: memory does not grow with the year.
    public static func forEachEntryInFecOrder(fiscalYear: Int, in db: Database, _ visit: (PostedEntry, EntryLetters) throws -> Void) throws {
        try ExportEntryStream.run(.fec(fiscalYear: fiscalYear), in: db, visit)
    }

    /// Entries whose entry date is within the bounds (inclusive), in chain order.
    public static func forEachEntry(from: Day?, to: Day?, in db: Database, _ visit: (PostedEntry) throws -> Void) throws {
        try forEachEntry(from: from, to: to, in: db) { entry, _ in try visit(entry) }
    }

    /// Entries whose entry date is within the bounds (inclusive), in chain order, each with the letters of its lines.
    ///
    /// The entries are read in chain order (the table's own order, nothing sorted), between the first and the last
    /// position of the chain that the dates hold, and filtered by date on the way.
    public static func forEachEntry(from: Day?, to: Day?, in db: Database, _ visit: (PostedEntry, EntryLetters) throws -> Void) throws {
        let from = from?.iso ?? "0000-00-00", to = to?.iso ?? "9999-99-99"
        var span: (first: Int64, last: Int64) = (Int64.min, Int64.max)
        if from != "0000-00-00" || to != "9999-99-99" {
            let row = try Row.fetchOne(db, sql: "SELECT MIN(seq), MAX(seq) FROM entry WHERE entry_date >= ? AND entry_date <= ?",
                                       arguments: [from, to])
            guard let first = row?[0] as Int64?, let last = row?[1] as Int64? else { return }
            span = (first, last)
        }
        try ExportEntryStream.run(.chain(first: span.first, last: span.last, from: from, to: to), in: db, visit)
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

import Foundation
import GRDB
import LedgerCore

/// What a backup or a restore produced, and what `verify` said about it.
public struct BackupOutcome: Sendable {
    /// The file written (the backup), or the database replaced (the restore).
    public let path: String
    public let verification: VerificationReport
    /// Where the database that was replaced was kept (restore only).
    public let previousKeptAt: String?
}

/// `clap backup` and `clap restore`: copies of the database that are consistent, owner-only and verified.
///
/// A backup is SQLite's `VACUUM INTO` from one read snapshot: another process may be writing meanwhile, the copy
/// is the database either before or after that write, never in between. It is written under a temporary name,
/// then linked to its final name, which must not exist: a backup never overwrites a file.
/// A restore copies the file aside the same way, refuses it unless it is a clap database that verifies, and only
/// then moves it over the database in one rename; the database it replaces is kept beside it.
public enum DatabaseBackup {
    /// Copies the database to `destination` (which must not exist), mode 0600, then verifies the copy.
    /// The copy is kept even when it does not verify (it is what the database holds); the report says so.
    public static func backup(_ database: ClapDatabase, to destination: String) throws -> BackupOutcome {
        let target = URL(fileURLWithPath: destination).standardizedFileURL
        let manager = FileManager.default
        guard !manager.fileExists(atPath: target.path) else {
            throw StoreError.refused(code: "backup.exists", message:
                "Le fichier « \(destination) » existe déjà : clap n'écrase jamais une sauvegarde. Choisissez un autre nom.")
        }
        guard target.path != URL(fileURLWithPath: database.path).standardizedFileURL.path else {
            throw StoreError.refused(code: "backup.same_file", message: "La sauvegarde ne peut pas être la base elle-même.")
        }
        let folder = target.deletingLastPathComponent()
        guard manager.fileExists(atPath: folder.path) else {
            throw StoreError.refused(code: "backup.folder", message: "Le dossier « \(folder.path) » n'existe pas.")
        }
        let partial = folder.appendingPathComponent(".\(target.lastPathComponent).partiel-\(UUID().uuidString)")
        defer { try? manager.removeItem(at: partial) }
        try vacuum(database.pool, into: partial)
        let report = try verifyCopy(at: partial.path)
        // link(2) fails if the name was taken meanwhile: the final name appears whole, and never replaces a file.
        guard link(partial.path, target.path) == 0 else {
            throw StoreError.refused(code: "backup.write", message:
                "La sauvegarde n'a pas pu être nommée « \(destination) » (\(String(cString: strerror(errno)))) : rien n'a été écrit.")
        }
        return BackupOutcome(path: target.path, verification: report, previousKeptAt: nil)
    }

    /// Replaces the database at `databasePath` with the backup at `source`, if it is a clap database that verifies.
    /// The database it replaces (if any) is kept as `<database>.avant-restauration-<time>`. No other clap command
    /// should run meanwhile. Throws `restore.not_clap` (not a clap database) or returns the report of a copy that
    /// does not verify without replacing anything (the caller refuses it).
    public static func restore(from source: String, over databasePath: String, context: CommandContext) throws -> BackupOutcome {
        let manager = FileManager.default
        let target = URL(fileURLWithPath: databasePath).standardizedFileURL
        let origin = URL(fileURLWithPath: source).standardizedFileURL
        guard manager.fileExists(atPath: origin.path) else {
            throw StoreError.refused(code: "restore.missing", message: "Le fichier « \(source) » n'existe pas.")
        }
        guard origin.path != target.path else {
            throw StoreError.refused(code: "restore.same_file", message: "La sauvegarde à restaurer est la base elle-même.")
        }
        try requireSQLiteFile(origin, named: source)
        let folder = target.deletingLastPathComponent()
        try manager.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let incoming = folder.appendingPathComponent(".\(target.lastPathComponent).restauration-\(UUID().uuidString)")
        defer { removeDatabaseFiles(at: incoming) }
        // Read-only: the backup file itself is never changed, not even migrated.
        var configuration = Configuration()
        configuration.readonly = true
        let sourceQueue: DatabaseQueue
        do {
            sourceQueue = try DatabaseQueue(path: origin.path, configuration: configuration)
            try vacuum(sourceQueue, into: incoming)
            try sourceQueue.close()
        } catch {
            throw notClap(source, because: "SQLite ne peut pas la lire")
        }
        try requireClapSchema(incoming, named: source)
        let report = try verifyCopy(at: incoming.path)
        guard report.isClean else { return BackupOutcome(path: origin.path, verification: report, previousKeptAt: nil) }

        var keptAt: String?
        if manager.fileExists(atPath: target.path) {
            // Empty the current database's WAL into it, so that nothing is lost and no stale WAL meets the new file.
            let current = try DatabaseQueue(path: target.path)
            try current.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            try current.close()
            let aside = target.path + ".avant-restauration-" + context.timestamp.replacingOccurrences(of: ":", with: "-")
            guard link(target.path, aside) == 0 else {
                throw StoreError.refused(code: "restore.write", message:
                    "La base actuelle n'a pas pu être mise de côté (\(String(cString: strerror(errno)))) : rien n'a été changé.")
            }
            keptAt = aside
            for suffix in ["-wal", "-shm"] { try? manager.removeItem(atPath: target.path + suffix) }
        }
        // One rename: the database path holds the old file or the new one, never a mix.
        guard rename(incoming.path, target.path) == 0 else {
            throw StoreError.refused(code: "restore.write", message:
                "La base n'a pas pu être remplacée (\(String(cString: strerror(errno)))) : elle est restée telle quelle.")
        }
        let restored = try ClapDatabase.open(at: target.path)
        try restored.write(context) { _ in
            ((), "restauration depuis « \(source) »" + (keptAt.map { " ; base remplacée conservée sous « \($0) »" } ?? ""))
        }
        try restored.close()
        return BackupOutcome(path: target.path, verification: report, previousKeptAt: keptAt)
    }

    /// `VACUUM INTO` a new owner-only file, from one read snapshot of `reader`.
    static func vacuum(_ reader: some DatabaseReader, into destination: URL) throws {
        // SQLite keeps the mode of an existing empty file: create it 0600 first.
        guard FileManager.default.createFile(atPath: destination.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw StoreError.refused(code: "backup.write", message: "Impossible de créer « \(destination.path) ».")
        }
        try reader.unsafeRead { db in try db.execute(sql: "VACUUM INTO ?", arguments: [destination.path]) }
    }

    /// Opens a copy as clap does (bringing its schema up to date) and runs every check of `verify` on it.
    static func verifyCopy(at path: String) throws -> VerificationReport {
        let copy = try ClapDatabase.open(at: path)
        let report = try copy.read { try Verifier.verify(in: $0, extraChecks: StoreChecks.all) }
        try copy.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try copy.close()
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        return report
    }

    static func requireSQLiteFile(_ url: URL, named name: String) throws {
        guard let handle = try? FileHandle(forReadingFrom: url) else { throw notClap(name, because: "il ne peut pas être lu") }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        guard header == Data("SQLite format 3\u{0}".utf8) else { throw notClap(name, because: "ce n'est pas une base SQLite") }
    }

    /// The tables every clap database has, and no migration this program does not know.
    static func requireClapSchema(_ url: URL, named name: String) throws {
        let queue = try DatabaseQueue(path: url.path)
        defer { try? queue.close() }
        let (tables, applied) = try queue.read { db in
            (Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")),
             try db.tableExists("grdb_migrations") ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : [])
        }
        let required: Set = ["association", "account", "entry", "posting", "ledger_head", "audit_log"]
        guard required.isSubset(of: tables) else {
            throw notClap(name, because: "il y manque les tables d'un grand livre clap (\(required.subtracting(tables).sorted().joined(separator: ", ")))")
        }
        let known = Set(try Migrations.files().map { $0.deletingPathExtension().lastPathComponent })
        if let newer = applied.first(where: { !known.contains($0) }) {
            throw StoreError.schemaNewerThanProgram(applied: newer)
        }
    }

    static func notClap(_ name: String, because reason: String) -> StoreError {
        .refused(code: "restore.not_clap", message: "« \(name) » n'est pas une sauvegarde clap : \(reason). Rien n'a été changé.")
    }

    static func removeDatabaseFiles(at url: URL) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: url.path + suffix) }
    }
}

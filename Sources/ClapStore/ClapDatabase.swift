import ClapAssets
import Foundation
import GRDB
import LedgerCore

/// The association's database: owns the SQLite connection and runs each command as one transaction.
public final class ClapDatabase: Sendable {
    public let path: String
    let pool: DatabasePool

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
    }

    /// The page cache of the writer connection and of each reader, in KiB.
    static let writerCacheKiB = 65_536
    static let readerCacheKiB = 16_384

    /// Creates a new database file (owner-only permissions) and applies every migration. Refuses an existing file.
    public static func create(at path: String) throws -> ClapDatabase {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: path) else { throw StoreError.databaseExists(path: path) }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !manager.fileExists(atPath: folder) {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                        attributes: [.posixPermissions: 0o700])
        }
        guard manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw StoreError.refused(code: "db.create", message: "Impossible de créer la base « \(path) ».")
        }
        return try open(at: path)
    }

    /// Opens an existing database and brings its schema up to date.
    public static func open(at path: String) throws -> ClapDatabase {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.databaseMissing(path: path) }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(60)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            db.add(function: RegistrySeals.function)
            // The writer's page cache holds a whole command's changed pages (a month of actions touches index pages
            // all over the file); with SQLite's default 2 MB it spills them to the WAL again and again. Readers get
            // enough to keep the upper levels of the big indexes (verify's lookups re-read them otherwise).
            try db.execute(sql: "PRAGMA cache_size = -\(db.configuration.readonly ? readerCacheKiB : writerCacheKiB)")
            // The writer keeps its statement journals in memory. Every multi-row insert, upsert or statement with a
            // trigger copies the pages it touches into one, so that the statement alone can be undone; on disk
            // that was 250,000 writes (500 MB) to a temporary file for one month of actions. Each journal lives
            // for one statement, so it stays small. Readers keep temporary files on disk: an export's sort
            // must not grow in memory with the ledger.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA temp_store = MEMORY") }
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try Migrations.migrator().migrate(pool)
        return ClapDatabase(path: path, pool: pool)
    }

    /// Runs one command that writes: a single IMMEDIATE transaction that also appends the audit log.
    /// Either everything the command wrote is committed, or nothing is. A dry run does all the work
    /// and checks, then rolls back.
    public func write<T>(_ context: CommandContext, dryRun: Bool = false,
                         _ body: (Database) throws -> (result: T, summary: String)) throws -> T {
        try writeWithSnapshot(context, dryRun: dryRun) { db, _ in try body(db) }
    }

    /// `write`, for a command that decides on one core while it writes on the other: `body` also gets the means to
    /// read, on a second connection, the file as this transaction found it (`SnapshotReads`, `SnapshotPipeline`).
    public func writeWithSnapshot<T>(_ context: CommandContext, dryRun: Bool = false,
                                     _ body: (Database, SnapshotReads) throws -> (result: T, summary: String)) throws -> T {
        try pool.writeWithoutTransaction { db in
            var output: T?
            try db.inTransaction(.immediate) {
                let (result, summary) = try body(db, SnapshotReads(pool: pool, changesAtBegin: db.totalChangesCount))
                output = result
                if dryRun { return .rollback }
                try AuditLog.append(db, context: context, summary: summary)
                return .commit
            }
            guard let output else { preconditionFailure("a finished transaction produced its result") }
            return output
        }
    }

    /// Runs a read in a consistent snapshot.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    /// Closes the connections (before a backup is copied over, for instance).
    public func close() throws { try pool.close() }
}

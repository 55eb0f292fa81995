import ClapDomain
import GRDB
import LedgerCore

/// One loaded barème version, as recorded.
public struct TariffVersionRecord: Hashable, Sendable, Codable {
    public let id: Int64
    public let name: String
    public let effectiveFrom: Day
    public let sha256: String
    public let loadedAt: String
}

/// Loads barème versions (immutable once loaded) and gives the book of all of them.
public enum TariffStore {
    /// `clap tariff import`: refuses a file that does not parse or is not newer than the newest loaded version.
    public static func importVersion(toml: String, fileName: String, context: CommandContext, in db: Database) throws -> TariffVersionRecord {
        let newest = try records(in: db).last?.effectiveFrom
        let schedule = try TariffSchedule.parse(toml: toml, fileName: fileName, newestLoaded: newest).get()
        let sha = CanonicalHash.sha256Hex(Array(toml.utf8))
        try db.execute(sql: "INSERT INTO tariff_version (name, effective_from, source_toml, sha256, loaded_at) VALUES (?, ?, ?, ?, ?)",
                       arguments: [schedule.name, schedule.effectiveFrom.iso, toml, sha, context.timestamp])
        return TariffVersionRecord(id: db.lastInsertedRowID, name: schedule.name, effectiveFrom: schedule.effectiveFrom,
                                   sha256: sha, loadedAt: context.timestamp)
    }

    public static func records(in db: Database) throws -> [TariffVersionRecord] {
        try Row.fetchAll(db, sql: "SELECT id, name, effective_from, sha256, loaded_at FROM tariff_version ORDER BY effective_from").compactMap { row in
            guard let day = Day.parse(row["effective_from"]) else { return nil }
            return TariffVersionRecord(id: row["id"], name: row["name"], effectiveFrom: day, sha256: row["sha256"], loadedAt: row["loaded_at"])
        }
    }

    /// Every loaded version, parsed again from its stored source, keyed by id.
    public static func loaded(in db: Database) throws -> [(id: Int64, schedule: TariffSchedule)] {
        try Row.fetchAll(db, sql: "SELECT id, source_toml FROM tariff_version ORDER BY effective_from").map { row in
            let schedule = try TariffSchedule.parse(toml: row["source_toml"], fileName: "barème n° \(row["id"] as Int64)").get()
            return (row["id"], schedule)
        }
    }

    public static func book(in db: Database) throws -> TariffBook {
        TariffBook(versions: try loaded(in: db).map(\.schedule))
    }
}

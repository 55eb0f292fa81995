import ClapAssets
import Foundation
import GRDB

/// Applies the numbered SQL files of `Schema/` in order; a migration, once landed, is never edited.
enum Migrations {
    static func files() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: ClapAssets.schemaDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func migrator() throws -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for file in try files() {
            let sql = try String(contentsOf: file, encoding: .utf8)
            migrator.registerMigration(file.deletingPathExtension().lastPathComponent) { db in
                try db.execute(sql: sql)
            }
        }
        return migrator
    }
}

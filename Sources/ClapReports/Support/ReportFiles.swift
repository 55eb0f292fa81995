import ClapStore
import Foundation

/// Writes rendered reports through `FileSink` and records them all in the export register in one transaction,
/// so `clap export list` shows each file with its SHA-256.
public enum ReportFiles {
    /// A rendered file waiting to be written.
    public struct Pending: Sendable {
        public let path: String
        public let text: String
        /// The register's `kind` (`releve`, `rapport-ars`, `das2`).
        public let kind: String
        public let scope: String

        public init(path: String, text: String, kind: String, scope: String) {
            self.path = path
            self.text = text
            self.kind = kind
            self.scope = scope
        }

        /// Line feeds, counted on bytes (a CR LF is one line, as it is one `Character`).
        var lineCount: Int { text.utf8.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 } }
    }

    /// Writes every file (each under a temporary name, moved into place when complete), then records them.
    /// When one cannot be written, the ones already written by this call are removed and nothing is recorded.
    public static func write(_ files: [Pending], database: ClapDatabase, context: CommandContext) throws -> [Exports.Written] {
        try write(database: database, context: context) { emit in
            for file in files { try emit(file) }
        }
    }

    /// The same, for files produced one at a time: `produce` hands each to `emit`, which writes it at once, so
    /// only one rendered file is held in memory (`statement --all` writes one per professional).
    public static func write(database: ClapDatabase, context: CommandContext,
                             _ produce: (_ emit: (Pending) throws -> Void) throws -> Void) throws -> [Exports.Written] {
        var written: [Done] = []
        do {
            try produce { file in
                let sink = try FileSink(path: file.path)
                sink.write(file.text)
                do {
                    written.append(Done(path: file.path, kind: file.kind, scope: file.scope, lineCount: file.lineCount, sha256: try sink.finish()))
                } catch {
                    sink.discard()
                    throw error
                }
            }
        } catch {
            for file in written { try? FileManager.default.removeItem(atPath: file.path) }
            throw error
        }
        guard let first = written.first else { return [] }
        return try database.write(context) { db in
            let records = try written.map { file in
                Exports.Written(path: file.path, sha256: file.sha256, lineCount: file.lineCount,
                                record: try ExportStore.record(kind: file.kind, scope: file.scope, file: file.path, sha256: file.sha256,
                                                               lineCount: file.lineCount, context: context, in: db))
            }
            let kinds = Set(written.map(\.kind)).sorted().joined(separator: ", ")
            return (records, "export \(kinds) : \(written.count) fichier(s), dont \(first.path) (SHA-256 \(first.sha256.prefix(16))…)")
        }
    }

    /// A file written, waiting to be recorded.
    private struct Done {
        let path: String
        let kind: String
        let scope: String
        let lineCount: Int
        let sha256: String
    }
}

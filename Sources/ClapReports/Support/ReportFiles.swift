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

        var lineCount: Int { text.reduce(0) { $1 == "\n" || $1 == "\r\n" ? $0 + 1 : $0 } }
    }

    /// Writes every file (each under a temporary name, moved into place when complete), then records them.
    /// When one cannot be written, the ones already written by this call are removed and nothing is recorded.
    public static func write(_ files: [Pending], database: ClapDatabase, context: CommandContext) throws -> [Exports.Written] {
        var written: [(Pending, String)] = []
        do {
            for file in files {
                let sink = try FileSink(path: file.path)
                sink.write(file.text)
                do { written.append((file, try sink.finish())) } catch { sink.discard(); throw error }
            }
        } catch {
            for (file, _) in written { try? FileManager.default.removeItem(atPath: file.path) }
            throw error
        }
        guard !written.isEmpty else { return [] }
        return try database.write(context) { db in
            let records = try written.map { file, sha in
                Exports.Written(path: file.path, sha256: sha, lineCount: file.lineCount,
                                record: try ExportStore.record(kind: file.kind, scope: file.scope, file: file.path, sha256: sha,
                                                               lineCount: file.lineCount, context: context, in: db))
            }
            let kinds = Set(written.map(\.0.kind)).sorted().joined(separator: ", ")
            return (records, "export \(kinds) : \(written.count) fichier(s), dont \(written[0].0.path) (SHA-256 \(written[0].1.prefix(16))…)")
        }
    }
}

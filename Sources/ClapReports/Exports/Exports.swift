import ClapDomain
import ClapStore
import Foundation
import GRDB
import LedgerCore

/// An export refused because the ledger cannot be written in that format (a FEC rule would break).
public struct ExportRefused: Error, Sendable {
    public let message: String
}

/// Writes the auditor exports from one consistent snapshot of the ledger, streaming, then records each one.
public enum Exports {
    /// What a finished export wrote.
    public struct Written: Sendable {
        public let path: String
        public let sha256: String
        public let lineCount: Int
        public let record: ExportRecord
    }

    /// `clap export journal`: every FEC column plus `Analytique`, for the chosen entry dates.
    /// `progress` is told `(entries written, entries to write)` as the export goes, for a progress bar.
    public static func journal(_ database: ClapDatabase, from: Day?, to: Day?, path: String, context: CommandContext,
                               progress: ((Int, Int) -> Void)? = nil) throws -> Written {
        let sink = try FileSink(path: path)
        do {
            let count = try database.read { db -> Int in
                let chart = try AssociationStore.chart(in: db)
                let names = try ExportStore.thirdPartyNames(in: db)
                // Bytes straight into the file buffer; the letters come with each entry's lines, so memory does not
                // grow with the ledger.
                var writer = JournalCSVWriter(chart: chart, auxiliaryLabel: { names[$1] ?? $1 }, byteSink: sink.write(bytes:))
                var counter = ProgressCounter(progress, total: { try ExportStore.entryCount(from: from, to: to, in: db) })
                try ExportStore.forEachEntry(from: from, to: to, in: db) { entry, letters in
                    do { try writer.write(entry) { letters[$0] } } catch { throw ExportRefused(message: "\(error)") }
                    try counter.step()
                }
                writer.finish()
                return writer.lineCount
            }
            let scope = "écritures du \(from?.french ?? "début") au \(to?.french ?? "dernier jour")"
            return try finish(sink, kind: "journal", scope: scope, lines: count, database: database, context: context)
        } catch {
            sink.discard()
            throw error
        }
    }

    /// `clap export fec`: `{SIREN}FEC{AAAAMMJJ}.txt` for one fiscal year, in the folder given.
    public static func fec(_ database: ClapDatabase, year: Int, folder: String, context: CommandContext,
                           progress: ((Int, Int) -> Void)? = nil) throws -> Written {
        let association = try database.read { try AssociationStore.association(in: $0) }
        guard let name = FecFormat.fileName(siren: association.siren, fiscalYear: year) else {
            throw ExportRefused(message: "Le SIREN de l'association est invalide : impossible de nommer le FEC.")
        }
        let sink = try FileSink(path: (folder as NSString).appendingPathComponent(name))
        do {
            let count = try database.read { db -> Int in
                let chart = try AssociationStore.chart(in: db)
                let names = try ExportStore.thirdPartyNames(in: db)
                var writer = FecWriter(fiscalYear: year, chart: chart, auxiliaryLabel: { names[$1] ?? $1 }, byteSink: sink.write(bytes:))
                do {
                    var counter = ProgressCounter(progress, total: { try ExportStore.entryCount(fiscalYear: year, in: db) })
                    try ExportStore.forEachEntryInFecOrder(fiscalYear: year, in: db) { entry, letters in
                        do { try writer.write(entry) { letters[$0] } } catch { throw ExportRefused(message: "\(error)") }
                        try counter.step()
                    }
                    return try writer.finish().lines
                } catch let error as FecWriteError {
                    throw ExportRefused(message: error.description)
                }
            }
            return try finish(sink, kind: "fec", scope: "exercice \(year)", lines: count, database: database, context: context)
        } catch {
            sink.discard()
            throw error
        }
    }

    /// `clap export ledger`: an hledger or beancount journal whose balances equal the trial balance.
    public static func plainText(_ database: ClapDatabase, format: String, path: String, context: CommandContext,
                                 progress: ((Int, Int) -> Void)? = nil) throws -> Written {
        let sink = try FileSink(path: path)
        do {
            let count = try database.read { db -> Int in
                let chart = try AssociationStore.chart(in: db)
                let title = try AssociationStore.association(in: db).name
                var entries = 0
                var counter = ProgressCounter(progress, total: { try ExportStore.entryCount(from: nil, to: nil, in: db) })
                do {
                    if format == "beancount" {
                        let first = try String.fetchOne(db, sql: "SELECT MIN(entry_date) FROM entry").flatMap(Day.parse)
                        let opening = first.flatMap { Day(year: $0.year, month: 1, day: 1) } ?? Day(year: 2000, month: 1, day: 1)!
                        var writer = BeancountWriter(chart: chart, title: title, openingDate: opening, sink: sink.write)
                        try LedgerReader.forEachEntry(in: db) { entry in
                            guard entry.ref.journal != .an else { return }  // the whole history already holds what they restate
                            do { try writer.write(entry) } catch { throw ExportRefused(message: "\(error)") }
                            entries += 1
                            try counter.step()
                        }
                        writer.finish()
                    } else {
                        var writer = HledgerWriter(chart: chart, title: title, sink: sink.write)
                        try LedgerReader.forEachEntry(in: db) { entry in
                            guard entry.ref.journal != .an else { return }  // the whole history already holds what they restate
                            do { try writer.write(entry) } catch { throw ExportRefused(message: "\(error)") }
                            entries += 1
                            try counter.step()
                        }
                        writer.finish()
                    }
                }
                return entries
            }
            return try finish(sink, kind: format, scope: "tout le grand livre", lines: count, database: database, context: context)
        } catch {
            sink.discard()
            throw error
        }
    }

    static func finish(_ sink: FileSink, kind: String, scope: String, lines: Int, database: ClapDatabase, context: CommandContext) throws -> Written {
        let sha = try sink.finish()
        let record = try database.write(context) { db in
            let record = try ExportStore.record(kind: kind, scope: scope, file: sink.path, sha256: sha, lineCount: lines, context: context, in: db)
            return (record, "export \(kind) \(sink.path) (SHA-256 \(sha.prefix(16))…)")
        }
        return Written(path: sink.path, sha256: sha, lineCount: lines, record: record)
    }
}

/// Counts the entries an export has written and tells a progress reporter, asking for the total only when there is one.
struct ProgressCounter {
    private let report: ((Int, Int) -> Void)?
    private let total: () throws -> Int
    private var knownTotal: Int?
    private var done = 0

    init(_ report: ((Int, Int) -> Void)?, total: @escaping () throws -> Int) {
        self.report = report
        self.total = total
    }

    mutating func step() throws {
        guard let report else { return }
        let total = try knownTotal ?? self.total()
        knownTotal = total
        done += 1
        report(done, total)
    }
}

import ClapDomain
import ClapReports
import ClapStore
import Foundation
import LedgerCore
import XCTest
import ClapTestSupport

/// The demo year played up to its December payout (year still open), then on 15/01/2026 one paid action cancelled and one of its participants' transfers
/// rejected by the bank: a realistic ledger with every kind of movement a statement shows.
final class ReportDemo {
    let folder: URL
    let path: String
    let database: ClapDatabase
    let context = ExportLedger.context("2026-01-15")
    /// The action cancelled, and the participant whose June transfer was rejected.
    let cancelledAction: ActionRecord
    let rejected: RPPS
    let rejectedBatch = "VIR-2025-06"

    init() throws {
        folder = ScratchFolder.url("clap-reports")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("clap.sqlite").path
        _ = try DemoYear.run(databasePath: path, outputFolder: folder.appendingPathComponent("sorties").path, context: context,
                            closingTheYear: false)
        database = try ClapDatabase.open(at: path)
        let context = context
        let batch = rejectedBatch
        // A June action whose participants were all paid by the June batch.
        let (action, batchRecord) = try database.read { db in
            (try ActionStore.list(team: nil, status: "validee", in: db).filter { $0.date.month == 6 && $0.participants.count >= 2 },
             try PayoutStore.batch(id: batch, in: db))
        }
        let paid = Set(batchRecord.transfers.map(\.rpps.rawValue))
        guard let chosen = action.first(where: { $0.participants.allSatisfy { paid.contains(String($0.prefix(11))) } }) else {
            throw ReportDemoError(message: "the demo has no June action paid by the June batch")
        }
        cancelledAction = chosen
        rejected = RPPS(unchecked: String(chosen.participants[0].prefix(11)))
        let rpps = rejected
        try database.write(context) { db in
            _ = try ActionStore.cancel(actionID: chosen.id, reason: "Doublon déclaré par l'équipe", context: context, in: db)
            _ = try PayoutStore.reject(batchID: batch, rpps: rpps, reason: "Compte clos", context: context, in: db)
            return ((), "test : annulation et rejet")
        }
    }

    deinit {
        try? database.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Every posted entry, in chain order: the independent reading the reports are checked against.
    func entries() throws -> [PostedEntry] {
        try database.read { db in
            var entries: [PostedEntry] = []
            try LedgerReader.forEachEntry(in: db) { entries.append($0) }
            return entries
        }
    }
}

struct ReportDemoError: Error {
    let message: String
}

/// The cells of a `;`-separated CSV document (quotes handled), BOM dropped.
func csvCells(_ text: String) -> [[String]] {
    var text = text
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false
    var characters = text.makeIterator()
    var pending: Character?
    while let character = pending ?? characters.next() {
        pending = nil
        if quoted {
            if character == "\"" {
                let next = characters.next()
                if next == "\"" { cell.append("\"") } else { quoted = false; pending = next }
            } else { cell.append(character) }
        } else if character == "\"" {
            quoted = true
        } else if character == ";" {
            row.append(cell); cell = ""
        } else if character == "\r\n" || character == "\n" {
            row.append(cell); rows.append(row); row = []; cell = ""
        } else {
            cell.append(character)
        }
    }
    if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
    return rows
}

/// Whether a spreadsheet would run the cell as a formula.
func isLiveFormula(_ cell: String) -> Bool {
    guard let first = cell.first, "=+-@".contains(first) else { return false }
    let body = cell.dropFirst()
    return !(first == "-" && !body.isEmpty && body.allSatisfy { $0.isNumber || $0 == "," || $0 == "." })
}

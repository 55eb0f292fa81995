import ClapDomain
import ClapReports
@testable import ClapStore
import Foundation
import GRDB
import LedgerCore
import XCTest

/// The exports read the ledger through three merged statements, by column position (issue 8). They must give the
/// very entries and letters the ledger holds, in FEC order or chain order, write the files the `String` writers
/// wrote, sort nothing in SQLite, and stop on a damaged entry with the refusal `verify`'s reading gives.
final class ExportStreamTests: XCTestCase {
    /// On the demo year (with its payouts, so lettered lines, a cancelled action and a rejected transfer in 2026).
    func testTheStreamsGiveTheLedgersEntriesAndLettersAndSQLiteSortsNothing() throws {
        let demo = try ReportDemo()
        try checkFecOrder(demo)
        try checkChainOrder(demo)
        try checkPlans(demo)
    }

    private func checkFecOrder(_ demo: ReportDemo) throws {
        let all = try demo.entries()
        let letters = try Self.letters(demo.database)
        XCTAssertGreaterThan(letters.count, 500, "the demo payouts lettered lines")
        for year in [2025, 2026] {
            var streamed: [PostedEntry] = []
            var streamedLetters = 0
            try demo.database.read { db in
                try ExportStore.forEachEntryInFecOrder(fiscalYear: year, in: db) { entry, entryLetters in
                    streamed.append(entry)
                    for lineNo in 0...(entry.draft.lines.count + 1) {
                        let expected = letters[Key(seq: entry.sequence, lineNo: lineNo)]
                        let found = entryLetters[lineNo]
                        XCTAssertEqual(found?.letter, expected?.letter, "\(entry.ref) line \(lineNo)")
                        XCTAssertEqual(found?.date, expected?.date, "\(entry.ref) line \(lineNo)")
                        if found != nil { streamedLetters += 1 }
                    }
                }
            }
            let expected = FecEntryOrder.sorted(all.filter { $0.ref.fiscalYear == year })
            XCTAssertFalse(expected.isEmpty)
            XCTAssertEqual(streamed, expected, "FEC \(year)")
            let sequences = Set(expected.map(\.sequence))
            XCTAssertEqual(streamedLetters, letters.keys.filter { sequences.contains($0.seq) }.count)
        }
        XCTAssertTrue(all.contains { $0.draft.reverses != nil }, "a cancellation reverses an entry: that column is read too")
    }

    private func checkChainOrder(_ demo: ReportDemo) throws {
        let all = try demo.entries()
        let letters = try Self.letters(demo.database)
        let bounds: [(Day?, Day?)] = [(nil, nil), (exportDay("2025-03-15"), exportDay("2025-04-20")), (exportDay("2025-12-01"), nil),
                                      (nil, exportDay("2025-01-31")), (exportDay("2030-01-01"), nil), (exportDay("2025-06-01"), exportDay("2025-05-01"))]
        for (from, to) in bounds {
            var streamed: [PostedEntry] = []
            try demo.database.read { db in
                try ExportStore.forEachEntry(from: from, to: to, in: db) { entry, entryLetters in
                    streamed.append(entry)
                    for lineNo in 1...entry.draft.lines.count {
                        XCTAssertEqual(entryLetters[lineNo]?.letter, letters[Key(seq: entry.sequence, lineNo: lineNo)]?.letter)
                    }
                }
            }
            let expected = all.filter { entry in
                from.map { entry.draft.entryDate >= $0 } ?? true && to.map { entry.draft.entryDate <= $0 } ?? true
            }
            XCTAssertEqual(streamed, expected, "\(String(describing: from)) – \(String(describing: to))")
        }
    }

    func testTheExportedFilesAreTheBytesTheStringWritersWrite() throws {
        let demo = try ReportDemo()
        let entries = try demo.entries()
        let letters = try Self.letters(demo.database)
        let lettering: FecWriter.Lettering = { ref, lineNo in
            guard let entry = entries.first(where: { $0.ref == ref }) else { return nil }
            return letters[Key(seq: entry.sequence, lineNo: lineNo)].map { ($0.letter, $0.date) }
        }
        let (chart, names) = try demo.database.read { (try AssociationStore.chart(in: $0), try ExportStore.thirdPartyNames(in: $0)) }
        let label: FecWriter.AuxiliaryLabel = { names[$1] ?? $1 }
        let folder = demo.folder.appendingPathComponent("flux-\(UUID().uuidString)").path

        let fec = try Exports.fec(demo.database, year: 2025, folder: folder, context: demo.context)
        var expected = FecFormat.columns.joined(separator: FecFormat.separator) + FecFormat.lineEnding
        for entry in FecEntryOrder.sorted(entries.filter { $0.ref.fiscalYear == 2025 }) {
            let made = try ReferenceFecEntryLines.make(entry, accounts: FecBytesTests.accounts(chart),
                                                       journalLabel: FecJournalLabels.standard[entry.ref.journal],
                                                       auxiliaryLabel: label, lettering: lettering)
            for line in made.text { expected += line + FecFormat.lineEnding }
        }
        let fecBytes = try Data(contentsOf: URL(fileURLWithPath: fec.path))
        XCTAssertEqual(fecBytes, Data(expected.utf8))
        XCTAssertTrue(expected.contains("\tVIR-2025-06\t"), "the payouts are in the file")
        XCTAssertEqual(CanonicalHash.sha256Hex(fecBytes), fec.sha256)

        let journal = try Exports.journal(demo.database, from: nil, to: nil, path: folder + "/journal.csv", context: demo.context)
        let csv = CSVWriter(separator: ";", includesBOM: true)
        var expectedCSV = CSVWriter.byteOrderMark + csv.line(JournalCSVWriter.header)
        for entry in entries {
            let made = try ReferenceFecEntryLines.make(entry, accounts: FecBytesTests.accounts(chart),
                                                       journalLabel: FecJournalLabels.standard[entry.ref.journal],
                                                       auxiliaryLabel: label, lettering: lettering)
            for (zones, analytic) in zip(made.zones, made.analytics) { expectedCSV += csv.line(zones + [analytic]) }
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: journal.path)), Data(expectedCSV.utf8))
        XCTAssertEqual(journal.lineCount, entries.reduce(0) { $0 + $1.draft.lines.count })
    }

    private func checkPlans(_ demo: ReportDemo) throws {
        try demo.database.read { db in
            let fec = ExportEntryStream.sql(.fec(fiscalYear: 2025))
            let chain = ExportEntryStream.sql(.chain(first: 1, last: 100, from: "2025-01-01", to: "2025-12-31"))
            for (name, sql, arguments) in [("FEC entries", fec.entries, [2025]), ("FEC lines", fec.lines, [2025]),
                                           ("FEC letters", fec.letters, [2025])] as [(String, String, StatementArguments)] {
                let plan = try Self.plan(sql, arguments, in: db)
                XCTAssertFalse(plan.contains("TEMP B-TREE"), "\(name): \(plan)")
                XCTAssertTrue(plan.contains("entry_fec_order"), "\(name): \(plan)")
            }
            for (name, sql, arguments) in [("chain entries", chain.entries, [1, 100, "2025-01-01", "2025-12-31"]),
                                           ("chain lines", chain.lines, [1, 100]), ("chain letters", chain.letters, [1, 100])]
                as [(String, String, StatementArguments)] {
                let plan = try Self.plan(sql, arguments, in: db)
                XCTAssertFalse(plan.contains("TEMP B-TREE"), "\(name): \(plan)")
                XCTAssertFalse(plan.contains("SCAN"), "\(name) reads a range, not the whole table: \(plan)")
            }
        }
    }

    func testADamagedEntryStopsTheExportsWithTheRefusalVerifysReadingGives() throws {
        let damages = [
            "UPDATE entry SET entry_date = '2025-02-31' WHERE journal = 'IND' AND number = 2",
            "UPDATE posting SET debit_cents = 'abc' WHERE entry_seq = (SELECT seq FROM entry WHERE journal = 'IND' AND number = 2) AND line_no = 1",
            "UPDATE posting SET auxiliary = X'3132' WHERE entry_seq = (SELECT seq FROM entry WHERE journal = 'IND' AND number = 2) AND line_no = 2",
            "UPDATE entry SET label = X'41', hash = 12.5 WHERE journal = 'IND' AND number = 2",
            "UPDATE entry SET reverses_journal = 'IND' WHERE journal = 'IND' AND number = 2",
        ]
        for damage in damages {
            let ledger = try ExportLedger.twoYears()
            try Self.tamper(ledger, damage)
            let seq = try ledger.database.read { db in
                try XCTUnwrap(Int64.fetchOne(db, sql: "SELECT seq FROM entry WHERE journal = 'IND' AND number = 2"))
            }
            let refusal = try Self.refusal { _ = try ledger.database.read { try LedgerReader.entry(seq: seq, in: $0) } }
            XCTAssertEqual(refusal.code, "entry.unreadable", damage)
            let folder = ledger.folder.appendingPathComponent("exports").path
            XCTAssertEqual(try Self.refusal { _ = try Exports.fec(ledger.database, year: 2025, folder: folder, context: ExportLedger.context("2026-02-01")) },
                           refusal, damage)
            XCTAssertEqual(try Self.refusal {
                _ = try Exports.journal(ledger.database, from: nil, to: nil, path: folder + "/journal.csv", context: ExportLedger.context("2026-02-01"))
            }, refusal, damage)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), [], "no file left behind")
            // The other year does not hold the damaged entry: its FEC is written.
            XCTAssertNoThrow(try Exports.fec(ledger.database, year: 2026, folder: folder, context: ExportLedger.context("2026-02-01")))
        }
    }

    func testALetterThatDoesNotReadIsLeftOutAsBeforeAndALetterOfNoLineIsIgnored() throws {
        let ledger = try ExportLedger.twoYears()
        try Self.tamper(ledger, """
            INSERT INTO lettering (entry_seq, line_no, letter, lettered_on) SELECT seq, 2, 'A', '2025-04-01' FROM entry WHERE journal = 'IND' AND number = 1;
            INSERT INTO lettering (entry_seq, line_no, letter, lettered_on) SELECT seq, 4, 'B', 'pas une date' FROM entry WHERE journal = 'IND' AND number = 1;
            INSERT INTO lettering (entry_seq, line_no, letter, lettered_on) SELECT seq, 9, 'C', '2025-04-01' FROM entry WHERE journal = 'IND' AND number = 1;
            INSERT INTO lettering (entry_seq, line_no, letter, lettered_on) SELECT seq, 1, 'D', '01/04/2025' FROM entry WHERE journal = 'BQ' AND number = 2;
            """)
        var seen: [String: [Int: String]] = [:]
        try ledger.database.read { db in
            try ExportStore.forEachEntryInFecOrder(fiscalYear: 2025, in: db) { entry, letters in
                seen[entry.ref.description] = Dictionary(uniqueKeysWithValues: (0...12).compactMap { n in letters[n].map { (n, $0.letter) } })
            }
        }
        XCTAssertEqual(seen["IND 2025 n° 1"], [2: "A"], "line 4's date does not read; line 9 is no line of the entry")
        XCTAssertEqual(seen["BQ 2025 n° 2"], [1: "D"], "a date Day.parse reads in the French form counts, as before")
        let fec = try Exports.fec(ledger.database, year: 2025, folder: ledger.folder.appendingPathComponent("x").path,
                                  context: ExportLedger.context("2026-02-01"))
        let text = try String(contentsOfFile: fec.path, encoding: .utf8)
        XCTAssertTrue(text.contains("\tA\t20250401\t"), text)
        XCTAssertTrue(text.contains("\tD\t20250401\t"), text)
        XCTAssertFalse(text.contains("\tB\t"), text)
        XCTAssertFalse(text.contains("\tC\t"), text)
    }

    /// Text that GRDB does not read back byte for byte (a NUL byte, invalid UTF-8), in an entry's columns and a line's:
    /// the stream, which reads them from SQLite's C API, gives the entries `verify`'s reading gives, in both orders.
    func testTextWithANulByteOrInvalidUTF8ReadsAsVerifysReadingReadsIt() throws {
        let ledger = try ExportLedger.twoYears()
        let entry = "(SELECT seq FROM entry WHERE journal = 'IND' AND number = 1)"
        try Self.tamper(ledger, """
            UPDATE entry SET label = CAST(X'4C6162656C00636163686564' AS TEXT), piece_ref = CAST(X'5049C3' AS TEXT),
                idempotency_key = CAST(X'6B65FF79' AS TEXT) WHERE seq = \(entry);
            UPDATE posting SET analytic = CAST(X'543034342D0031' AS TEXT) WHERE entry_seq = \(entry) AND line_no = 1;
            UPDATE posting SET auxiliary = CAST(X'3130FE3030' AS TEXT) WHERE entry_seq = \(entry) AND line_no = 2;
            """)
        try ledger.database.read { db in
            let seq = try XCTUnwrap(Int64.fetchOne(db, sql: "SELECT \(entry)"))
            let expected = try LedgerReader.entry(seq: seq, in: db)
            XCTAssertEqual(expected.draft.label, "Label", "GRDB stops at the NUL byte")
            XCTAssertEqual(expected.draft.pieceRef, "PI\u{FFFD}", "GRDB repairs the UTF-8")
            var streamed: [PostedEntry] = []
            try ExportStore.forEachEntryInFecOrder(fiscalYear: 2025, in: db) { entry, _ in
                if entry.sequence == seq { streamed.append(entry) }
            }
            try ExportStore.forEachEntry(from: nil, to: nil, in: db) { (entry: PostedEntry, _: ExportStore.EntryLetters) in
                if entry.sequence == seq { streamed.append(entry) }
            }
            XCTAssertEqual(streamed, [expected, expected])
        }
    }

    // MARK: - Helpers

    struct Key: Hashable {
        let seq: Int64
        let lineNo: Int
    }

    /// Every letter of the ledger, read straight from its table.
    static func letters(_ database: ClapDatabase) throws -> [Key: (letter: String, date: Day)] {
        try database.read { db in
            var letters: [Key: (letter: String, date: Day)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT entry_seq, line_no, letter, lettered_on FROM lettering") {
                letters[Key(seq: row[0], lineNo: row[1])] = (row[2], try XCTUnwrap(Day.parse(row[3])))
            }
            return letters
        }
    }

    static func plan(_ sql: String, _ arguments: StatementArguments, in db: Database) throws -> String {
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }.joined(separator: " | ")
    }

    /// The store's refusal a block ends with.
    static func refusal(_ block: () throws -> Void) throws -> StoreError {
        do {
            try block()
        } catch let error as StoreError {
            return error
        }
        throw NoRefusal()
    }

    struct NoRefusal: Error {}

    /// Changes the file behind clap's back (guards dropped, then put back), as `sqlite3` would.
    static func tamper(_ ledger: ExportLedger, _ sql: String) throws {
        let queue = try DatabaseQueue(path: ledger.folder.appendingPathComponent("clap.sqlite").path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON;")
            let triggers = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger["name"] as String)") }
            try db.execute(sql: sql)
            for trigger in triggers { try db.execute(sql: trigger["sql"] as String) }
        }
        try queue.close()
    }
}

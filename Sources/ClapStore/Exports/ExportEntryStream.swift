import GRDB
import LedgerCore

extension ExportStore {
    /// The letters of one entry's lines (`EcritureLet`, `DateLet`), by line number (1-based).
    ///
    /// Held in an array by line number, since the lines of an entry are numbered 1, 2, 3 …; a number outside that
    /// range (a damaged row) goes to a dictionary, so any stored number is still found.
    public struct EntryLetters: Sendable {
        public typealias Letter = (letter: String, date: Day)

        private struct Stored: Sendable {
            let letter: String
            let date: Day
        }

        /// By line number (index 0 for line 1); nil for a line without a letter.
        private var byLine: [Stored?] = []
        private var others: [Int: Stored] = [:]

        public init() {}

        /// The letter of the line numbered `lineNo`, if it is lettered.
        public subscript(lineNo: Int) -> Letter? {
            if lineNo >= 1 && lineNo <= byLine.count, let stored = byLine[lineNo - 1] { return (stored.letter, stored.date) }
            guard !others.isEmpty, let stored = others[lineNo] else { return nil }
            return (stored.letter, stored.date)
        }

        /// Records the letter of a line; a later letter for the same number replaces an earlier one.
        mutating func set(_ letter: Letter, forLine lineNo: Int) {
            let stored = Stored(letter: letter.letter, date: letter.date)
            // The array grows by at most a few thousand slots at a time: a wild number does not make it huge.
            if lineNo >= 1 && lineNo <= byLine.count + 4_096 {
                if lineNo > byLine.count { byLine.append(contentsOf: repeatElement(nil, count: lineNo - byLine.count)) }
                byLine[lineNo - 1] = stored
                if !others.isEmpty { others[lineNo] = nil }
            } else {
                others[lineNo] = stored
            }
        }

        mutating func removeAll() {
            byLine.removeAll(keepingCapacity: true)
            if !others.isEmpty { others.removeAll() }
        }
    }
}

/// Reads the entries of an export from three statements that list, in the same entry order, the entries, their lines
/// and their lines' letters, merged as they come: each row is read once, by column position, and nothing is sorted or
/// held beyond the entry being read.
///
/// Every value is checked as `LedgerReader.decode` checks it. On an entry some value of which is not what clap
/// writes, the entry is read again through `LedgerReader.decode`, which names the damage (`entry.unreadable`): the
/// export stops with the same refusal as before, and never on a wrong type.
struct ExportEntryStream {
    /// The order the entries come in, with what selects them.
    enum Order {
        /// One fiscal year in FEC order: AN first, then validation date, then chain order (index `entry_fec_order`).
        case fec(fiscalYear: Int)
        /// Chain order, entries between two chain positions whose entry date is within the bounds (`AAAA-MM-JJ`).
        case chain(first: Int64, last: Int64, from: String, to: String)
    }

    static let entryColumns = """
        e.seq, e.journal, e.fiscal_year, e.number, e.entry_date, e.piece_date, e.valid_date, e.piece_ref, e.label,
        e.idempotency_key, e.prev_hash, e.hash, e.reverses_journal, e.reverses_year, e.reverses_number
        """
    static let lineColumns = "p.entry_seq, p.line_no, p.account, p.auxiliary, p.analytic, p.debit_cents, p.credit_cents"
    static let letterColumns = "l.entry_seq, l.line_no, l.letter, l.lettered_on"

    /// The three statements' SQL: entries, lines, letters.
    static func sql(_ order: Order) -> (entries: String, lines: String, letters: String) {
        switch order {
        case .fec:
            let year = "WHERE e.fiscal_year = ? ORDER BY (e.journal = 'AN') DESC, e.valid_date, e.seq"
            return ("SELECT \(entryColumns) FROM entry e \(year)",
                    "SELECT \(lineColumns) FROM entry e JOIN posting p ON p.entry_seq = e.seq \(year), p.line_no",
                    "SELECT \(letterColumns) FROM entry e JOIN lettering l ON l.entry_seq = e.seq \(year), l.line_no")
        case .chain:
            // NOT INDEXED: the date index would make SQLite sort the range; the chain order is the table's own.
            return ("""
                    SELECT \(entryColumns) FROM entry e NOT INDEXED
                    WHERE e.seq BETWEEN ? AND ? AND e.entry_date >= ? AND e.entry_date <= ? ORDER BY e.seq
                    """,
                    "SELECT \(lineColumns) FROM posting p WHERE p.entry_seq BETWEEN ? AND ? ORDER BY p.entry_seq, p.line_no",
                    "SELECT \(letterColumns) FROM lettering l WHERE l.entry_seq BETWEEN ? AND ? ORDER BY l.entry_seq, l.line_no")
        }
    }

    private enum Column {
        static let journal: Int32 = 1, fiscalYear: Int32 = 2, number: Int32 = 3
        static let entryDate: Int32 = 4, pieceDate: Int32 = 5, validDate: Int32 = 6, pieceRef: Int32 = 7, label: Int32 = 8
        static let key: Int32 = 9, previousHash: Int32 = 10, hash: Int32 = 11
        static let reversesJournal: Int32 = 12, reversesYear: Int32 = 13, reversesNumber: Int32 = 14
        // Lines and letters: 0 is the entry's seq, 1 the line number.
        static let account: Int32 = 2, auxiliary: Int32 = 3, analytic: Int32 = 4, debit: Int32 = 5, credit: Int32 = 6
        static let letter: Int32 = 2, letteredOn: Int32 = 3
    }

    /// A statement stepped one row ahead: `seq` is the entry of the row it stands on, nil past the last row.
    private struct Ahead {
        let rows: RawRows
        var seq: Int64?

        init(_ db: Database, sql: String, arguments: StatementArguments) throws {
            rows = try RawRows(db, sql, arguments: arguments)
            try advance()
        }

        mutating func advance() throws {
            seq = try rows.next() ? Int64(sqliteStatement: rows.statement, index: 0) : nil
        }

        /// Steps past the rows of entries before `seq` (chain order only: there the entries come by increasing seq).
        mutating func skip(before seq: Int64) throws {
            while let current = self.seq, current < seq { try advance() }
        }
    }

    /// Steps the statements and visits each entry with its lines and letters, in the order asked for.
    static func run(_ order: Order, in db: Database, _ visit: (PostedEntry, ExportStore.EntryLetters) throws -> Void) throws {
        let (entrySQL, lineSQL, letterSQL) = sql(order)
        let entryArguments: StatementArguments, spanArguments: StatementArguments
        let ascending: Bool
        switch order {
        case .fec(let year):
            entryArguments = [year]
            spanArguments = [year]
            ascending = false
        case .chain(let first, let last, let from, let to):
            entryArguments = [first, last, from, to]
            spanArguments = [first, last]
            ascending = true
        }
        let entries = try RawRows(db, entrySQL, arguments: entryArguments)
        var lines = try Ahead(db, sql: lineSQL, arguments: spanArguments)
        var letters = try Ahead(db, sql: letterSQL, arguments: spanArguments)

        var postingLines: [PostingLine] = []
        var lineNumbers: [Int] = []
        var found: [(lineNo: Int, letter: ExportStore.EntryLetters.Letter)] = []
        var entryLetters = ExportStore.EntryLetters()
        while try entries.next() {
            let seq = Int64(sqliteStatement: entries.statement, index: 0)
            var head = readHead(entries)
            postingLines.removeAll(keepingCapacity: true)
            lineNumbers.removeAll(keepingCapacity: true)
            if ascending { try lines.skip(before: seq) }
            while lines.seq == seq {
                lineNumbers.append(Int(Int64(sqliteStatement: lines.rows.statement, index: 1)))
                if head != nil {
                    if let line = readLine(lines.rows) { postingLines.append(line) } else { head = nil }
                }
                try lines.advance()
            }
            found.removeAll(keepingCapacity: true)
            if ascending { try letters.skip(before: seq) }
            while letters.seq == seq {
                if let letter = readLetter(letters.rows.statement) { found.append(letter) }
                try letters.advance()
            }
            // A letter counts for a line the entry has (the lettering table was joined to the lines).
            entryLetters.removeAll()
            if !found.isEmpty {
                let numberedInOrder = lineNumbers.enumerated().allSatisfy { $0.offset + 1 == $0.element }
                let present: Set<Int> = numberedInOrder ? [] : Set(lineNumbers)
                for (lineNo, letter) in found
                where numberedInOrder ? (lineNo >= 1 && lineNo <= lineNumbers.count) : present.contains(lineNo) {
                    entryLetters.set(letter, forLine: lineNo)
                }
            }
            if let head {
                let journal = JournalCode(head.journal)
                let draft = EntryDraft(journal: journal, entryDate: head.entryDate, pieceDate: head.pieceDate,
                                       pieceRef: head.pieceRef, label: head.label, lines: postingLines, idempotencyKey: head.key,
                                       reverses: head.reverses)
                let ref = EntryRef(journal: journal, fiscalYear: head.fiscalYear, number: head.number)
                try visit(PostedEntry(sequence: seq, ref: ref, validDate: head.validDate, draft: draft,
                                      previousHash: head.previousHash, hash: head.hash), entryLetters)
            } else {
                // Some value is not what clap writes: read the entry as `verify` does, which names what is wrong.
                try visit(try slowEntry(seq: seq, in: db), entryLetters)
            }
        }
    }

    /// An entry's own columns.
    private struct Head {
        let journal: String, fiscalYear: Int, number: Int
        let entryDate: Day, pieceDate: Day, validDate: Day
        let pieceRef: String, label: String, key: String?
        let previousHash: String, hash: String
        let reverses: EntryRef?
    }

    /// The entry's columns when each is what `LedgerReader.decode` accepts; nil otherwise. Each value's storage class
    /// is checked, and text becomes the `String` GRDB would make of it (`StoredText.string`).
    private static func readHead(_ row: RawRows) -> Head? {
        func text(_ column: Int32) -> String? { row.text(column).map(StoredText.string) }
        func integer(_ column: Int32) -> Int? { row.integer(column).flatMap { Int(exactly: $0) } }
        // `Day.parseStored` accepts exactly the texts `Day.parse` reads back to their own `iso`: the check `decode` makes.
        func day(_ column: Int32) -> Day? { row.text(column).flatMap(Day.parseStored) }
        guard row.integer(0) != nil,
              let journal = text(Column.journal),
              let fiscalYear = integer(Column.fiscalYear), let number = integer(Column.number),
              let entryDate = day(Column.entryDate), let pieceDate = day(Column.pieceDate), let validDate = day(Column.validDate),
              let pieceRef = text(Column.pieceRef), let label = text(Column.label),
              let previousHash = text(Column.previousHash), let hash = text(Column.hash) else { return nil }
        var key: String?
        if !row.isNull(Column.key) {
            guard let text = text(Column.key) else { return nil }
            key = text
        }
        var reverses: EntryRef?
        if !(row.isNull(Column.reversesJournal) && row.isNull(Column.reversesYear) && row.isNull(Column.reversesNumber)) {
            guard let journal = text(Column.reversesJournal), let year = integer(Column.reversesYear),
                  let number = integer(Column.reversesNumber) else { return nil }
            reverses = EntryRef(journal: JournalCode(journal), fiscalYear: year, number: number)
        }
        return Head(journal: journal, fiscalYear: fiscalYear, number: number, entryDate: entryDate,
                    pieceDate: pieceDate, validDate: validDate, pieceRef: pieceRef, label: label, key: key,
                    previousHash: previousHash, hash: hash, reverses: reverses)
    }

    /// The row's line as `LedgerReader.line(from:)` reads it; nil when a value is not what clap writes.
    ///
    /// Its texts are made afresh for each line: they are short, so Swift holds them without allocating, and that is
    /// cheaper than finding them in a table of the year's thousands of codes, which misses the processor's caches.
    private static func readLine(_ row: RawRows) -> PostingLine? {
        guard let account = row.text(Column.account).map(StoredText.string),
              let debit = row.integer(Column.debit), let credit = row.integer(Column.credit) else { return nil }
        var auxiliary: String?, analytic: String?
        if !row.isNull(Column.auxiliary) {
            guard let bytes = row.text(Column.auxiliary) else { return nil }
            auxiliary = StoredText.string(bytes)
        }
        if !row.isNull(Column.analytic) {
            guard let bytes = row.text(Column.analytic) else { return nil }
            analytic = StoredText.string(bytes)
        }
        return PostingLine(account: account, auxiliary: auxiliary, analytic: analytic,
                           side: debit > 0 ? .debit : .credit, amount: Cents(debit > 0 ? debit : credit))
    }

    /// The row's letter, read as the exports always read it: text of any stored type, a date `Day.parse` accepts.
    private static func readLetter(_ raw: SQLiteStatement) -> (lineNo: Int, letter: ExportStore.EntryLetters.Letter)? {
        guard let letter = textIfPresent(raw, Column.letter), let date = textIfPresent(raw, Column.letteredOn).flatMap(Day.parse)
        else { return nil }
        return (Int(Int64(sqliteStatement: raw, index: 1)), (letter, date))
    }

    private static func textIfPresent(_ raw: SQLiteStatement, _ index: Int32) -> String? {
        switch DatabaseValue(sqliteStatement: raw, index: index).storage {
        case .null: nil
        case .string(let text): text
        default: String(sqliteStatement: raw, index: index)
        }
    }

    /// The entry read back through `LedgerReader.decode` (the reading `verify` uses), with its lines in order.
    private static func slowEntry(seq: Int64, in db: Database) throws -> PostedEntry {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM entry WHERE seq = ?", arguments: [seq]) else {
            throw StoreError.notFound(what: "L'écriture n° \(seq)")
        }
        let lines = try Row.fetchAll(db, sql: "SELECT * FROM posting WHERE entry_seq = ? ORDER BY line_no", arguments: [seq])
        return try LedgerReader.decode(row, lines: lines).entryOrRefusal()
    }
}

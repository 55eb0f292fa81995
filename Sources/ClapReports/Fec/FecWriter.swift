import ClapDomain
import LedgerCore

/// Writes the FEC of one fiscal year line by line to a sink, refusing any entry that would make the file wrong.
///
/// Feed it the entries of the fiscal year (`fiscal_year` = the year of `EcritureDate`) in `FecEntryOrder`:
/// the AN entries first, then the others by `ValidDate`, then chain order. It checks that order, the
/// numbering of each journal (1, 2, 3 … in the order given), the balance of every entry and the chart,
/// and throws instead of writing a bad line. An entry is checked whole before any of its lines reaches the
/// sink, so a refusal never leaves half an entry behind; the caller still discards the partial file.
///
/// Lines end with `FecFormat.lineEnding` (CR LF); the text is Swift `String`s, to be written as UTF-8 without BOM.
public struct FecWriter {
    /// The label of a third party (`CompAuxLib`) for an account and auxiliary code: a professional's or a team's name.
    public typealias AuxiliaryLabel = (_ account: String, _ auxiliary: String) -> String
    /// The lettering of a posting line (`EcritureLet`, `DateLet`), by entry and line number (1-based), if it is lettered.
    public typealias Lettering = (_ entry: EntryRef, _ lineNo: Int) -> (letter: String, date: Day)?

    /// What a finished file holds.
    public struct Summary: Hashable, Sendable {
        public var entries = 0
        public var lines = 0
        public var totalDebit = Cents.zero
        public var totalCredit = Cents.zero
    }

    public let fiscalYear: Int
    private let accounts: [String: ChartAccount]
    private let journalLabels: [JournalCode: String]
    private let auxiliaryLabel: AuxiliaryLabel
    private let lettering: Lettering
    private let sink: (String) -> Void

    private var headerWritten = false
    private var finished = false
    private var last: (order: FecEntryOrder, ref: EntryRef)?
    private var lastNumber: [JournalCode: Int] = [:]
    private var summary = Summary()

    public init(fiscalYear: Int, chart: Chart, journalLabels: [JournalCode: String] = FecJournalLabels.standard,
                auxiliaryLabel: @escaping AuxiliaryLabel,
                lettering: @escaping Lettering = { _, _ in nil },
                sink: @escaping (String) -> Void) {
        self.fiscalYear = fiscalYear
        self.accounts = Dictionary(chart.accounts.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        self.journalLabels = journalLabels
        self.auxiliaryLabel = auxiliaryLabel
        self.lettering = lettering
        self.sink = sink
    }

    /// Checks one entry against everything written before it, then writes its lines.
    public mutating func write(_ entry: PostedEntry) throws(FecWriteError) {
        guard !finished else { throw .alreadyFinished }
        try checkPlace(of: entry)
        let lines = try FecEntryLines.make(entry, accounts: accounts, journalLabel: journalLabels[entry.ref.journal],
                                           auxiliaryLabel: auxiliaryLabel, lettering: lettering)
        writeHeaderIfNeeded()
        for line in lines.text { sink(line + FecFormat.lineEnding) }
        last = (FecEntryOrder(entry), entry.ref)
        lastNumber[entry.ref.journal] = entry.ref.number
        summary.entries += 1
        summary.lines += lines.text.count
        summary.totalDebit += lines.debit
        summary.totalCredit += lines.credit
    }

    /// Writes the header if no entry came (an empty year still has its header) and returns what was written.
    public mutating func finish() throws(FecWriteError) -> Summary {
        guard !finished else { throw .alreadyFinished }
        writeHeaderIfNeeded()
        finished = true
        return summary
    }

    /// Writes a whole fiscal year given as a sequence already in `FecEntryOrder`.
    public static func write<S: Sequence>(_ entries: S, fiscalYear: Int, chart: Chart,
                                          journalLabels: [JournalCode: String] = FecJournalLabels.standard,
                                          auxiliaryLabel: @escaping AuxiliaryLabel,
                                          lettering: @escaping Lettering = { _, _ in nil },
                                          sink: @escaping (String) -> Void) throws(FecWriteError) -> Summary
    where S.Element == PostedEntry {
        var writer = FecWriter(fiscalYear: fiscalYear, chart: chart, journalLabels: journalLabels,
                               auxiliaryLabel: auxiliaryLabel, lettering: lettering, sink: sink)
        for entry in entries { try writer.write(entry) }
        return try writer.finish()
    }

    private func checkPlace(of entry: PostedEntry) throws(FecWriteError) {
        guard entry.ref.fiscalYear == fiscalYear, entry.draft.entryDate.year == fiscalYear else {
            throw .wrongFiscalYear(entry.ref, expected: fiscalYear)
        }
        if let last, !(last.order < FecEntryOrder(entry)) { throw .outOfOrder(entry.ref, after: last.ref) }
        let expected = (lastNumber[entry.ref.journal] ?? 0) + 1
        guard entry.ref.number == expected else { throw .numberingBroken(entry.ref, expectedNumber: expected) }
    }

    private mutating func writeHeaderIfNeeded() {
        guard !headerWritten else { return }
        sink(FecFormat.columns.joined(separator: FecFormat.separator) + FecFormat.lineEnding)
        headerWritten = true
    }
}

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
/// Lines end with `FecFormat.lineEnding` (CR LF); the text is UTF-8 without BOM, handed over as `String` lines or
/// as bytes (`byteSink`, what the export uses: nothing is built as a `String`).
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
    private let lettering: Lettering
    private let output: FecOutput
    private var encoder: FecLineEncoder

    private var headerWritten = false
    private var finished = false
    private var last: (order: FecEntryOrder, ref: EntryRef)?
    private var lastNumber: [JournalCode: Int] = [:]
    private var summary = Summary()
    /// The entry being written, whole lines only once it is checked; kept from one entry to the next.
    private var buffer: [UInt8] = []
    private var lineEnds: [Int] = []

    /// A writer that hands each line, CR LF included, to `sink` as a `String`.
    public init(fiscalYear: Int, chart: Chart, journalLabels: [JournalCode: String] = FecJournalLabels.standard,
                auxiliaryLabel: @escaping AuxiliaryLabel,
                lettering: @escaping Lettering = { _, _ in nil },
                sink: @escaping (String) -> Void) {
        self.init(fiscalYear: fiscalYear, chart: chart, journalLabels: journalLabels, auxiliaryLabel: auxiliaryLabel,
                  lettering: lettering, output: .lines(sink))
    }

    /// A writer that hands its UTF-8 bytes to `sink`: the header, then each entry's lines in one piece. The bytes are
    /// those the `String` sink receives, without the work of making `String`s; `sink` must copy what it keeps.
    public init(fiscalYear: Int, chart: Chart, journalLabels: [JournalCode: String] = FecJournalLabels.standard,
                auxiliaryLabel: @escaping AuxiliaryLabel,
                byteSink sink: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        self.init(fiscalYear: fiscalYear, chart: chart, journalLabels: journalLabels, auxiliaryLabel: auxiliaryLabel,
                  lettering: { _, _ in nil }, output: .bytes(sink))
    }

    private init(fiscalYear: Int, chart: Chart, journalLabels: [JournalCode: String], auxiliaryLabel: @escaping AuxiliaryLabel,
                 lettering: @escaping Lettering, output: FecOutput) {
        self.fiscalYear = fiscalYear
        let accounts = Dictionary(chart.accounts.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        self.encoder = FecLineEncoder(accounts: accounts, journalLabels: journalLabels, auxiliaryLabel: auxiliaryLabel)
        self.lettering = lettering
        self.output = output
    }

    /// Checks one entry against everything written before it, then writes its lines (lettered by the writer's `lettering`).
    public mutating func write(_ entry: PostedEntry) throws(FecWriteError) {
        let lettering = lettering
        try write(entry) { lineNo in lettering(entry.ref, lineNo) }
    }

    /// Checks one entry against everything written before it, then writes its lines, lettered by `lettering`
    /// (the letter and date of a line by its number, 1-based).
    public mutating func write(_ entry: PostedEntry, lettering: (Int) -> (letter: String, date: Day)?) throws(FecWriteError) {
        guard !finished else { throw .alreadyFinished }
        try checkPlace(of: entry)
        buffer.removeAll(keepingCapacity: true)
        lineEnds.removeAll(keepingCapacity: true)
        let written = try encoder.append(entry, lettering: lettering, to: &buffer, lineEnds: &lineEnds)
        writeHeaderIfNeeded()
        output.emit(buffer, lineEnds: lineEnds)
        last = (FecEntryOrder(entry), entry.ref)
        lastNumber[entry.ref.journal] = entry.ref.number
        summary.entries += 1
        summary.lines += written.lines
        summary.totalDebit += written.debit
        summary.totalCredit += written.credit
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
        output.emit(FecFormat.columns.joined(separator: FecFormat.separator) + FecFormat.lineEnding)
        headerWritten = true
    }
}

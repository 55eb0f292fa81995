import ClapDomain
import LedgerCore

/// The journal as CSV for auditors: every FEC column plus `Analytique`, `;`-separated, formula-safe,
/// one line per posting line, streamed entry by entry.
public struct JournalCSVWriter {
    public static let header = FecFormat.columns + ["Analytique"]

    private let lettering: FecWriter.Lettering
    private let csv = CSVWriter(separator: ";", includesBOM: true)
    private let output: FecOutput
    private var encoder: FecLineEncoder
    private var headerWritten = false
    public private(set) var lineCount = 0
    /// The entry being written, kept from one entry to the next.
    private var buffer: [UInt8] = []
    private var lineEnds: [Int] = []

    /// A writer that hands each line, CR LF included, to `sink` as a `String` (the first one with the BOM and header).
    public init(chart: Chart, journalLabels: [JournalCode: String] = FecJournalLabels.standard,
                auxiliaryLabel: @escaping FecWriter.AuxiliaryLabel, lettering: @escaping FecWriter.Lettering = { _, _ in nil },
                sink: @escaping (String) -> Void) {
        self.init(chart: chart, journalLabels: journalLabels, auxiliaryLabel: auxiliaryLabel, lettering: lettering, output: .lines(sink))
    }

    /// A writer that hands its UTF-8 bytes to `sink`: the BOM and header, then each entry's lines in one piece; the
    /// same bytes as the `String` sink receives. `sink` must copy what it keeps.
    public init(chart: Chart, journalLabels: [JournalCode: String] = FecJournalLabels.standard,
                auxiliaryLabel: @escaping FecWriter.AuxiliaryLabel, byteSink sink: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        self.init(chart: chart, journalLabels: journalLabels, auxiliaryLabel: auxiliaryLabel, lettering: { _, _ in nil },
                  output: .bytes(sink))
    }

    private init(chart: Chart, journalLabels: [JournalCode: String], auxiliaryLabel: @escaping FecWriter.AuxiliaryLabel,
                 lettering: @escaping FecWriter.Lettering, output: FecOutput) {
        let accounts = Dictionary(uniqueKeysWithValues: chart.accounts.map { ($0.number, $0) })
        encoder = FecLineEncoder(csv: csv, accounts: accounts, journalLabels: journalLabels, auxiliaryLabel: auxiliaryLabel)
        self.lettering = lettering
        self.output = output
    }

    /// Writes one entry's lines (the header first time), lettered by the writer's `lettering`. Entries may come in any order.
    public mutating func write(_ entry: PostedEntry) throws(FecWriteError) {
        let lettering = lettering
        try write(entry) { lineNo in lettering(entry.ref, lineNo) }
    }

    /// Writes one entry's lines (the header first time), lettered by `lettering` (a line's letter by its number, 1-based).
    public mutating func write(_ entry: PostedEntry, lettering: (Int) -> (letter: String, date: Day)?) throws(FecWriteError) {
        writeHeaderIfNeeded()
        buffer.removeAll(keepingCapacity: true)
        lineEnds.removeAll(keepingCapacity: true)
        let written = try encoder.append(entry, lettering: lettering, to: &buffer, lineEnds: &lineEnds)
        output.emit(buffer, lineEnds: lineEnds)
        lineCount += written.lines
    }

    /// Writes the header of an empty journal.
    public mutating func finish() {
        writeHeaderIfNeeded()
    }

    private mutating func writeHeaderIfNeeded() {
        guard !headerWritten else { return }
        output.emit(CSVWriter.byteOrderMark + csv.line(Self.header))
        headerWritten = true
    }
}

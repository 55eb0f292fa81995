import ClapDomain
import LedgerCore

/// The journal as CSV for auditors: every FEC column plus `Analytique`, `;`-separated, formula-safe,
/// one line per posting line, streamed entry by entry.
public struct JournalCSVWriter {
    public static let header = FecFormat.columns + ["Analytique"]

    private let accounts: [String: ChartAccount]
    private let journalLabels: [JournalCode: String]
    private let auxiliaryLabel: FecWriter.AuxiliaryLabel
    private let lettering: FecWriter.Lettering
    private let csv = CSVWriter(separator: ";", includesBOM: true)
    private let sink: (String) -> Void
    private var headerWritten = false
    public private(set) var lineCount = 0

    public init(chart: Chart, journalLabels: [JournalCode: String] = FecJournalLabels.standard,
                auxiliaryLabel: @escaping FecWriter.AuxiliaryLabel, lettering: @escaping FecWriter.Lettering = { _, _ in nil },
                sink: @escaping (String) -> Void) {
        self.accounts = Dictionary(uniqueKeysWithValues: chart.accounts.map { ($0.number, $0) })
        self.journalLabels = journalLabels
        self.auxiliaryLabel = auxiliaryLabel
        self.lettering = lettering
        self.sink = sink
    }

    /// Writes one entry's lines (the header first time). Entries may come in any order.
    public mutating func write(_ entry: PostedEntry) throws(FecWriteError) {
        if !headerWritten {
            sink(CSVWriter.byteOrderMark + csv.line(Self.header))
            headerWritten = true
        }
        let lines = try FecEntryLines.make(entry, accounts: accounts, journalLabel: journalLabels[entry.ref.journal],
                                           auxiliaryLabel: auxiliaryLabel, lettering: lettering)
        for (zones, analytic) in zip(lines.zones, lines.analytics) {
            sink(csv.line(zones + [analytic]))
            lineCount += 1
        }
    }

    /// Writes the header of an empty journal.
    public mutating func finish() {
        if !headerWritten {
            sink(CSVWriter.byteOrderMark + csv.line(Self.header))
            headerWritten = true
        }
    }
}

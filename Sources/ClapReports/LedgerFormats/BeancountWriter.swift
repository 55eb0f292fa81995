import ClapDomain
import LedgerCore

/// Writes the ledger as a beancount file, one transaction per entry, streaming to a sink.
///
/// Accounts are `Liabilities:C401100:10003456789` (see `LedgerAccountNames.beancount`). Each account is opened,
/// on `openingDate`, just before the first transaction that uses it, so the file is written in one pass.
/// The transaction date is the entry date, its narration the label and the piece reference; journal, entry
/// reference, piece and validation date are transaction metadata, the analytic code is `analytique` on its posting.
public struct BeancountWriter {
    private let accounts: [String: ChartAccount]
    private let title: String
    private let openingDate: Day
    private let sink: (String) -> Void
    private var headerWritten = false
    private var opened: Set<String> = []

    /// Column where amounts start, for a readable file.
    static let accountColumnWidth = 40

    /// `openingDate` must be on or before the first entry's date (the first day of the first exported year).
    public init(chart: Chart, title: String, openingDate: Day, sink: @escaping (String) -> Void) {
        self.accounts = Dictionary(chart.accounts.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        self.title = title
        self.openingDate = openingDate
        self.sink = sink
    }

    /// Writes one entry (and the `open` of any account it uses first); refuses before writing anything.
    public mutating func write(_ entry: PostedEntry) throws(LedgerFormatError) {
        let draft = entry.draft
        try LedgerFormatCheck.check(entry, accounts: accounts)
        guard draft.entryDate >= openingDate else {
            throw .beforeOpening(entry.ref, date: draft.entryDate, opening: openingDate)
        }
        writeHeaderIfNeeded()
        let names = draft.lines.map { line in
            accounts[line.account].map { LedgerAccountNames.beancount($0, auxiliary: line.auxiliary) } ?? line.account
        }
        for name in names where !opened.contains(name) {
            opened.insert(name)
            sink("\(openingDate.iso) open \(name) EUR\n")
        }
        let ref = entry.ref
        sink("\(draft.entryDate.iso) * \(LedgerFormatText.beancountString(draft.label + " — " + draft.pieceRef))\n")
        sink("  journal: \(LedgerFormatText.beancountString(ref.journal.rawValue))\n")
        sink("  ecriture: \(LedgerFormatText.beancountString("\(ref.journal.rawValue)/\(ref.fiscalYear)/\(ref.number)"))\n")
        sink("  piece: \(LedgerFormatText.beancountString(draft.pieceRef))\n")
        sink("  validation: \(entry.validDate.iso)\n")
        for (line, name) in zip(draft.lines, names) {
            sink("  " + LedgerFormatText.padded(name, to: Self.accountColumnWidth) + line.signedAmount.plainString + " EUR\n")
            if let analytic = line.analytic, !analytic.isEmpty {
                sink("    analytique: \(LedgerFormatText.beancountString(analytic))\n")
            }
        }
        sink("\n")
    }

    /// Writes the header if no entry came.
    public mutating func finish() {
        writeHeaderIfNeeded()
    }

    /// Writes every entry of a sequence.
    public static func write<S: Sequence>(_ entries: S, chart: Chart, title: String, openingDate: Day,
                                          sink: @escaping (String) -> Void) throws(LedgerFormatError)
    where S.Element == PostedEntry {
        var writer = BeancountWriter(chart: chart, title: title, openingDate: openingDate, sink: sink)
        for entry in entries { try writer.write(entry) }
        writer.finish()
    }

    private mutating func writeHeaderIfNeeded() {
        guard !headerWritten else { return }
        headerWritten = true
        sink("; Exporté par clap.\n")
        sink("option \"title\" \(LedgerFormatText.beancountString(title))\n")
        sink("option \"operating_currency\" \"EUR\"\n\n")
    }
}

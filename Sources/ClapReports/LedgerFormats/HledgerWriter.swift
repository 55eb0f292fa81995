import ClapDomain
import LedgerCore

/// Writes the ledger as an hledger journal, one transaction per entry, streaming to a sink.
///
/// Account `401100:10003456789` is the chart account then the third party; each chart account is declared
/// with its `type:` tag. Amounts are `1234.56 EUR`, debit positive. The transaction code is the entry
/// reference (`IND/2025/12`), its date the entry date (`EcritureDate`), its description the label and the
/// piece reference; journal, piece and validation date go in tags, the analytic code in an `analytique:` tag
/// on its posting. `hledger -f FILE balance --depth 1` equals the general trial balance to the cent.
public struct HledgerWriter {
    private let chart: Chart
    private let accounts: [String: ChartAccount]
    private let title: String
    private let sink: (String) -> Void
    private var headerWritten = false

    /// Column where amounts start, for a readable file.
    static let accountColumnWidth = 32

    public init(chart: Chart, title: String, sink: @escaping (String) -> Void) {
        self.chart = chart
        self.accounts = Dictionary(chart.accounts.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        self.title = title
        self.sink = sink
    }

    /// Writes one entry as a transaction; refuses an unknown account or an unbalanced entry before writing anything.
    public mutating func write(_ entry: PostedEntry) throws(LedgerFormatError) {
        let draft = entry.draft
        try LedgerFormatCheck.check(entry, accounts: accounts)
        writeHeaderIfNeeded()
        let ref = entry.ref
        let code = "\(ref.journal.rawValue)/\(ref.fiscalYear)/\(ref.number)"
        let description = LedgerFormatText.hledgerDescription(draft.label + " — " + draft.pieceRef)
        let tags = "journal:\(ref.journal.rawValue), piece:\(LedgerFormatText.hledgerTagValue(draft.pieceRef)), "
            + "validation:\(entry.validDate.iso)"
        sink("\(draft.entryDate.iso) * (\(code)) \(description)  ; \(tags)\n")
        for line in draft.lines {
            let name = LedgerAccountNames.hledger(account: line.account, auxiliary: line.auxiliary)
            var text = "    " + LedgerFormatText.padded(name, to: Self.accountColumnWidth) + line.signedAmount.plainString + " EUR"
            if let analytic = line.analytic, !analytic.isEmpty {
                text += "  ; analytique:" + LedgerFormatText.hledgerTagValue(analytic)
            }
            sink(text + "\n")
        }
        sink("\n")
    }

    /// Writes the header if no entry came.
    public mutating func finish() {
        writeHeaderIfNeeded()
    }

    /// Writes every entry of a sequence.
    public static func write<S: Sequence>(_ entries: S, chart: Chart, title: String,
                                          sink: @escaping (String) -> Void) throws(LedgerFormatError)
    where S.Element == PostedEntry {
        var writer = HledgerWriter(chart: chart, title: title, sink: sink)
        for entry in entries { try writer.write(entry) }
        writer.finish()
    }

    private mutating func writeHeaderIfNeeded() {
        guard !headerWritten else { return }
        headerWritten = true
        sink("; " + LedgerFormatText.singleLine(title) + "\n")
        sink("; Exporté par clap. Soldes par compte : hledger -f FICHIER balance --depth 1\n\n")
        sink("commodity 1000.00 EUR\n\n")
        for account in chart.accounts {
            sink("; " + LedgerFormatText.singleLine(account.label) + "\n")
            sink("account \(account.number)  ; type:\(LedgerAccountKind.of(account).hledgerType)\n")
        }
        sink("\n")
    }
}

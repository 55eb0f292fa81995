import ClapDomain
import ClapStore
import LedgerCore

extension Exports {
    /// `clap ledger --account N --out FILE.csv`: the grand livre of one account as CSV, streamed, then recorded.
    public static func accountLedger(_ database: ClapDatabase, request: AccountLedgerRequest, path: String,
                                     context: CommandContext) throws -> (written: Written, summary: AccountLedgerSummary) {
        let sink = try FileSink(path: path)
        do {
            let csv = CSVWriter(separator: ";", includesBOM: true)
            let summary = try database.read { db -> AccountLedgerSummary in
                var output = ClosureOutputStream(sink: sink.write)
                csv.write(header: AccountLedgerText.csvHeader, to: &output)
                // The opening row comes first; the first line's balance before it is the opening balance.
                var openingWritten = false
                let summary = try AccountLedger.read(request, in: db) { line in
                    if !openingWritten {
                        let opening = line.runningBalance - line.debit + line.credit
                        csv.write(row: AccountLedgerText.csvOpeningRow(from: request.from, opening: opening), to: &output)
                        openingWritten = true
                    }
                    csv.write(row: AccountLedgerText.csvRow(line), to: &output)
                }
                if !openingWritten {
                    csv.write(row: AccountLedgerText.csvOpeningRow(from: request.from, opening: summary.opening), to: &output)
                }
                return summary
            }
            let scope = AccountLedgerText.title(summary)
            return (try finish(sink, kind: "grand-livre", scope: scope, lines: summary.lineCount + 1, database: database, context: context), summary)
        } catch {
            sink.discard()
            throw error
        }
    }
}

import ClapDomain
import Foundation
import LedgerCore

/// The FEC lines of one entry, built and checked whole before any is written.
struct FecEntryLines {
    /// Each line as a FEC text line, zones joined by tabs.
    var text: [String] { zones.map { $0.joined(separator: FecFormat.separator) } }

    /// The 18 zones of each line, already made safe (no tab, no line break).
    var zones: [[String]] = []
    /// Each line's analytic code (team and envelope year), for the journal CSV, which adds it as a column.
    var analytics: [String] = []
    var debit = Cents.zero
    var credit = Cents.zero

    static func make(_ entry: PostedEntry, accounts: [String: ChartAccount], journalLabel: String?,
                     auxiliaryLabel: FecWriter.AuxiliaryLabel,
                     lettering: FecWriter.Lettering) throws(FecWriteError) -> FecEntryLines {
        let ref = entry.ref
        let draft = entry.draft
        guard let journalLabel = nonEmpty(journalLabel) else { throw .unknownJournal(ref.journal) }
        guard let pieceRef = nonEmpty(draft.pieceRef) else { throw .emptyZone(ref, column: "PieceRef") }
        guard let label = nonEmpty(draft.label) else { throw .emptyZone(ref, column: "EcritureLib") }
        var result = FecEntryLines()
        for (index, line) in draft.lines.enumerated() {
            let lineNo = index + 1
            guard let account = accounts[line.account] else { throw .unknownAccount(ref, account: line.account) }
            guard let accountLabel = nonEmpty(account.label) else { throw .emptyZone(ref, column: "CompteLib") }
            guard line.amount.isPositive else { throw .nonPositiveAmount(ref, lineNo: lineNo) }
            let auxiliary = nonEmpty(line.auxiliary)
            var auxNum = "", auxLib = ""
            switch (account.isThirdParty, auxiliary) {
            case (true, nil):
                throw .missingAuxiliary(ref, lineNo: lineNo, account: line.account)
            case (false, .some):
                throw .auxiliaryOnNonThirdPartyAccount(ref, lineNo: lineNo, account: line.account)
            case (true, .some(let code)):
                auxNum = code
                auxLib = nonEmpty(auxiliaryLabel(line.account, line.auxiliary ?? code)) ?? code
            case (false, nil):
                break
            }
            var letter = "", letterDate = ""
            if let lettered = lettering(ref, lineNo), let code = nonEmpty(lettered.letter) {
                letter = code
                letterDate = lettered.date.compact
            }
            let zones = [
                ref.journal.rawValue, journalLabel, String(ref.number), draft.entryDate.compact,
                account.number, accountLabel, auxNum, auxLib,
                pieceRef, draft.pieceDate.compact, label,
                line.debitCents.commaString, line.creditCents.commaString, letter, letterDate,
                entry.validDate.compact, "", "",
            ]
            result.zones.append(zones.map(FecFormat.zone))
            result.analytics.append(line.analytic ?? "")
            result.debit += line.debitCents
            result.credit += line.creditCents
        }
        guard !draft.lines.isEmpty else { throw .emptyZone(ref, column: "CompteNum") }
        guard result.debit == result.credit else { throw .unbalanced(ref, debit: result.debit, credit: result.credit) }
        return result
    }

    /// The value once made safe for a zone, or nil when nothing visible is left.
    private static func nonEmpty(_ value: String?) -> String? {
        guard let value else { return nil }
        let zone = FecFormat.zone(value).trimmingCharacters(in: .whitespaces)
        return zone.isEmpty ? nil : zone
    }
}

import ClapDomain
import ClapReports
import Foundation
import LedgerCore

/// The FEC lines of one entry as the writers built them before they wrote bytes (zones as `String`s, joined),
/// kept here as the reference the byte writers must match exactly, refusals included.
struct ReferenceFecEntryLines {
    /// Each line as a FEC text line, zones joined by tabs.
    var text: [String] {
        zones.map { zones in
            var line = ""
            line.reserveCapacity(zones.reduce(zones.count) { $0 + $1.utf8.count })
            for (index, zone) in zones.enumerated() {
                if index > 0 { line += FecFormat.separator }
                line += zone
            }
            return line
        }
    }

    /// The 18 zones of each line, already made safe (no tab, no line break).
    var zones: [[String]] = []
    /// Each line's analytic code (team and envelope year), for the journal CSV, which adds it as a column.
    var analytics: [String] = []
    var debit = Cents.zero
    var credit = Cents.zero

    static func make(_ entry: PostedEntry, accounts: [String: ChartAccount], journalLabel: String?,
                     auxiliaryLabel: FecWriter.AuxiliaryLabel,
                     lettering: FecWriter.Lettering) throws(FecWriteError) -> ReferenceFecEntryLines {
        let ref = entry.ref
        let draft = entry.draft
        guard let journalLabel = nonEmpty(journalLabel) else { throw .unknownJournal(ref.journal) }
        guard let pieceRef = nonEmpty(draft.pieceRef) else { throw .emptyZone(ref, column: "PieceRef") }
        guard let label = nonEmpty(draft.label) else { throw .emptyZone(ref, column: "EcritureLib") }
        // The zones every line of the entry shares, made once (numbers and dates need no making safe).
        let journalCode = FecFormat.zone(ref.journal.rawValue), number = String(ref.number)
        let entryDate = draft.entryDate.compact, pieceDate = draft.pieceDate.compact, validDate = entry.validDate.compact
        var result = ReferenceFecEntryLines()
        result.zones.reserveCapacity(draft.lines.count)
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
            // Labels, references and codes come through `nonEmpty`, already safe; amounts and dates are digits.
            result.zones.append([
                journalCode, journalLabel, number, entryDate,
                FecFormat.zone(account.number), accountLabel, auxNum, auxLib,
                pieceRef, pieceDate, label,
                line.debitCents.commaString, line.creditCents.commaString, letter, letterDate,
                validDate, "", "",
            ])
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
        let zone = FecFormat.zone(value)
        // Nothing to trim when it starts and ends with a visible ASCII character (the usual case, and fast).
        if let first = zone.utf8.first, let last = zone.utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return zone
        }
        let trimmed = zone.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }
}

import ClapStore
import LedgerCore

/// The grand livre of one account: as a terminal table, and as CSV rows with French headers.
public enum AccountLedgerText {
    /// `1 234,56 D`, `1 234,56 C` or `0,00`: a balance as an accountant reads it.
    public static func balance(_ amount: Cents) -> String {
        amount == .zero ? "0,00" : amount.magnitude.frenchString + (amount.isPositive ? " D" : " C")
    }

    public static func title(_ summary: AccountLedgerSummary) -> String {
        var title = "Grand livre du compte \(summary.account) – \(summary.label)"
        if let auxiliary = summary.auxiliary { title += ", tiers \(auxiliary)" }
        switch (summary.from, summary.to) {
        case (let from?, let to?): title += ", du \(from.french) au \(to.french)"
        case (let from?, nil): title += ", à partir du \(from.french)"
        case (nil, let to?): title += ", jusqu'au \(to.french)"
        case (nil, nil): break
        }
        return title
    }

    public static func render(_ summary: AccountLedgerSummary, lines: [AccountLedgerLine]) -> String {
        var table = TextTable([.init("Date"), .init("Journal"), .init("N°", .right), .init("Pièce"), .init("Libellé"), .init("Tiers"),
                               .init("Débit", .right), .init("Crédit", .right), .init("Solde", .right)])
        let openingLabel = summary.from.map { "Solde au \(($0.adding(days: -1) ?? $0).french)" } ?? "Solde d'ouverture"
        table.add(["", "", "", "", openingLabel, "", "", "", balance(summary.opening)])
        for line in lines {
            table.add([line.entryDate.french, line.entry.journal.rawValue, "\(line.entry.fiscalYear)-\(line.entry.number)", line.pieceRef,
                       line.label, line.auxiliary ?? "", line.debit == .zero ? "" : line.debit.frenchString,
                       line.credit == .zero ? "" : line.credit.frenchString, balance(line.runningBalance)])
        }
        table.addSeparator()
        table.add(["Total", "", "", "", "\(summary.lineCount) ligne(s)", "", summary.totalDebit.frenchString,
                   summary.totalCredit.frenchString, balance(summary.closing)])
        let side = summary.closing.isPositive ? " (débiteur)" : summary.closing.isNegative ? " (créditeur)" : ""
        return title(summary) + "\n\n" + table.render() + "\n\nSolde final : " + summary.closing.magnitude.euroString + side
    }

    /// The CSV header of the grand livre.
    public static let csvHeader = ["Date", "Journal", "Exercice", "N° écriture", "Pièce", "Date pièce", "Libellé", "Tiers",
                                   "Analytique", "Débit", "Crédit", "Solde"]

    /// The first CSV row: the balance before the first line (debit − credit, signed).
    public static func csvOpeningRow(from: Day?, opening: Cents) -> [String] {
        [from?.french ?? "", "", "", "", "", "", "Solde d'ouverture", "", "", "", "", opening.commaString]
    }

    /// One line as CSV cells: amounts with a decimal comma, the running balance signed (debit positive).
    public static func csvRow(_ line: AccountLedgerLine) -> [String] {
        [line.entryDate.french, line.entry.journal.rawValue, String(line.entry.fiscalYear), String(line.entry.number), line.pieceRef,
         line.pieceDate.french, line.label, line.auxiliary ?? "", line.analytic ?? "", line.debit.commaString,
         line.credit.commaString, line.runningBalance.commaString]
    }
}

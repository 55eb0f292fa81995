import ClapStore
import LedgerCore

/// The trial balance (balance générale or auxiliaire) as a terminal table.
public enum TrialBalanceText {
    public static func render(_ balances: [AccountBalance], byAuxiliary: Bool, at date: Day?) -> String {
        var columns: [TextTable.Column] = [.init("Compte"), .init("Libellé")]
        if byAuxiliary { columns.append(.init("Tiers")) }
        columns += [.init("Débit", .right), .init("Crédit", .right), .init("Solde débiteur", .right), .init("Solde créditeur", .right)]
        var table = TextTable(columns)
        var debit = Cents.zero, credit = Cents.zero, debitBalance = Cents.zero, creditBalance = Cents.zero
        for row in balances {
            var cells = [row.account, row.label]
            if byAuxiliary { cells.append(row.auxiliary ?? "") }
            let balance = row.balance
            cells += [row.debit.frenchString, row.credit.frenchString,
                      balance.isPositive ? balance.frenchString : "",
                      balance.isNegative ? balance.magnitude.frenchString : ""]
            table.add(cells)
            debit += row.debit
            credit += row.credit
            if balance.isPositive { debitBalance += balance } else { creditBalance += balance.magnitude }
        }
        table.addSeparator()
        var totals = ["Total", ""]
        if byAuxiliary { totals.append("") }
        totals += [debit.frenchString, credit.frenchString, debitBalance.frenchString, creditBalance.frenchString]
        table.add(totals)
        let title = (byAuxiliary ? "Balance auxiliaire" : "Balance générale") + (date.map { " au \($0.french)" } ?? "")
        return title + "\n\n" + table.render() + "\n\nÉcart débit − crédit : " + (debit - credit).euroString
    }
}

import GRDB
import LedgerCore

/// One row of a trial balance: an account (and third party, for the auxiliary balance) with its totals.
public struct AccountBalance: Hashable, Sendable, Codable {
    public let account: String
    public let label: String
    public let auxiliary: String?
    public let debit: Cents
    public let credit: Cents

    /// Debit minus credit: positive is a debit balance.
    public var balance: Cents { debit - credit }
}

/// Trial balances (balance générale, balance auxiliaire), over the ledger's whole history. À-nouveaux entries are
/// left out: they restate the balances the history already holds (they exist for each year's FEC).
public enum Balances {
    /// Totals per account up to and including `date` (all entries when nil); per third party when `byAuxiliary`.
    public static func trialBalance(at date: Day?, byAuxiliary: Bool, in db: Database) throws -> [AccountBalance] {
        let auxiliary = byAuxiliary ? "p.auxiliary" : "NULL"
        let filter = "WHERE e.journal <> 'AN'" + (date == nil ? "" : " AND e.entry_date <= ?")
        let sql = """
            SELECT p.account, a.label, \(auxiliary) AS auxiliary,
                   SUM(p.debit_cents) AS debit, SUM(p.credit_cents) AS credit
            FROM posting p
            JOIN entry e ON e.seq = p.entry_seq
            JOIN account a ON a.number = p.account
            \(filter)
            GROUP BY p.account\(byAuxiliary ? ", p.auxiliary" : "")
            ORDER BY p.account\(byAuxiliary ? ", p.auxiliary" : "")
            """
        let arguments: StatementArguments = date.map { [$0.iso] } ?? []
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map {
            AccountBalance(account: $0["account"], label: $0["label"], auxiliary: $0["auxiliary"],
                           debit: Cents($0["debit"]), credit: Cents($0["credit"]))
        }
    }

    /// The balance (debit − credit) of one account, optionally for one third party or analytic code.
    public static func balance(account: String, auxiliary: String? = nil, analytic: String? = nil,
                               through date: Day? = nil, in db: Database) throws -> Cents {
        var sql = "SELECT COALESCE(SUM(p.debit_cents - p.credit_cents), 0) FROM posting p JOIN entry e ON e.seq = p.entry_seq"
        var conditions = ["p.account = ?", "e.journal <> 'AN'"]
        var arguments: [(any DatabaseValueConvertible)?] = [account]
        if let auxiliary { conditions.append("p.auxiliary = ?"); arguments.append(auxiliary) }
        if let analytic { conditions.append("p.analytic = ?"); arguments.append(analytic) }
        if let date {
            conditions.append("e.entry_date <= ?")
            arguments.append(date.iso)
        }
        sql += " WHERE " + conditions.joined(separator: " AND ")
        return Cents(try Int64.fetchOne(db, sql: sql, arguments: StatementArguments(arguments)) ?? 0)
    }
}

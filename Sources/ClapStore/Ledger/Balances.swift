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
///
/// They read the monthly totals that `LedgerWriter` keeps (`MonthlyTotals`: `account_month`, `third_party_month`,
/// Schema/0008) for every whole month up to the date, and the lines themselves only for the days of the date's
/// own month: a balance at any date costs a few hundred month rows and at most one month of lines, whatever
/// the length of the history.
public enum Balances {
    /// Totals per account up to and including `date` (all entries when nil); per third party when `byAuxiliary`.
    public static func trialBalance(at date: Day?, byAuxiliary: Bool, in db: Database) throws -> [AccountBalance] {
        // Whole months before the date's month come from the totals; the date's month from its lines.
        let monthsBefore = date.map { $0.yearMonth.iso } ?? "9999-99"
        let linesFrom = date.map { $0.yearMonth.firstDay.iso } ?? "9999-99-99"
        let linesTo = date?.iso ?? "0000-00-00"
        guard byAuxiliary else {
            // Every line has a positive amount, so a group whose totals are both zero has no line: it is not listed.
            return try Row.fetchAll(db, sql: """
                SELECT x.account, a.label, NULL AS auxiliary, SUM(x.debit) AS debit, SUM(x.credit) AS credit
                FROM (SELECT account, debit_cents AS debit, credit_cents AS credit FROM account_month WHERE month < ?
                      UNION ALL
                      SELECT p.account, p.debit_cents, p.credit_cents
                      FROM entry e JOIN posting p ON p.entry_seq = e.seq WHERE e.entry_date BETWEEN ? AND ? AND e.journal <> 'AN') x
                JOIN account a ON a.number = x.account
                GROUP BY x.account HAVING SUM(x.debit) <> 0 OR SUM(x.credit) <> 0 ORDER BY x.account
                """, arguments: [monthsBefore, linesFrom, linesTo]).map {
                AccountBalance(account: $0["account"], label: $0["label"], auxiliary: nil, debit: Cents($0["debit"]), credit: Cents($0["credit"]))
            }
        }
        // Per third party: the third parties' totals of the months before the date (a range of the table's key,
        // month first: Schema/0012) summed here rather than grouped by SQLite (no sort), the lines without a third
        // party as each account's total less its third parties' part, the date's month from its lines.
        var totals: [BalanceKey: Sides] = [:]
        func add(_ key: BalanceKey, _ debit: Int64, _ credit: Int64) { totals[key, default: Sides()].add(debit, credit) }
        // About 1.7 million rows at ten times the planned size over ten years: read straight from SQLite (RawRows),
        // one dictionary access each.
        let parties = try RawRows(db, "SELECT account, auxiliary, debit_cents, credit_cents FROM third_party_month WHERE month < ?",
                                  arguments: [monthsBefore])
        while try parties.next() {
            guard let account = parties.text(0), let auxiliary = parties.text(1),
                  let debit = parties.integer(2), let credit = parties.integer(3) else {
                throw StoreError.unreadableThirdPartyTotal
            }
            add(BalanceKey(account: String(decoding: account, as: UTF8.self), auxiliary: String(decoding: auxiliary, as: UTF8.self)),
                debit, credit)
        }
        var thirdPartyPart: [String: Sides] = [:]
        for (key, sides) in totals { thirdPartyPart[key.account, default: Sides()].add(sides.debit, sides.credit) }
        for row in try Row.fetchAll(db, sql: """
            SELECT account, SUM(debit_cents), SUM(credit_cents) FROM account_month WHERE month < ? GROUP BY account
            """, arguments: [monthsBefore]) {
            let account: String = row[0]
            let part = thirdPartyPart[account] ?? Sides()
            add(BalanceKey(account: account, auxiliary: nil), (row[1] as Int64) - part.debit, (row[2] as Int64) - part.credit)
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT p.account, p.auxiliary, SUM(p.debit_cents), SUM(p.credit_cents)
            FROM entry e JOIN posting p ON p.entry_seq = e.seq WHERE e.entry_date BETWEEN ? AND ? AND e.journal <> 'AN' GROUP BY p.account, p.auxiliary
            """, arguments: [linesFrom, linesTo]) {
            add(BalanceKey(account: row[0], auxiliary: row[1]), row[2], row[3])
        }
        let labels = Dictionary(try Row.fetchAll(db, sql: "SELECT number, label FROM account").map { ($0[0] as String, $0[1] as String) },
                                uniquingKeysWith: { first, _ in first })
        // Every line has a positive amount, so a group whose totals are both zero has no line: it is not listed.
        // Sorted as SQLite sorts text (bytes), accounts without a third party first.
        return totals.compactMap { key, total -> AccountBalance? in
            guard total.debit != 0 || total.credit != 0, let label = labels[key.account] else { return nil }
            return AccountBalance(account: key.account, label: label, auxiliary: key.auxiliary, debit: Cents(total.debit), credit: Cents(total.credit))
        }.sorted { lhs, rhs in
            if lhs.account != rhs.account { return BinaryCollation.precedes(lhs.account, rhs.account) }
            switch (lhs.auxiliary, rhs.auxiliary) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case let (left?, right?): return BinaryCollation.precedes(left, right)
            }
        }
    }

    private struct Sides {
        var debit: Int64 = 0
        var credit: Int64 = 0
        mutating func add(_ debit: Int64, _ credit: Int64) {
            self.debit += debit
            self.credit += credit
        }
    }

    private struct BalanceKey: Hashable {
        let account: String
        let auxiliary: String?
    }

    /// The balance (debit − credit) of one account, optionally for one third party or analytic code.
    public static func balance(account: String, auxiliary: String? = nil, analytic: String? = nil,
                               through date: Day? = nil, in db: Database) throws -> Cents {
        var sql = "SELECT COALESCE(SUM(p.debit_cents - p.credit_cents), 0) FROM posting p JOIN entry e ON e.seq = p.entry_seq"
        var conditions = ["p.account = ?", "e.journal <> 'AN'"]
        var arguments: [(any DatabaseValueConvertible)?] = [account]
        if let auxiliary {
            conditions.append(try ThirdPartyBlocks.condition(alias: "p", in: db))
            conditions.append("p.auxiliary = ?")
            arguments.append(auxiliary)
        }
        if let analytic { conditions.append("p.analytic = ?"); arguments.append(analytic) }
        if let date {
            conditions.append("e.entry_date <= ?")
            arguments.append(date.iso)
        }
        sql += " WHERE " + conditions.joined(separator: " AND ")
        return Cents(try Int64.fetchOne(db, sql: sql, arguments: StatementArguments(arguments)) ?? 0)
    }

    /// `verify`: both monthly tables equal the sums of the lines they stand for; each account and month where
    /// either differs is named once (the balance reads the tables, so a difference would make it wrong).
    /// It goes month by month, so SQLite sums one month of lines at a time (found through the entries' date
    /// index) instead of sorting every line of the ledger.
    static func checkMonthlyTotals(in db: Database) throws -> [LedgerViolation] {
        let months = try String.fetchAll(db, sql: """
            SELECT DISTINCT substr(entry_date, 1, 7) FROM entry
            UNION SELECT DISTINCT month FROM account_month UNION SELECT DISTINCT month FROM third_party_month ORDER BY 1
            """)
        let differing = try db.cachedStatement(sql: """
            WITH lines AS MATERIALIZED (
                SELECT p.account, p.auxiliary, SUM(p.debit_cents) AS debit, SUM(p.credit_cents) AS credit
                FROM entry e JOIN posting p ON p.entry_seq = e.seq
                WHERE e.entry_date >= ?1 AND e.entry_date < ?2 AND e.journal <> 'AN'
                GROUP BY p.account, p.auxiliary)
            , accounts AS MATERIALIZED (SELECT account, SUM(debit) AS debit, SUM(credit) AS credit FROM lines GROUP BY account)
            , parties AS MATERIALIZED (SELECT account, auxiliary, debit, credit FROM lines WHERE auxiliary IS NOT NULL)
            , storedAccounts AS MATERIALIZED (SELECT account, debit_cents, credit_cents FROM account_month WHERE month = ?1)
            , storedParties AS MATERIALIZED (SELECT account, auxiliary, debit_cents, credit_cents FROM third_party_month WHERE month = ?1)
            SELECT account FROM (SELECT * FROM accounts EXCEPT SELECT * FROM storedAccounts)
            UNION SELECT account FROM (SELECT * FROM storedAccounts EXCEPT SELECT * FROM accounts)
            UNION SELECT account FROM (SELECT * FROM parties EXCEPT SELECT * FROM storedParties)
            UNION SELECT account FROM (SELECT * FROM storedParties EXCEPT SELECT * FROM parties)
            ORDER BY 1
            """)
        var found: [LedgerViolation] = []
        for month in months {
            // Every entry date of the month starts with `AAAA-MM` and sorts below `AAAA-MM` followed by the last code point.
            for account in try String.fetchAll(differing, arguments: [month, month + "\u{10FFFF}"]) {
                found.append(LedgerViolation(invariant: 7, code: "totals.mismatch", message:
                    "les totaux mensuels du compte \(account) pour \(month) ne sont plus la somme de ses lignes "
                    + "(tables account_month / third_party_month) : la balance, qui les lit, serait fausse."))
            }
        }
        return found
    }
}

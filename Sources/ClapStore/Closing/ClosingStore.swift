import ClapDomain
import GRDB
import LedgerCore

/// What `clap close month` did.
public struct MonthCloseOutcome: Hashable, Sendable, Codable {
    public let month: YearMonth
    /// The first day newly locked (nil when nothing was locked before).
    public let from: Day?
    /// The last locked day.
    public let through: Day
    /// True when the month was already closed: nothing was written.
    public let alreadyClosed: Bool

    /// A month found already closed (locked through `through`).
    public static func alreadyClosed(_ month: YearMonth, through: Day) -> MonthCloseOutcome {
        MonthCloseOutcome(month: month, from: nil, through: through, alreadyClosed: true)
    }
}

/// One team's year-end dedicated funds as posted.
public struct DedicatedFundsRecord: Hashable, Sendable, Codable {
    public let team: TeamID
    public let amount: Cents
    public let entry: EntryRef
}

/// What `clap close year` did.
public struct YearCloseOutcome: Hashable, Sendable, Codable {
    public let year: Int
    public let through: Day
    /// True when the year was already closed: nothing was written.
    public let alreadyClosed: Bool
    public let dedicatedFunds: [DedicatedFundsRecord]
    /// The à-nouveaux of the next year (nil when there was nothing to carry, or when already closed).
    public let opening: EntryRef?
    public let openingLineCount: Int
    public let openingTotal: Cents

    public var dedicatedFundsTotal: Cents { dedicatedFunds.reduce(.zero) { $0 + $1.amount } }

    /// A year found already closed (locked through `through`).
    public static func alreadyClosed(_ year: Int, through: Day) -> YearCloseOutcome {
        YearCloseOutcome(year: year, through: through, alreadyClosed: true, dedicatedFunds: [], opening: nil,
                         openingLineCount: 0, openingTotal: .zero)
    }
}

/// Month and year closing: period locks, year-end dedicated funds, à-nouveaux, and invariant 8.
/// Every method runs inside the caller's `ClapDatabase.write` transaction.
public enum ClosingStore {
    /// The locks in force and the earliest entry of a year not closed yet.
    public static func lockState(in db: Database) throws -> LockState {
        let closedYear = try EligibilityFacts.closedYearThrough(in: db)
        let firstOpen = try String.fetchOne(db.cachedStatement(sql: """
            SELECT MIN(entry_date) FROM entry WHERE journal <> ? AND entry_date > ?
            """), arguments: [JournalCode.an.rawValue, closedYear?.iso ?? ""]).flatMap(Day.parse)
        return LockState(closedThrough: try LedgerReader.closedThrough(in: db), closedYearThrough: closedYear,
                         firstEntryOfOpenYears: firstOpen)
    }

    /// `clap close month AAAA-MM`: locks every day through the month's last day.
    public static func closeMonth(_ month: YearMonth, context: CommandContext, in db: Database) throws -> MonthCloseOutcome {
        switch PeriodClosing.month(month, today: context.today, locks: try lockState(in: db)) {
        case .failure(let refusal):
            throw StoreError.refused(code: refusal.code, message: refusal.message)
        case .success(.alreadyClosed(let through)):
            return .alreadyClosed(month, through: through)
        case .success(.close(let from, let through)):
            try LedgerWriter.lock(through: through, kind: "month", context: context, in: db)
            return MonthCloseOutcome(month: month, from: from, through: through, alreadyClosed: false)
        }
    }

    /// `clap close year Y`, one transaction: the dedicated funds of every envelope with unused room (OD at 31/12/Y),
    /// the check that the year's result is then zero, the year lock, and the à-nouveaux of Y+1 (AN at 01/01/Y+1).
    public static func closeYear(_ year: Int, context: CommandContext, in db: Database) throws -> YearCloseOutcome {
        let through: Day
        switch PeriodClosing.year(year, today: context.today, locks: try lockState(in: db)) {
        case .failure(let refusal):
            throw StoreError.refused(code: refusal.code, message: refusal.message)
        case .success(.alreadyClosed(let closed)):
            return .alreadyClosed(year, through: closed)
        case .success(.close(_, let day)):
            through = day
        }
        let chart = try AssociationStore.chart(in: db)
        let envelopes = try EnvelopeStore.statuses(year: year, team: nil, in: db).map {
            EnvelopeYearEnd(key: EnvelopeKey(team: $0.team, year: $0.year), granted: $0.granted, consumed: $0.consumed)
        }
        let postings = try refused { YearClosing.dedicatedFunds(year: year, envelopes: envelopes, chart: chart) }
        if let refusal = YearClosing.checkResult(year: year, yearLines: try resultLines(fiscalYear: year, in: db),
                                                 planned: postings.map(\.draft)) {
            throw StoreError.refused(code: refusal.code, message: refusal.message)
        }
        var records: [DedicatedFundsRecord] = []
        for posting in postings {
            let entry = try LedgerWriter.post(posting.draft, validDate: context.today, in: db).entry
            records.append(DedicatedFundsRecord(team: posting.key.team, amount: posting.amount, entry: entry.ref))
        }
        try LedgerWriter.lock(through: through, kind: "year", context: context, in: db)
        let opening = try refused { YearClosing.openingEntry(closedYear: year, balances: try balanceSheet(through: through, in: db)) }
        let openingEntry = try opening.map { try LedgerWriter.post($0, validDate: context.today, in: db).entry }
        return YearCloseOutcome(year: year, through: through, alreadyClosed: false, dedicatedFunds: records, opening: openingEntry?.ref,
                                openingLineCount: opening?.lines.count ?? 0, openingTotal: opening?.totalDebit ?? .zero)
    }

    /// The entry date of a movement on envelope `year` decided on `date`: refused when that year is closed, else kept
    /// inside the year (see `PeriodClosing.envelopeYearDate`) and moved to the first open day.
    public static func envelopeEntryDate(_ date: Day, year: Int, in db: Database) throws -> Day {
        try refuseClosedYear(year, in: db)
        return try LedgerReader.firstOpenDay(onOrAfter: PeriodClosing.envelopeYearDate(date, year: year), in: db)
    }

    /// Refuses a movement on the classes 6 and 7 of a closed envelope year (it would reopen a closed result).
    public static func refuseClosedYear(_ year: Int, in db: Database) throws {
        guard try lockState(in: db).isYearClosed(year) else { return }
        let refusal = ClosingRefusal.yearClosed(year)
        throw StoreError.refused(code: refusal.code, message: refusal.message)
    }

    /// Invariant 8: for every closed year, classes 6 and 7 on each team's analytic code of that year sum to zero.
    @Sendable public static func checkClosedYears(_ db: Database) throws -> [LedgerViolation] {
        guard let closed = try EligibilityFacts.closedYearThrough(in: db) else { return [] }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT account, analytic, SUM(debit_cents - credit_cents) AS balance FROM posting
            WHERE analytic IS NOT NULL GROUP BY account, analytic
            """)
        var lines: [BalanceLine] = []
        while let row = try rows.next() {
            lines.append(BalanceLine(account: row["account"], auxiliary: nil, analytic: row["analytic"], balance: Cents(row["balance"])))
        }
        return YearClosing.checkClosedYears(lastClosedYear: closed.year, results: lines)
    }

    /// Classes 6 and 7 of one fiscal year per account and analytic code (debit − credit).
    static func resultLines(fiscalYear: Int, in db: Database) throws -> [BalanceLine] {
        try grouped(sql: """
            SELECT p.account, NULL AS auxiliary, p.analytic, SUM(p.debit_cents - p.credit_cents) AS balance
            FROM posting p JOIN entry e ON e.seq = p.entry_seq
            WHERE e.fiscal_year = ? AND e.journal <> ?
            GROUP BY p.account, p.analytic
            """, arguments: [fiscalYear, JournalCode.an.rawValue], in: db).filter { YearClosing.isResult($0.account) }
    }

    /// Every (account, third party, analytic code) balance through a day, à-nouveaux left out (they restate earlier
    /// balances): the ledger is one continuous history, so this is the balance sheet the à-nouveaux carry.
    ///
    /// The lines are streamed and summed here rather than by a SQL `GROUP BY`: that sorts every line of the history,
    /// and the writer's temporary storage is in memory, so its memory grew with the ledger (460 MB at ten years).
    /// The sums need one entry per balance, whatever the length of the history.
    static func balanceSheet(through day: Day, in db: Database) throws -> [BalanceLine] {
        struct Key: Hashable {
            let account: String
            let auxiliary: String?
            let analytic: String?
        }
        var balances: [Key: Int64] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT p.account, p.auxiliary, p.analytic, p.debit_cents - p.credit_cents
            FROM posting p JOIN entry e ON e.seq = p.entry_seq
            WHERE e.entry_date <= ? AND e.journal <> ?
            """, arguments: [day.iso, JournalCode.an.rawValue])
        while let row = try rows.next() {
            let account: String = row[0]
            guard YearClosing.isBalanceSheet(account) else { continue }
            balances[Key(account: account, auxiliary: row[1], analytic: row[2]), default: 0] += row[3] as Int64
        }
        return balances.map { BalanceLine(account: $0.key.account, auxiliary: $0.key.auxiliary, analytic: $0.key.analytic,
                                          balance: Cents($0.value)) }
    }

    static func grouped(sql: String, arguments: StatementArguments, in db: Database) throws -> [BalanceLine] {
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        var lines: [BalanceLine] = []
        while let row = try rows.next() {
            lines.append(BalanceLine(account: row["account"], auxiliary: row["auxiliary"], analytic: row["analytic"],
                                     balance: Cents(row["balance"])))
        }
        return lines
    }

    /// Unwraps a pure closing rule's result, turning a refusal into the store's error.
    static func refused<T>(_ body: () throws -> Result<T, ClosingRefusal>) throws -> T {
        switch try body() {
        case .success(let value): return value
        case .failure(let refusal): throw StoreError.refused(code: refusal.code, message: refusal.message)
        }
    }
}

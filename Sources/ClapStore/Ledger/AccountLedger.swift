import GRDB
import LedgerCore

/// Which lines of the grand livre: one account, optionally one third party, between two entry dates (inclusive).
public struct AccountLedgerRequest: Hashable, Sendable {
    public let account: String
    public let auxiliary: String?
    public let from: Day?
    public let to: Day?

    public init(account: String, auxiliary: String?, from: Day?, to: Day?) {
        self.account = account
        self.auxiliary = auxiliary
        self.from = from
        self.to = to
    }
}

/// One line of the grand livre, with the account's balance after it.
public struct AccountLedgerLine: Hashable, Sendable, Codable {
    public let entryDate: Day
    public let pieceDate: Day
    public let entry: EntryRef
    public let pieceRef: String
    public let label: String
    public let auxiliary: String?
    public let analytic: String?
    public let debit: Cents
    public let credit: Cents
    /// Debit minus credit, from the opening balance through this line.
    public let runningBalance: Cents
}

/// The grand livre's frame: the account, its balance before the first line, the totals of the lines, the closing balance.
public struct AccountLedgerSummary: Hashable, Sendable, Codable {
    public let account: String
    public let label: String
    public let auxiliary: String?
    public let from: Day?
    public let to: Day?
    /// Debit minus credit of every line before `from` (zero without `from`).
    public let opening: Cents
    public let totalDebit: Cents
    public let totalCredit: Cents
    public let lineCount: Int

    /// Debit minus credit after the last line.
    public var closing: Cents { opening + totalDebit - totalCredit }
}

/// The grand livre of one account, streamed in date order. Like the trial balance, it reads the ledger's whole
/// history and leaves the à-nouveaux out (the opening balance before `from` is what they restate).
public enum AccountLedger {
    /// Visits every line in date order (then posting order) and returns the totals.
    public static func read(_ request: AccountLedgerRequest, in db: Database,
                            _ visit: (AccountLedgerLine) throws -> Void) throws -> AccountLedgerSummary {
        guard let label = try String.fetchOne(db, sql: "SELECT label FROM account WHERE number = ?", arguments: [request.account]) else {
            throw StoreError.refused(code: "account.unknown", message: "Le compte \(request.account) n'existe pas dans le plan comptable.")
        }
        var conditions = ["p.account = ?", "e.journal <> 'AN'"]
        var arguments: [(any DatabaseValueConvertible)?] = [request.account]
        if let auxiliary = request.auxiliary {
            conditions.append(try ThirdPartyBlocks.condition(alias: "p", in: db))
            conditions.append("p.auxiliary = ?")
            arguments.append(auxiliary)
        }
        let filter = conditions.joined(separator: " AND ")

        var opening = Cents.zero
        if let from = request.from {
            opening = Cents(try Int64.fetchOne(db, sql: """
                SELECT COALESCE(SUM(p.debit_cents - p.credit_cents), 0) FROM posting p JOIN entry e ON e.seq = p.entry_seq
                WHERE \(filter) AND e.entry_date < ?
                """, arguments: StatementArguments(arguments + [from.iso])) ?? 0)
        }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT e.entry_date, e.piece_date, e.journal, e.fiscal_year, e.number, e.piece_ref, e.label,
                   p.auxiliary, p.analytic, p.debit_cents, p.credit_cents
            FROM posting p JOIN entry e ON e.seq = p.entry_seq
            WHERE \(filter) AND e.entry_date >= ? AND e.entry_date <= ?
            ORDER BY e.entry_date, e.seq, p.line_no
            """, arguments: StatementArguments(arguments + [request.from?.iso ?? "0000-00-00", request.to?.iso ?? "9999-99-99"]))
        var balance = opening, debit = Cents.zero, credit = Cents.zero, count = 0
        while let row = try rows.next() {
            guard let entryDate = Day.parse(row["entry_date"]), let pieceDate = Day.parse(row["piece_date"]) else {
                throw StoreError.refused(code: "entry.bad_date", message: "Date illisible dans une écriture du compte \(request.account) : lancez « clap verify ».")
            }
            let lineDebit = Cents(row["debit_cents"]), lineCredit = Cents(row["credit_cents"])
            balance += lineDebit - lineCredit
            debit += lineDebit
            credit += lineCredit
            count += 1
            try visit(AccountLedgerLine(
                entryDate: entryDate, pieceDate: pieceDate,
                entry: EntryRef(journal: JournalCode(row["journal"]), fiscalYear: row["fiscal_year"], number: row["number"]),
                pieceRef: row["piece_ref"], label: row["label"], auxiliary: row["auxiliary"], analytic: row["analytic"],
                debit: lineDebit, credit: lineCredit, runningBalance: balance))
        }
        return AccountLedgerSummary(account: request.account, label: label, auxiliary: request.auxiliary, from: request.from,
                                    to: request.to, opening: opening, totalDebit: debit, totalCredit: credit, lineCount: count)
    }
}

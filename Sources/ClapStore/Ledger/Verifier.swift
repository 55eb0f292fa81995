import GRDB
import LedgerCore

/// What `clap verify` found: counts of what it read and every violation.
public struct VerificationReport: Sendable {
    public var entryCount = 0
    public var lineCount = 0
    public var violations: [LedgerViolation] = []
    /// The recorded head of the hash chain (the anchor a treasurer can write down).
    public var headHash = CanonicalHash.genesis

    public var isClean: Bool { violations.isEmpty }

    public init() {}
}

/// Re-checks every invariant of accounting.md from what is stored, independently of how it was written.
public enum Verifier {
    /// The triggers that make posted rows immutable; a missing one is itself a finding.
    static let guardTriggers = [
        "entry_is_immutable_u", "entry_is_immutable_d", "posting_is_immutable_u", "posting_is_immutable_d",
        "period_lock_is_immutable_u", "period_lock_is_immutable_d", "audit_log_is_immutable_u", "audit_log_is_immutable_d",
    ]

    /// Extra checks that later parts of the store register (envelopes, valuation, payables, closing).
    public typealias Check = @Sendable (Database) throws -> [LedgerViolation]

    public static func verify(in db: Database, extraChecks: [Check] = []) throws -> VerificationReport {
        var report = VerificationReport()
        report.violations += try checkGuards(db)
        report.violations += try checkEntryBalances(db)
        report.violations += try checkNumbering(db)
        report.violations += try checkChain(db, report: &report)
        report.violations += try checkPeriods(db)
        report.violations += try checkTrialBalance(db)
        report.violations += try checkIdempotencyKeys(db)
        for check in extraChecks { report.violations += try check(db) }
        report.lineCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM posting") ?? 0
        return report
    }

    static func checkGuards(_ db: Database) throws -> [LedgerViolation] {
        let present = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        return guardTriggers.filter { !present.contains($0) }.map {
            LedgerViolation(invariant: 0, code: "guard.missing",
                            message: "le déclencheur « \($0) » qui protège les écritures a été supprimé.")
        }
    }

    static func checkEntryBalances(_ db: Database) throws -> [LedgerViolation] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT e.journal, e.fiscal_year, e.number, COUNT(p.line_no) AS n,
                   COALESCE(SUM(p.debit_cents), 0) AS debit, COALESCE(SUM(p.credit_cents), 0) AS credit,
                   COALESCE(SUM(p.debit_cents < 0 OR p.credit_cents < 0 OR (p.debit_cents = 0 AND p.credit_cents = 0)), 0) AS bad,
                   COALESCE(SUM(p.debit_cents > 0 AND p.credit_cents > 0), 0) AS both
            FROM entry e LEFT JOIN posting p ON p.entry_seq = e.seq
            GROUP BY e.seq
            HAVING n < 2 OR debit <> credit OR bad > 0 OR both > 0
            """)
        return rows.flatMap { row in
            EntryRules.checkBalance(ref: ref(row), lineCount: row["n"], nonPositiveLines: row["bad"], bothSidesLines: row["both"],
                                    debit: Cents(row["debit"]), credit: Cents(row["credit"]))
        }
    }

    static func checkNumbering(_ db: Database) throws -> [LedgerViolation] {
        var found: [LedgerViolation] = []
        var current: (String, Int)?
        var numbers: [Int] = []
        func flush() {
            if let (journal, year) = current {
                found += EntryRules.checkNumbering(journal: JournalCode(journal), fiscalYear: year, sortedNumbers: numbers)
            }
        }
        let cursor = try Row.fetchCursor(db, sql: "SELECT journal, fiscal_year, number FROM entry ORDER BY journal, fiscal_year, number")
        while let row = try cursor.next() {
            let key: (String, Int) = (row["journal"], row["fiscal_year"])
            if current.map({ $0 != key }) ?? true {
                flush()
                current = key
                numbers = []
            }
            numbers.append(row["number"])
        }
        flush()
        return found
    }

    static func checkChain(_ db: Database, report: inout VerificationReport) throws -> [LedgerViolation] {
        var chain = HashChainVerifier()
        try LedgerReader.forEachEntry(in: db) { chain.feed($0) }
        let head = try LedgerReader.head(in: db)
        chain.finish(recordedHeadHash: head.hash, recordedCount: head.lastSeq)
        report.entryCount = chain.count
        report.headHash = head.hash
        return chain.violations
    }

    static func checkPeriods(_ db: Database) throws -> [LedgerViolation] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT e.journal, e.fiscal_year, e.number, e.entry_date, MAX(l.closed_through) AS closed
            FROM entry e JOIN period_lock l ON e.seq > l.after_seq AND e.entry_date <= l.closed_through
            GROUP BY e.seq ORDER BY e.seq
            """)
        return rows.compactMap { row in
            guard let date = Day.parse(row["entry_date"]) else { return nil }
            return EntryRules.checkPeriod(ref: ref(row), entryDate: date, closedThroughAtPosting: Day.parse(row["closed"]))
        }
    }

    static func checkTrialBalance(_ db: Database) throws -> [LedgerViolation] {
        guard let row = try Row.fetchOne(db, sql: "SELECT COALESCE(SUM(debit_cents), 0) AS d, COALESCE(SUM(credit_cents), 0) AS c FROM posting") else { return [] }
        return EntryRules.checkTrialBalance(totalDebit: Cents(row["d"]), totalCredit: Cents(row["c"])).map { [$0] } ?? []
    }

    static func checkIdempotencyKeys(_ db: Database) throws -> [LedgerViolation] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT journal, fiscal_year, number, idempotency_key FROM entry
            WHERE idempotency_key IN (SELECT idempotency_key FROM entry WHERE idempotency_key IS NOT NULL
                                      GROUP BY idempotency_key HAVING COUNT(*) > 1)
            ORDER BY seq
            """)
        return rows.map { row in
            LedgerViolation(invariant: 9, code: "idempotency.duplicate", entry: ref(row),
                            message: "la clé « \(row["idempotency_key"] as String) » a servi à plusieurs écritures.")
        }
    }

    static func ref(_ row: Row) -> EntryRef {
        EntryRef(journal: JournalCode(row["journal"]), fiscalYear: row["fiscal_year"], number: row["number"])
    }
}

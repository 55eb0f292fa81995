import Foundation
import GRDB
import LedgerCore

/// What `clap verify` found: counts of what it read and every violation.
public struct VerificationReport: Sendable {
    public var entryCount = 0
    public var lineCount = 0
    public var violations: [LedgerViolation] = []
    /// The recorded head of the hash chain (the anchor a treasurer can write down).
    public var headHash = CanonicalHash.genesis
    /// How long each pass and each check run by its reference took, in the order they finished
    /// (`CLAP_VERIFY_TIMINGS=1 clap verify` prints them).
    public var timings: [VerifyTiming] = []

    public var isClean: Bool { violations.isEmpty }

    public init() {}
}

/// Re-checks every invariant of accounting.md from what is stored, independently of how it was written.
///
/// Each check has a reference implementation (the functions below and the ones `StoreChecks` lists): plain SQL and
/// Swift that read every value without trusting it and name what they find. Reading the whole ledger once per check
/// is too slow for a long history, so `verify` first runs fast passes (`LedgerScan`, one stream over the entries and
/// lines feeding every per-line check at once, and `SideScan`, the actions and payouts) that prove checks clean.
/// A fast pass proves a check clean only when the reference would find nothing; anything else (a finding, a value
/// clap never writes, a sum that could overflow, a query that fails) leaves the check to its reference, which
/// then names what it finds exactly as before. Findings come out in the checks' order, whichever way they ran.
public enum Verifier {
    /// The triggers that make posted rows immutable; a missing one is itself a finding.
    static let guardTriggers = [
        "entry_is_immutable_u", "entry_is_immutable_d", "posting_is_immutable_u", "posting_is_immutable_d",
        "period_lock_is_immutable_u", "period_lock_is_immutable_d", "audit_log_is_immutable_u", "audit_log_is_immutable_d",
    ]

    /// What a check is, so that a fast pass can answer for it.
    public enum Kind: Sendable, Hashable {
        case guards, storedValues, entryBalances, numbering, chain, periods, trialBalance, idempotencyKeys
        case envelopes, valuation, closedYears, registrySeals, monthlyTotals, analyticTotals, openLines, payables, batchEntries, letters
        /// A check no fast pass knows: its reference always runs.
        case other
    }

    /// A check `verify` runs after the ledger's own (envelopes, valuation, payables, closing…): its reference
    /// implementation, and what it is.
    public struct Check: Sendable {
        let kind: Kind
        let reference: @Sendable (Database) throws -> [LedgerViolation]

        /// A check of its own: it always runs as given.
        public init(_ reference: @escaping @Sendable (Database) throws -> [LedgerViolation]) {
            self.init(.other, reference)
        }

        init(_ kind: Kind, _ reference: @escaping @Sendable (Database) throws -> [LedgerViolation]) {
            self.kind = kind
            self.reference = reference
        }
    }

    /// Every check in the order findings are reported, with the name an aborted check is reported under.
    static func plan(_ extraChecks: [Check]) -> [(name: String, check: Check)] {
        let own: [(String, Check)] = [
            ("déclencheurs", Check(.guards, checkGuards)),
            ("valeurs enregistrées", Check(.storedValues, checkStoredValues)),
            ("équilibre des écritures", Check(.entryBalances, checkEntryBalances)),
            ("numérotation", Check(.numbering, checkNumbering)),
            // The chain's reference also fills the report's summary: `run` calls it itself.
            ("chaîne SHA-256", Check(.chain, { _ in [] })),
            ("périodes clôturées", Check(.periods, checkPeriods)),
            ("balance", Check(.trialBalance, checkTrialBalance)),
            ("clés d'idempotence", Check(.idempotencyKeys, checkIdempotencyKeys)),
        ]
        return own + extraChecks.enumerated().map { ("contrôle complémentaire n° \($0.offset + 1)", $0.element) }
    }

    /// Verifies on one connection (one read transaction): the fast passes one after the other, then the reference
    /// of every check they did not prove clean.
    public static func verify(in db: Database, extraChecks: [Check] = []) throws -> VerificationReport {
        verify(in: db, extraChecks: extraChecks, fastPasses: true)
    }

    /// `fastPasses: false` runs every check by its reference, as `verify` did before it had fast passes (the tests
    /// compare both).
    static func verify(in db: Database, extraChecks: [Check], fastPasses: Bool) -> VerificationReport {
        let plan = plan(extraChecks)
        let kinds = Set(plan.map(\.check.kind))
        var ledger: LedgerScan.Outcome?
        let ledgerTime = VerifyTiming(Self.ledgerPass) { if fastPasses { ledger = try? LedgerScan.run(in: db) } }
        var side = SideOutcome()
        runSide(plan, kinds: fastPasses ? kinds : [], in: db, into: &side)
        return finish(plan, ledger: ledger, ledgerTime: ledgerTime, side: side, in: db)
    }

    /// The checks the fast passes prove clean on this database (for tests).
    static func fastVerdicts(in db: Database, extraChecks: [Check]) -> Set<Kind> {
        let kinds = Set(plan(extraChecks).map(\.check.kind))
        return provenClean(ledger: try? LedgerScan.run(in: db), side: try? SideScan.run(kinds: kinds, in: db))
    }

    /// What the second half of the work found: the fast side pass, and the checks whose reference runs there.
    struct SideOutcome: Sendable {
        var scan: SideScan.Outcome?
        /// Findings of the checks run there, by position in the plan.
        var done: [Int: [LedgerViolation]] = [:]
        var timings: [VerifyTiming] = []
    }

    /// The side pass, and the references of the checks no fast pass answers for (they are cheap).
    static func runSide(_ plan: [(name: String, check: Check)], kinds: Set<Kind>, in db: Database, into side: inout SideOutcome) {
        if !kinds.isEmpty {
            side.timings.append(VerifyTiming("passe annexe (actions, virements, lignes ouvertes, sceaux)") {
                side.scan = try? SideScan.run(kinds: kinds, in: db)
            })
        }
        for (index, step) in plan.enumerated() where [.guards, .idempotencyKeys, .other].contains(step.check.kind) {
            side.timings.append(VerifyTiming(step.name) { side.done[index] = runReference(step.name, step.check, in: db) })
        }
    }

    /// One check's reference; an error is a finding of its own, and the other checks go on.
    static func runReference(_ name: String, _ check: Check, in db: Database) -> [LedgerViolation] {
        do {
            return try check.reference(db)
        } catch {
            return [aborted(name, error)]
        }
    }

    static func aborted(_ name: String, _ error: Error) -> LedgerViolation {
        LedgerViolation(invariant: 0, code: "check.aborted",
                        message: "la vérification « \(name) » n'a pas pu aller au bout (\(describe(error))) ; les autres ont continué.")
    }

    static let ledgerPass = "passe du grand livre (écritures et lignes)"

    /// Puts the fast passes' answers together and runs, on `db`, the reference of every check they did not prove
    /// clean; then the report, findings in the plan's order.
    static func finish(_ plan: [(name: String, check: Check)], ledger: LedgerScan.Outcome?, ledgerTime: VerifyTiming,
                       side: SideOutcome, in db: Database) -> VerificationReport {
        let clean = provenClean(ledger: ledger, side: side.scan)
        var runs: [Int: ReferenceRun] = [:]
        for index in pending(plan, clean: clean, side: side) { runs[index] = runReference(at: index, plan, in: db) }
        return assemble(plan, ledger: ledger, ledgerTime: ledgerTime, side: side, runs: runs, in: db)
    }

    /// A reference that ran: its findings and, for the chain, what the walk learnt.
    struct ReferenceRun: Sendable {
        var violations: [LedgerViolation] = []
        var chain: ChainSummary?
        var timing: VerifyTiming
    }

    /// The positions in the plan whose reference has to run: neither run already nor proven clean.
    static func pending(_ plan: [(name: String, check: Check)], clean: Set<Kind>, side: SideOutcome) -> [Int] {
        plan.indices.filter { side.done[$0] == nil && !clean.contains(plan[$0].check.kind) }
    }

    /// Runs the reference at `index` in the plan (the chain's also gives the report its summary).
    static func runReference(at index: Int, _ plan: [(name: String, check: Check)], in db: Database) -> ReferenceRun {
        let step = plan[index]
        var violations: [LedgerViolation] = []
        var chain: ChainSummary?
        let timing = VerifyTiming(step.name) {
            guard step.check.kind == .chain else {
                violations = runReference(step.name, step.check, in: db)
                return
            }
            var summary = ChainSummary()
            do {
                violations = try checkChain(db, summary: &summary)
            } catch {
                violations = [aborted(step.name, error)]
            }
            chain = summary
        }
        return ReferenceRun(violations: violations, chain: chain, timing: timing)
    }

    /// The report: every check's findings in the plan's order, from the side, the references run, or nothing for
    /// the checks proven clean.
    static func assemble(_ plan: [(name: String, check: Check)], ledger: LedgerScan.Outcome?, ledgerTime: VerifyTiming,
                         side: SideOutcome, runs: [Int: ReferenceRun], in db: Database) -> VerificationReport {
        var report = VerificationReport()
        report.timings = [ledgerTime] + side.timings + runs.sorted { $0.key < $1.key }.map(\.value.timing)
        for (index, step) in plan.enumerated() {
            if let found = side.done[index] {
                report.violations += found
            } else if let run = runs[index] {
                report.violations += run.violations
                if let chain = run.chain {
                    report.entryCount = chain.count
                    report.headHash = chain.headHash
                }
            } else if step.check.kind == .chain, let ledger {
                report.entryCount = ledger.entryCount
                report.headHash = ledger.headHash
            }
        }
        report.lineCount = ledger?.lineCount ?? ((try? Int.fetchOne(db, sql: "SELECT COUNT(*) FROM posting")) ?? 0)
        return report
    }

    /// How long a reference takes, roughly, against the others: to share them between two connections.
    static func weight(_ kind: Kind) -> Int {
        switch kind {
        case .chain, .valuation: 8
        case .monthlyTotals, .analyticTotals: 3
        case .letters, .payables, .storedValues: 2
        default: 1
        }
    }

    /// The checks the fast passes, put together, prove clean.
    static func provenClean(ledger: LedgerScan.Outcome?, side: SideScan.Outcome?) -> Set<Kind> {
        var clean = ledger?.clean ?? []
        if side?.sealsClean == true { clean.insert(.registrySeals) }
        guard let ledger, let side, ledger.structureClean else { return clean }
        if let actions = side.actionEntries, ledger.indemnityEntries.isSubset(of: actions.referenced),
           actions.paid.isSubset(of: ledger.entries) {
            clean.insert(.valuation)
        }
        if side.batchEntriesClean { clean.insert(.batchEntries) }
        if side.openLinesWrongRows == 0, let listed = side.openLinesListed, let lettered = ledger.letteringCount,
           ledger.thirdPartyLineCount - lettered == listed {
            clean.insert(.openLines)
        }
        if let owed = ledger.payables, let paid = side.transfers {
            if paid.payableAccount == nil {
                clean.insert(.payables)
            } else if let account = ledger.payableAccount, account == paid.payableAccount {
                var balanced = true
                for rpps in Set(owed.keys).union(paid.sums.keys) {
                    let lines = owed[rpps] ?? LedgerScan.PayableSums(), transfers = paid.sums[rpps] ?? (paid: 0, rejected: 0)
                    if lines.owed != lines.indemnities - transfers.paid + transfers.rejected { balanced = false; break }
                }
                if balanced { clean.insert(.payables) }
            }
        }
        return clean
    }

    /// What the chain walk learnt, for the report.
    struct ChainSummary {
        var count = 0
        var headHash = CanonicalHash.genesis
    }


    static func describe(_ error: Error) -> String {
        switch error {
        case let store as StoreError: store.message
        case let database as DatabaseError: "SQLite : " + (database.message ?? "\(database.resultCode)")
        default: "\(error)"
        }
    }

    static func checkGuards(_ db: Database) throws -> [LedgerViolation] {
        let present = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        return guardTriggers.filter { !present.contains($0) }.map {
            LedgerViolation(invariant: 0, code: "guard.missing",
                            message: "le déclencheur « \($0) » qui protège les écritures a été supprimé.")
        }
    }

    /// Values no entry of clap's can hold: lines of no entry, unknown journals and accounts, absurd amounts.
    /// (Values of the wrong type in an entry are named by the chain walk, `entry.unreadable`.)
    static func checkStoredValues(_ db: Database) throws -> [LedgerViolation] {
        var found: [LedgerViolation] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT p.entry_seq, p.line_no, p.account FROM posting p
            WHERE typeof(p.entry_seq) <> 'integer' OR NOT EXISTS (SELECT 1 FROM entry e WHERE e.seq = p.entry_seq)
            ORDER BY p.entry_seq, p.line_no
            """) {
            found.append(LedgerViolation(invariant: 0, code: "posting.orphan", message:
                "une ligne (compte \(row.stored("account").plain), ligne \(row.stored("line_no"))) est rattachée à l'écriture "
                + "\(row.stored("entry_seq")), qui n'existe pas : elle a été insérée ou son écriture supprimée."))
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT * FROM entry WHERE journal IS NULL OR journal NOT IN (SELECT code FROM journal) ORDER BY seq
            """) {
            found.append(LedgerViolation(invariant: 0, code: "entry.journal_unknown", entry: ref(row), message:
                "son journal \(row.stored("journal").plain) n'est pas un journal de clap (OD, IND, BQ, AN)."))
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT e.journal, e.fiscal_year, e.number, p.line_no, p.account FROM posting p JOIN entry e ON e.seq = p.entry_seq
            WHERE p.account IS NULL OR p.account NOT IN (SELECT number FROM account) ORDER BY e.seq, p.line_no
            """) {
            found.append(LedgerViolation(invariant: 0, code: "posting.account_unknown", entry: ref(row), message:
                "sa ligne \(row.stored("line_no")) porte le compte \(row.stored("account").plain), absent du plan comptable."))
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT e.journal, e.fiscal_year, e.number, p.line_no, p.debit_cents, p.credit_cents
            FROM posting p JOIN entry e ON e.seq = p.entry_seq
            WHERE (typeof(p.debit_cents) IN ('integer', 'real') AND abs(p.debit_cents) > ?1)
               OR (typeof(p.credit_cents) IN ('integer', 'real') AND abs(p.credit_cents) > ?1)
            ORDER BY e.seq, p.line_no
            """, arguments: [amountCentsMax]) {
            found.append(LedgerViolation(invariant: 1, code: "posting.amount_range", entry: ref(row), message:
                "sa ligne \(row.stored("line_no")) porte un montant hors de toute mesure (débit \(row.stored("debit_cents")), "
                + "crédit \(row.stored("credit_cents")) centimes)."))
        }
        return found
    }

    /// No line of clap's is anywhere near this (ten billion euros): beyond, sums could overflow.
    static let amountCentsMax: Int64 = 1_000_000_000_000

    static func checkEntryBalances(_ db: Database) throws -> [LedgerViolation] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT e.journal, e.fiscal_year, e.number, COUNT(p.line_no) AS n,
                   CAST(COALESCE(SUM(p.debit_cents), 0) AS INTEGER) AS debit, CAST(COALESCE(SUM(p.credit_cents), 0) AS INTEGER) AS credit,
                   COALESCE(SUM(p.debit_cents < 0 OR p.credit_cents < 0 OR (p.debit_cents = 0 AND p.credit_cents = 0)), 0) AS bad,
                   COALESCE(SUM(p.debit_cents > 0 AND p.credit_cents > 0), 0) AS both
            FROM entry e LEFT JOIN posting p ON p.entry_seq = e.seq
            GROUP BY e.seq
            HAVING n < 2 OR debit <> credit OR bad > 0 OR both > 0
            """)
        return rows.flatMap { row in
            EntryRules.checkBalance(ref: ref(row), lineCount: count(row, "n"), nonPositiveLines: count(row, "bad"),
                                    bothSidesLines: count(row, "both"), debit: cents(row, "debit"), credit: cents(row, "credit"))
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
        // Rows whose journal, year or number are not readable are named by the chain walk.
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT journal, fiscal_year, number FROM entry
            WHERE typeof(journal) = 'text' AND typeof(fiscal_year) = 'integer' AND typeof(number) = 'integer'
            ORDER BY journal, fiscal_year, number
            """)
        while let row = try cursor.next() {
            let reference = ref(row)
            let key: (String, Int) = (reference.journal.rawValue, reference.fiscalYear)
            if current.map({ $0 != key }) ?? true {
                flush()
                current = key
                numbers = []
            }
            numbers.append(reference.number)
        }
        flush()
        return found
    }

    static func checkChain(_ db: Database, summary: inout ChainSummary) throws -> [LedgerViolation] {
        var chain = HashChainVerifier()
        var unreadable: [LedgerViolation] = []
        try LedgerReader.forEachStoredEntry(in: db) { stored in
            switch stored {
            case .success(let entry):
                chain.feed(entry)
            case .failure(let damaged):
                unreadable.append(LedgerViolation(invariant: 0, code: "entry.unreadable", entry: damaged.ref, message: damaged.message))
                chain.feedUnreadable(sequence: damaged.sequence, ref: damaged.ref, previousHash: damaged.previousHash, hash: damaged.hash,
                                     reason: "une valeur enregistrée n'est pas de celles que clap écrit (voir entry.unreadable).")
            }
        }
        summary.count = chain.count
        if let row = try Row.fetchOne(db, sql: "SELECT last_seq, hash FROM ledger_head WHERE id = 1"),
           let lastSeq = row.stored("last_seq").integer, let hash = row.stored("hash").text {
            chain.finish(recordedHeadHash: hash, recordedCount: lastSeq)
            summary.headHash = hash
        } else {
            unreadable.append(LedgerViolation(invariant: 3, code: "chain.head",
                                              message: "la tête de chaîne (table ledger_head) a disparu ou ne se relit plus."))
        }
        return unreadable + chain.violations
    }

    static func checkPeriods(_ db: Database) throws -> [LedgerViolation] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT e.journal, e.fiscal_year, e.number, e.entry_date, MAX(l.closed_through) AS closed
            FROM entry e JOIN period_lock l ON e.seq > l.after_seq AND e.entry_date <= l.closed_through
            GROUP BY e.seq ORDER BY e.seq
            """)
        return rows.compactMap { row in
            guard let date = row.stored("entry_date").day else { return nil }
            return EntryRules.checkPeriod(ref: ref(row), entryDate: date, closedThroughAtPosting: row.stored("closed").text.flatMap(Day.parse))
        }
    }

    static func checkTrialBalance(_ db: Database) throws -> [LedgerViolation] {
        guard let row = try Row.fetchOne(db, sql: "SELECT CAST(COALESCE(SUM(debit_cents), 0) AS INTEGER) AS d, CAST(COALESCE(SUM(credit_cents), 0) AS INTEGER) AS c FROM posting") else { return [] }
        return EntryRules.checkTrialBalance(totalDebit: cents(row, "d"), totalCredit: cents(row, "c")).map { [$0] } ?? []
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
                            message: "la clé « \(row.stored("idempotency_key").plain) » a servi à plusieurs écritures.")
        }
    }

    /// An entry's journal, year and number as far as they can be read (0 where not).
    static func ref(_ row: Row) -> EntryRef {
        EntryRef(journal: JournalCode(row.stored("journal").text ?? row.stored("journal").description),
                 fiscalYear: row.stored("fiscal_year").integer.flatMap { Int(exactly: $0) } ?? 0,
                 number: row.stored("number").integer.flatMap { Int(exactly: $0) } ?? 0)
    }

    /// A sum or amount read back; a value that is not an integer counts as zero (and is named elsewhere).
    static func cents(_ row: Row, _ column: String) -> Cents { Cents(row.stored(column).integer ?? 0) }

    static func count(_ row: Row, _ column: String) -> Int { row.stored(column).integer.flatMap { Int(exactly: $0) } ?? 0 }
}

/// How long one step of `verify` took: wall-clock, and the processor time of the thread that ran it (the machine may
/// be shared: the second says what the step costs, the first what it took).
public struct VerifyTiming: Sendable {
    public let step: String
    public let duration: Duration
    public let processorTime: Duration

    init(_ step: String, _ body: () -> Void) {
        let start = ContinuousClock.now, processorStart = Self.threadProcessorTime()
        body()
        self.step = step
        duration = ContinuousClock.now - start
        processorTime = Self.threadProcessorTime() - processorStart
    }

    private static func threadProcessorTime() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return .seconds(Int64(time.tv_sec)) + .nanoseconds(Int64(time.tv_nsec))
    }
}

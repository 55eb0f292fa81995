import GRDB
import LedgerCore

/// Entries posted one after the other inside one transaction (`LedgerWriter.posting`), with what does not change
/// between them kept in memory: the chain head, the last closed day, the next number of each journal and year,
/// the accounts already checked, and the monthly totals, written at `finish`. The envelopes' totals
/// (`AnalyticTotals`) are written with each entry, the envelope's room being read between entries; or, for the
/// import, which moves the rooms it has read in memory, with the held rows (`EnvelopeTotalsWriting`).
///
/// The entries' own rows (`entry`, `posting`) are held and written a hundred to a statement, by `writePending`
/// (every `holding` entries, and at `finish`): a caller that reads those two tables between two posts calls
/// it first. An idempotency key is looked for among the held entries as well as in the table.
///
/// The import hands its held rows to another connection instead (`takeHeld`, `SnapshotPipeline`): they are written
/// there while the next entries are posted here.
///
/// Each entry is checked, numbered and chained exactly as when it is posted alone: the rules and the hash are
/// the same, only the reads and writes of the shared rows are done once for the batch.
public struct PostingBatch: Sendable {
    private var lastSeq: Int64
    private var hash: String
    private let closedThrough: Day?
    private var nextNumbers: [JournalYear: Int] = [:]
    private var knownAccounts: Set<String> = []
    private var totals = MonthlyTotals()
    private var envelopeTotals = AnalyticTotals()
    private let envelopeTotalsWriting: EnvelopeTotalsWriting
    private var postedCount = 0
    /// Posted entries whose rows are not written yet, with their request digests; and their idempotency keys.
    private var pending: [(entry: PostedEntry, requestDigest: String)] = []
    private var pendingByKey: [String: Int] = [:]
    /// The idempotency keys of the entries handed off by `takeHeld`, which the tables may not show yet.
    private var handedOffKeys: [String: EntryRef] = [:]
    /// Held entries past which `post` writes them: the memory held stays small whatever the batch.
    private let holding: Int
    /// The usual `holding`: ten statements of a hundred entries, and a few hundred kilobytes held.
    public static let defaultHolding = 1_000

    private struct JournalYear: Hashable {
        let journal: String
        let year: Int
    }

    init(in db: Database, holding: Int = defaultHolding, envelopeTotals: EnvelopeTotalsWriting = .withEachEntry) throws {
        self.holding = max(1, holding)
        envelopeTotalsWriting = envelopeTotals
        guard let head = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT last_seq, hash, (SELECT MAX(closed_through) FROM period_lock) AS closed FROM ledger_head WHERE id = 1
            """)) else { throw StoreError.notInitialized }
        lastSeq = head["last_seq"]
        hash = head["hash"]
        closedThrough = (head["closed"] as String?).flatMap(Day.parse)
    }

    /// Posts one draft (see `LedgerWriter.post`).
    public mutating func post(_ draft: EntryDraft, validDate: Day, in db: Database) throws -> PostingOutcome {
        if case .failure(let error) = EntryRules.validate(draft) { throw StoreError.posting(error) }
        let encoded = EncodedDraft(draft)
        let digest = CanonicalHash.requestDigest(encoded)
        if let key = draft.idempotencyKey, let (existing, existingDigest) = try earlier(key: key, in: db) {
            guard existingDigest == digest else { throw StoreError.posting(.idempotencyConflict(key: key, existing: existing.ref)) }
            return .alreadyPosted(existing)
        }
        if let closed = closedThrough, draft.entryDate <= closed {
            throw StoreError.posting(.periodClosed(entryDate: draft.entryDate, firstOpenDay: closed.adding(days: 1) ?? closed))
        }
        try checkAccounts(of: draft, in: db)
        let number = try nextNumber(journal: draft.journal.rawValue, year: draft.fiscalYear, in: db)
        let seq = lastSeq + 1
        let previousHash = hash
        let ref = EntryRef(journal: draft.journal, fiscalYear: draft.fiscalYear, number: number)
        let entryHash = CanonicalHash.entryHash(previousHash: previousHash, ref: ref, validDate: validDate, encoded: encoded)

        envelopeTotals.add(draft)
        if envelopeTotalsWriting == .withEachEntry { try envelopeTotals.write(in: db) }
        totals.add(draft)
        lastSeq = seq
        hash = entryHash
        nextNumbers[JournalYear(journal: draft.journal.rawValue, year: draft.fiscalYear)] = number + 1
        postedCount += 1
        let entry = PostedEntry(sequence: seq, ref: ref, validDate: validDate, draft: draft, previousHash: previousHash, hash: entryHash)
        if let key = draft.idempotencyKey { pendingByKey[key] = pending.count }
        pending.append((entry, digest))
        if pending.count >= holding { try writePending(in: db) }
        return .posted(entry)
    }

    /// The entry already posted with this idempotency key, held or written, and its request digest. A key handed off
    /// earlier in this batch is refused: its rows may not be written yet, and the request cannot be compared with
    /// them (the import, the only batch that hands rows off, keys its entries by its new actions' numbers).
    private func earlier(key: String, in db: Database) throws -> (PostedEntry, String)? {
        if let index = pendingByKey[key] { return pending[index] }
        if let ref = handedOffKeys[key] { throw StoreError.posting(.idempotencyConflict(key: key, existing: ref)) }
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, request_digest FROM entry WHERE idempotency_key = ?"),
                                         arguments: [key]) else { return nil }
        return (try LedgerReader.entry(seq: row["seq"], in: db), row["request_digest"])
    }

    /// Writes the held entries, then their lines (a line names its entry), a hundred rows to a statement; and
    /// their envelope totals when those are held too.
    public mutating func writePending(in db: Database) throws {
        var held = takeHeld(keepingKeys: false)
        try held.write(in: db)
    }

    /// The held entries and envelope totals, for another connection to write (`HeldEntries.write`); the batch
    /// holds none afterwards, and refuses their idempotency keys (see `earlier`).
    mutating func takeHeld() -> HeldEntries { takeHeld(keepingKeys: true) }

    private mutating func takeHeld(keepingKeys: Bool) -> HeldEntries {
        let held = HeldEntries(entries: pending, envelopeTotals: envelopeTotals)
        if keepingKeys {
            for (entry, _) in pending { if let key = entry.draft.idempotencyKey { handedOffKeys[key] = entry.ref } }
        }
        envelopeTotals = AnalyticTotals()
        pending.removeAll(keepingCapacity: true)
        pendingByKey.removeAll(keepingCapacity: true)
        return held
    }

    /// Writes the held entries, the chain head and the monthly totals of everything posted (nothing when nothing was).
    mutating func finish(in db: Database) throws {
        guard postedCount > 0 else { return }
        try writePending(in: db)
        try db.cachedStatement(sql: "UPDATE ledger_head SET last_seq = ?, hash = ? WHERE id = 1").execute(arguments: [lastSeq, hash])
        try totals.write(in: db)
    }

    private mutating func checkAccounts(of draft: EntryDraft, in db: Database) throws {
        for line in draft.lines where !knownAccounts.contains(line.account) {
            let found = try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM account WHERE number = ?"), arguments: [line.account]) ?? false
            guard found else { throw StoreError.posting(.unknownAccount(line.account)) }
            knownAccounts.insert(line.account)
        }
    }

    private mutating func nextNumber(journal: String, year: Int, in db: Database) throws -> Int {
        let key = JournalYear(journal: journal, year: year)
        if let number = nextNumbers[key] { return number }
        let number = try Int.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(number), 0) + 1 FROM entry WHERE journal = ? AND fiscal_year = ?"),
                                      arguments: [journal, year]) ?? 1
        nextNumbers[key] = number
        return number
    }
}

/// Entries posted by a `PostingBatch` and not yet written, with the envelope totals they add: what `writePending`
/// writes, or what the import hands to the writer connection (`ImportChunk`).
struct HeldEntries: Sendable {
    let entries: [(entry: PostedEntry, requestDigest: String)]
    var envelopeTotals: AnalyticTotals

    /// Writes the envelope totals, the entries, then their lines (a line names its entry), a hundred rows to a statement.
    mutating func write(in db: Database) throws {
        try envelopeTotals.write(in: db)
        guard !entries.isEmpty else { return }
        try RowInserter.insert(into: """
            entry (seq, journal, fiscal_year, number, entry_date, piece_date, valid_date, piece_ref, label,
                   idempotency_key, request_digest, reverses_journal, reverses_year, reverses_number, prev_hash, hash)
            """, columns: 16, in: db) { rows in
            for (entry, requestDigest) in entries {
                let draft = entry.draft
                try rows.add(entry.sequence, draft.journal.rawValue, draft.fiscalYear, entry.ref.number, draft.entryDate.iso,
                             draft.pieceDate.iso, entry.validDate.iso, draft.pieceRef, draft.label, draft.idempotencyKey, requestDigest,
                             draft.reverses?.journal.rawValue, draft.reverses?.fiscalYear, draft.reverses?.number,
                             entry.previousHash, entry.hash, in: db)
            }
        }
        try RowInserter.insert(into: "posting (entry_seq, line_no, account, auxiliary, analytic, debit_cents, credit_cents)",
                               columns: 7, in: db) { rows in
            for (entry, _) in entries {
                for (index, line) in entry.draft.lines.enumerated() {
                    try rows.add(entry.sequence, index + 1, line.account, line.auxiliary, line.analytic,
                                 line.debitCents.value, line.creditCents.value, in: db)
                }
            }
        }
    }
}

/// The monthly totals of a batch's entries (`account_month`, `third_party_month`), summed in memory and added to
/// the tables at the end, one upsert per account (and third party) and month instead of two statements per entry.
struct MonthlyTotals {
    private struct AccountMonth: Hashable {
        let account: String
        let month: String
    }

    private struct ThirdPartyMonth: Hashable {
        let account: String
        let auxiliary: String
        let month: String
    }

    private var accounts = OrderedSums<AccountMonth>()
    private var thirdParties = OrderedSums<ThirdPartyMonth>()

    /// Adds an entry's lines. À-nouveaux restate balances the history already holds: counting them would double
    /// classes 1 to 5, so they are left out.
    mutating func add(_ draft: EntryDraft) {
        guard draft.journal != .an else { return }
        let month = draft.entryDate.yearMonth.iso
        for line in draft.lines {
            accounts.add(AccountMonth(account: line.account, month: month), debit: line.debitCents.value, credit: line.creditCents.value)
            if let auxiliary = line.auxiliary {
                thirdParties.add(ThirdPartyMonth(account: line.account, auxiliary: auxiliary, month: month),
                                 debit: line.debitCents.value, credit: line.creditCents.value)
            }
        }
    }

    func write(in db: Database) throws {
        try RowInserter.insert(into: "account_month (account, month, debit_cents, credit_cents)", columns: 4, conflict: """
            ON CONFLICT (account, month) DO UPDATE SET debit_cents = debit_cents + excluded.debit_cents,
                                                       credit_cents = credit_cents + excluded.credit_cents
            """, in: db) { rows in
            for (key, sides) in zip(accounts.keys, accounts.sides) {
                try rows.add(key.account, key.month, sides.debit, sides.credit, in: db)
            }
        }
        // In the order first seen, which is the entries' order: month after month (the table's key is month first,
        // Schema/0012), so the new rows go to the end of the table. Sorting them fully saved SQLite less than the
        // sort cost (20 M instructions against 95 M for a month's import).
        try RowInserter.insert(into: "third_party_month (month, account, auxiliary, debit_cents, credit_cents)", columns: 5, conflict: """
            ON CONFLICT (month, account, auxiliary) DO UPDATE SET debit_cents = debit_cents + excluded.debit_cents,
                                                                  credit_cents = credit_cents + excluded.credit_cents
            """, in: db) { rows in
            for (key, sides) in zip(thirdParties.keys, thirdParties.sides) {
                try rows.add(key.month, key.account, key.auxiliary, sides.debit, sides.credit, in: db)
            }
        }
    }
}

import ClapDomain
import GRDB
import LedgerCore

/// `verify`'s one pass over the ledger: the entries in chain order and their lines, read once, feeding every per-line
/// check at the same time (stored values, entry balances, numbering, the SHA-256 chain, closed periods, the trial
/// balance, the monthly totals, the envelopes and their totals, closed years, the letters, and the payable sums of
/// invariant 7).
///
/// It proves checks clean; it never names a finding. A check is proven clean only when its reference implementation
/// (`Verifier.check…`, `StoreChecks`) would find nothing: every value is read with its storage class checked, every
/// comparison is made as the reference makes it (bytes as SQLite compares text), and anything the reference could
/// read differently (a value clap never writes, a line of no entry, a text GRDB would not read back byte for byte,
/// a sum that could overflow) sends the check, or every check, back to its reference.
struct LedgerScan {
    /// What the pass proved.
    struct Outcome: Sendable {
        /// The checks whose reference would find nothing.
        var clean: Set<Verifier.Kind> = []
        /// Every entry and line reads back as clap writes them (types, dates, texts, amounts, lines of an entry,
        /// positions in order): what the other fast passes need to rely on the ledger.
        var structureClean = false
        var entryCount = 0
        var headHash = CanonicalHash.genesis
        /// Every row of `posting`; nil when the walk stopped short.
        var lineCount: Int?
        /// Lines with a third party (`open_line`'s expected count, before the lettered ones).
        var thirdPartyLineCount = 0
        /// Rows of `lettering`; nil when they could not be read.
        var letteringCount: Int?
        /// The payable account, and per professional what its lines hold (nil when they cannot be relied on).
        var payableAccount: String?
        var payables: [String: PayableSums]?
        /// The positions of the IND entries (each must be an action's, invariant 6), and of every entry.
        var indemnityEntries = PositionSet()
        var entries = PositionSet()
    }

    /// A professional's payable lines: outside the à-nouveaux, and in the IND journal (credit − debit).
    struct PayableSums: Sendable {
        var owed: Int64 = 0
        var indemnities: Int64 = 0
    }

    /// Sums are taken with plain arithmetic once every amount is known small: the sum of all their magnitudes stays
    /// under this bound, so no partial sum in any order overflows (in this pass, in SQLite, or combined with the
    /// transfers, which keep under the same bound).
    static let magnitudeBound: Int64 = 1 << 61

    static func run(in db: Database) throws -> Outcome {
        var scan = try LedgerScan(db)
        try scan.walk(db)
        scan.compareAnalyticTotals(db)
        return scan.outcome(db)
    }

    // MARK: - State

    private var dirty: Set<Verifier.Kind> = []
    private var structureClean = true

    private var accounts = ByteInterner()
    private var chartCount = 0
    private var payableID: Int32 = 0
    private var expenseID: Int32 = 0
    private var grantIDs: Set<Int32> = []
    private var payableAccount: String?

    private var journals = ByteInterner()
    private var journalCount = 0
    private var anID: Int32 = 0
    private var indID: Int32 = 0

    private var parties = ByteInterner()
    private var analytics = ByteInterner()

    /// Period locks by `after_seq`, and the latest `closed_through` of those passed.
    private var locks: [(afterSeq: Int64, closedThrough: [UInt8])] = []
    private var nextLock = 0
    private var closedThrough: [UInt8]?

    /// The stored monthly totals, less the lines as they come; each row must end touched and at zero.
    private var accountMonths = PackedTotals(rowsPerMonth: [:])
    private var partyMonths = PackedTotals(rowsPerMonth: [:])

    /// Per (account, third party, letter): what is not settled yet; a group leaves when it comes back to zero.
    private var openLetters = SumMap()
    private var lettering: RawRows?
    private var letteringPending = false
    private var letteringCount = 0

    /// Per analytic code: envelope granted and consumed; per (account, analytic code): debit − credit.
    private var granted: [Int64] = [0]
    private var consumed: [Int64] = [0]
    private var analyticBalances = SumMap()
    /// Per (account, analytic code): the debits and the credits, for `analytic_total` (both hold the same keys).
    private var analyticDebits = SumMap()
    private var analyticCredits = SumMap()

    /// Per third party of the payable account.
    private var owed: [Int64] = [0]
    private var indemnities: [Int64] = [0]
    private var onPayable: [Bool] = [false]

    private var numbering: [NumberingKey: Int64] = [:]
    private var indemnityEntries = PositionSet()
    private var entries = PositionSet()
    private var expectedSequence: Int64 = 1
    private var expectedPrevious: [UInt8] = Array(CanonicalHash.genesis.utf8)
    private var entryCount = 0
    private var lineCount = 0
    private var walked = false
    private var thirdPartyLineCount = 0
    private var totalDebit: Int64 = 0
    private var totalCredit: Int64 = 0
    private var magnitude: Int64 = 0

    private var header = CanonicalBytes()
    private var lineBytes = CanonicalBytes()

    private struct NumberingKey: Hashable {
        let journal: Int32
        let year: Int64
    }

    private static let entryTag = Array("clap-entry-v1".utf8)
    private static let debitSide = Array("D".utf8)
    private static let creditSide = Array("C".utf8)

    // MARK: - Before the walk

    private init(_ db: Database) throws {
        let chart = try RawRows(db, "SELECT number, role FROM account")
        var roles: [String: Int32] = [:]
        var duplicateRole = false
        while try chart.next() {
            guard let number = chart.text(0), StoredText.isPlainASCII(number) else { structureClean = false; continue }
            let id = accounts.id(number)
            if let role = chart.text(1) {
                let name = String(decoding: role, as: UTF8.self)
                if roles[name] != nil { duplicateRole = true }
                roles[name] = id
            } else if !chart.isNull(1) {
                structureClean = false
            }
        }
        if duplicateRole { structureClean = false }
        chartCount = accounts.count
        payableID = roles[AccountRole.professionalPayable.rawValue] ?? 0
        expenseID = roles[AccountRole.indemnityExpense.rawValue] ?? 0
        grantIDs = Set([AccountRole.subsidyRevenue, .dedicatedFundsReuse].compactMap { roles[$0.rawValue] })
        payableAccount = payableID == 0 ? nil : accounts.string(payableID)

        let codes = try RawRows(db, "SELECT code FROM journal")
        while try codes.next() {
            guard let code = codes.text(0), StoredText.isPlainASCII(code) else { structureClean = false; continue }
            _ = journals.id(code)
        }
        journalCount = journals.count
        anID = Array(JournalCode.an.rawValue.utf8).withUnsafeBufferPointer { journals.id($0) }
        indID = Array(JournalCode.ind.rawValue.utf8).withUnsafeBufferPointer { journals.id($0) }

        do {
            let rows = try RawRows(db, "SELECT after_seq, closed_through FROM period_lock")
            while try rows.next() {
                guard let after = rows.integer(0), let through = rows.text(1) else { dirty.insert(.periods); continue }
                locks.append((after, Array(through)))
            }
            locks.sort { $0.afterSeq < $1.afterSeq }
        } catch {
            dirty.insert(.periods)
        }
        loadMonthlyTotals(db)
        do {
            lettering = try RawRows(db, "SELECT entry_seq, line_no, letter FROM lettering ORDER BY entry_seq, line_no")
            letteringPending = try lettering?.next() ?? false
            if letteringPending { letteringCount += 1 }
        } catch {
            lettering = nil
            dirty.insert(.letters)
        }
    }

    /// Both monthly tables, keyed as the lines will look them up. A row clap would not write, or the same key
    /// twice, leaves the check to its reference.
    private mutating func loadMonthlyTotals(_ db: Database) {
        do {
            accountMonths = PackedTotals(rowsPerMonth: try Self.rowsPerMonth("account_month", db))
            let rows = try RawRows(db, "SELECT account, month, debit_cents, credit_cents FROM account_month")
            while try rows.next() {
                guard let account = rows.text(0), let month = rows.text(1).flatMap(StoredText.monthIndex),
                      let debit = rows.integer(2), let credit = rows.integer(3) else { dirty.insert(.monthlyTotals); continue }
                let key = UInt64(UInt32(bitPattern: accounts.id(account))) << 32 | UInt64(month)
                if !accountMonths.insert(key, month: month, debit: debit, credit: credit) { dirty.insert(.monthlyTotals) }
            }
            partyMonths = PackedTotals(rowsPerMonth: try Self.rowsPerMonth("third_party_month", db))
            let parties = try RawRows(db, "SELECT account, auxiliary, month, debit_cents, credit_cents FROM third_party_month")
            while try parties.next() {
                guard let account = parties.text(0), let party = parties.text(1), let month = parties.text(2).flatMap(StoredText.monthIndex),
                      let debit = parties.integer(3), let credit = parties.integer(4),
                      let key = Self.partyMonthKey(accounts.id(account), self.parties.id(party), month) else {
                    dirty.insert(.monthlyTotals)
                    continue
                }
                if !partyMonths.insert(key, month: month, debit: debit, credit: credit) { dirty.insert(.monthlyTotals) }
            }
        } catch {
            dirty.insert(.monthlyTotals)
        }
    }

    /// How many rows of a monthly table each month has (a month clap would not write has none: its rows find no room).
    private static func rowsPerMonth(_ table: String, _ db: Database) throws -> [Int: Int] {
        var counts: [Int: Int] = [:]
        let rows = try RawRows(db, "SELECT month, COUNT(*) FROM \(table) GROUP BY month")
        while try rows.next() {
            if let month = rows.text(0).flatMap(StoredText.monthIndex), let count = rows.integer(1) { counts[month, default: 0] += Int(count) }
        }
        return counts
    }

    private static func partyMonthKey(_ account: Int32, _ party: Int32, _ month: Int) -> UInt64? {
        guard account < 1 << 8, party < 1 << 28, month < 1 << 20 else { return nil }
        return UInt64(account) << 48 | UInt64(party) << 20 | UInt64(month)
    }

    // MARK: - The walk

    private mutating func walk(_ db: Database) throws {
        let entries = try RawRows(db, """
            SELECT seq, journal, fiscal_year, number, entry_date, piece_date, valid_date, piece_ref, label, idempotency_key,
                   reverses_journal, reverses_year, reverses_number, prev_hash, hash
            FROM entry ORDER BY seq
            """)
        let lines = try RawRows(db, """
            SELECT entry_seq, line_no, account, auxiliary, analytic, debit_cents, credit_cents FROM posting ORDER BY entry_seq, line_no
            """)
        var lineAvailable = try lines.next()
        var previousSequence: Int64?
        while try entries.next() {
            guard let seq = entries.integer(0), previousSequence.map({ $0 < seq }) ?? true else {
                // Positions that are not increasing integers: lines cannot be matched to entries as the reference does.
                structureClean = false
                return
            }
            previousSequence = seq
            let entry = readEntry(entries)
            lineBytes.reset()
            var count = 0
            var debit: Int64 = 0, credit: Int64 = 0
            var previousLine: Int64 = .min
            while lineAvailable {
                guard let lineSeq = lines.integer(0) else {
                    structureClean = false
                    lineAvailable = try lines.next()
                    lineCount += 1
                    continue
                }
                if lineSeq > seq { break }
                lineCount += 1
                if lineSeq < seq {
                    // A line of no entry (`posting.orphan`).
                    structureClean = false
                } else {
                    count += 1
                    readLine(lines, entry: entry, previousLine: &previousLine, debit: &debit, credit: &credit)
                }
                lineAvailable = try lines.next()
            }
            finishEntry(entries, entry, seq: seq, lineCount: count, debit: debit, credit: credit)
        }
        while lineAvailable {
            lineCount += 1
            structureClean = false
            lineAvailable = try lines.next()
        }
        walked = true
        try drainLettering()
        checkHead(db)
    }

    /// What the lines need to know of their entry.
    private struct EntryContext {
        var journal: Int32 = 0
        var month: Int?
        var isOpening = false
        var isIndemnity = false
    }

    private mutating func readEntry(_ row: RawRows) -> EntryContext {
        var context = EntryContext()
        if let journal = row.text(1), StoredText.isPlainASCII(journal) {
            context.journal = journals.id(journal)
            context.isOpening = context.journal == anID
            context.isIndemnity = context.journal == indID
            if Int(context.journal) > journalCount { dirty.insert(.storedValues) }
        } else {
            structureClean = false
        }
        context.month = row.text(4).flatMap(StoredText.dayMonthIndex)
        if context.month == nil { structureClean = false }
        return context
    }

    private mutating func readLine(_ row: RawRows, entry: EntryContext, previousLine: inout Int64,
                                   debit entryDebit: inout Int64, credit entryCredit: inout Int64) {
        guard let lineNo = row.integer(1), lineNo > previousLine,
              let accountBytes = row.text(2),
              let debit = row.integer(5), let credit = row.integer(6),
              (debit > 0) != (credit > 0), debit >= 0, credit >= 0,
              debit <= Verifier.amountCentsMax, credit <= Verifier.amountCentsMax else {
            structureClean = false
            return
        }
        previousLine = lineNo
        let amount = debit > 0 ? debit : credit
        let (sum, overflow) = magnitude.addingReportingOverflow(amount)
        guard !overflow, sum <= Self.magnitudeBound else {
            structureClean = false
            return
        }
        magnitude = sum
        let account = accounts.id(accountBytes)
        guard accounts.exact[Int(account)] else { structureClean = false; return }
        if Int(account) > chartCount { dirty.insert(.storedValues) }
        var party: Int32 = 0
        if let bytes = row.text(3) {
            party = parties.id(bytes)
            guard parties.exact[Int(party)] else { structureClean = false; return }
            thirdPartyLineCount += 1
        } else if !row.isNull(3) {
            structureClean = false
            return
        }
        var analytic: Int32 = 0
        if let bytes = row.text(4) {
            analytic = analytics.id(bytes)
            guard analytics.exact[Int(analytic)] else { structureClean = false; return }
        } else if !row.isNull(4) {
            structureClean = false
            return
        }

        // The chain: the line's fields in the canonical layout.
        lineBytes.field(accountBytes)
        if party == 0 { lineBytes.emptyField() } else { lineBytes.field(parties.bytes(party)) }
        if analytic == 0 { lineBytes.emptyField() } else { lineBytes.field(analytics.bytes(analytic)) }
        lineBytes.field(debit > 0 ? Self.debitSide : Self.creditSide)
        lineBytes.numberField(amount)

        entryDebit &+= debit
        entryCredit &+= credit
        totalDebit &+= debit
        totalCredit &+= credit

        // Monthly totals (à-nouveaux left out, as `LedgerWriter.post` leaves them out).
        if !entry.isOpening, let month = entry.month {
            let key = UInt64(UInt32(bitPattern: account)) << 32 | UInt64(month)
            if !accountMonths.subtract(key, month: month, debit: debit, credit: credit) { dirty.insert(.monthlyTotals) }
            if party != 0 {
                if let key = Self.partyMonthKey(account, party, month) {
                    if !partyMonths.subtract(key, month: month, debit: debit, credit: credit) { dirty.insert(.monthlyTotals) }
                } else {
                    dirty.insert(.monthlyTotals)
                }
            }
        }

        // Invariant 7: the payable account per professional.
        if account == payableID, party != 0 {
            if Int(party) >= owed.count {
                let grow = Int(party) + 1 - owed.count
                owed += repeatElement(0, count: grow)
                indemnities += repeatElement(0, count: grow)
                onPayable += repeatElement(false, count: grow)
            }
            onPayable[Int(party)] = true
            if !entry.isOpening { owed[Int(party)] &+= credit &- debit }
            if entry.isIndemnity { indemnities[Int(party)] &+= credit &- debit }
        }

        // Envelopes and closed years.
        if analytic != 0 {
            if Int(analytic) >= granted.count {
                let grow = Int(analytic) + 1 - granted.count
                granted += repeatElement(0, count: grow)
                consumed += repeatElement(0, count: grow)
            }
            if grantIDs.contains(account) { granted[Int(analytic)] &+= credit &- debit }
            if account == expenseID { consumed[Int(analytic)] &+= debit &- credit }
            let key = UInt64(UInt32(bitPattern: account)) << 32 | UInt64(UInt32(bitPattern: analytic))
            analyticBalances.add(key, debit &- credit)
            analyticDebits.add(key, debit)
            analyticCredits.add(key, credit)
        }

        // Letters: the lettering rows of this line, merged in (entry, line) order.
        if lettering != nil {
            letter(seq: row.integer(0) ?? 0, lineNo: lineNo, account: account, party: party, rest: credit &- debit)
        }
    }

    /// Adds this line's amount to the groups of the letters it carries; lettering rows of lines before it match none.
    private mutating func letter(seq: Int64, lineNo: Int64, account: Int32, party: Int32, rest: Int64) {
        guard let rows = lettering else { return }
        while letteringPending {
            guard let letterSeq = rows.integer(0), let letterLine = rows.integer(1) else {
                dirty.insert(.letters)
                advanceLettering()
                continue
            }
            if (letterSeq, letterLine) > (seq, lineNo) { return }
            if (letterSeq, letterLine) == (seq, lineNo) {
                if let code = rows.text(2).flatMap(Self.letterCode), account < 1 << 16 {
                    let key = UInt64(UInt32(bitPattern: account)) << 48 | UInt64(UInt32(bitPattern: party)) << 16 | UInt64(code)
                    openLetters.add(key, rest, dropZero: true)
                } else {
                    dirty.insert(.letters)
                }
            }
            advanceLettering()
        }
    }

    private mutating func advanceLettering() {
        do {
            letteringPending = try lettering?.next() ?? false
            if letteringPending { letteringCount += 1 }
        } catch {
            letteringPending = false
            lettering = nil
            dirty.insert(.letters)
        }
    }

    /// Lettering rows after the last line: they match no line, but are counted.
    private mutating func drainLettering() throws {
        while letteringPending { advanceLettering() }
    }

    /// A letter as clap writes them (one to three capitals) as a number; nil for anything else.
    private static func letterCode(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt16? {
        guard (1...3).contains(bytes.count) else { return nil }
        var code: UInt16 = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") else { return nil }
            code = code * 27 + UInt16(byte - UInt8(ascii: "A") + 1)
        }
        return code
    }

    /// The entry's own checks once its lines are read: decoding as `LedgerReader.decode` does, balance, numbering,
    /// closed periods, and its link and hash in the chain.
    private mutating func finishEntry(_ row: RawRows, _ entry: EntryContext, seq: Int64, lineCount count: Int,
                                      debit: Int64, credit: Int64) {
        entryCount += 1
        guard let journal = row.text(1), let year = row.integer(2), let number = row.integer(3),
              let entryDate = row.text(4), let pieceDate = row.text(5), let validDate = row.text(6),
              StoredText.dayMonthIndex(pieceDate) != nil, StoredText.dayMonthIndex(validDate) != nil,
              let pieceRef = row.text(7), StoredText.readsBackExactly(pieceRef),
              let label = row.text(8), StoredText.readsBackExactly(label),
              let previousHash = row.text(13), StoredText.readsBackExactly(previousHash),
              let hash = row.text(14), StoredText.readsBackExactly(hash) else {
            structureClean = false
            return
        }
        let key = row.text(9)
        if key.map({ !StoredText.readsBackExactly($0) }) ?? !row.isNull(9) { structureClean = false; return }

        if !entries.insert(seq) || (entry.isIndemnity && !indemnityEntries.insert(seq)) { structureClean = false }
        // Invariant 1.
        if count < 2 || debit != credit { dirty.insert(.entryBalances) }
        // Invariant 2: numbers of a journal and year come 1, 2, 3… in chain order, so sorted they have no gap.
        let numberingKey = NumberingKey(journal: entry.journal, year: year)
        if number != (numbering[numberingKey] ?? 0) + 1 { dirty.insert(.numbering) }
        numbering[numberingKey] = number
        // Invariant 4: no lock taken before this entry covers its date.
        while nextLock < locks.count, locks[nextLock].afterSeq < seq {
            if closedThrough.map({ $0.lexicographicallyPrecedes(locks[nextLock].closedThrough) }) ?? true {
                closedThrough = locks[nextLock].closedThrough
            }
            nextLock += 1
        }
        if let closedThrough, StoredText.lessOrEqual(entryDate, closedThrough) { dirty.insert(.periods) }

        // Invariant 3: position, link, and the SHA-256 of the canonical bytes.
        if seq != expectedSequence || !StoredText.equal(previousHash, expectedPrevious) { dirty.insert(.chain) }
        header.reset()
        header.raw(previousHash)
        header.field(Self.entryTag)
        header.field(journal)
        header.numberField(year)
        header.numberField(number)
        header.field(validDate)
        header.field(journal)
        header.field(entryDate)
        header.field(pieceDate)
        header.field(pieceRef)
        header.field(label)
        if let key { header.field(key) } else { header.emptyField() }
        if row.isNull(10), row.isNull(11), row.isNull(12) {
            header.emptyField()
        } else if let reversed = row.text(10), StoredText.readsBackExactly(reversed),
                  let reversedYear = row.integer(11), let reversedNumber = row.integer(12) {
            var reference = Array(reversed)
            reference += Array("/\(reversedYear)/\(reversedNumber)".utf8)
            header.field(reference)
        } else {
            structureClean = false
            return
        }
        header.numberField(Int64(count))
        // SHA-256(previous hash ‖ content): the header then the lines, hashed one after the other.
        if !StoredDigest.matches(header.buffer, lineBytes.buffer, hash) { dirty.insert(.chain) }
        expectedPrevious.removeAll(keepingCapacity: true)
        expectedPrevious.append(contentsOf: hash)
        expectedSequence = seq + 1
    }

    /// The recorded head against the end of the chain.
    private mutating func checkHead(_ db: Database) {
        do {
            let head = try RawRows(db, "SELECT last_seq, hash FROM ledger_head WHERE id = 1")
            guard try head.next(), let lastSeq = head.integer(0), let hash = head.text(1), StoredText.readsBackExactly(hash),
                  lastSeq == Int64(entryCount), StoredText.equal(hash, expectedPrevious) else {
                dirty.insert(.chain)
                return
            }
            headHash = String(decoding: hash, as: UTF8.self)
        } catch {
            dirty.insert(.chain)
        }
    }

    private var headHash = CanonicalHash.genesis

    // MARK: - After the walk

    /// `analytic_total` against the sums of the analytic lines, as `AnalyticTotals.check` compares them: each row
    /// names a (code, account) the lines hold, with their debit and credit, and there are as many rows as pairs.
    private mutating func compareAnalyticTotals(_ db: Database) {
        guard walked else { dirty.insert(.analyticTotals); return }
        do {
            let rows = try RawRows(db, "SELECT analytic, account, debit_cents, credit_cents FROM analytic_total")
            var count = 0
            while try rows.next() {
                guard let analyticBytes = rows.text(0), let accountBytes = rows.text(1),
                      let debit = rows.integer(2), let credit = rows.integer(3) else { dirty.insert(.analyticTotals); return }
                let account = accounts.id(accountBytes), analytic = analytics.id(analyticBytes)
                guard accounts.exact[Int(account)], analytics.exact[Int(analytic)] else { dirty.insert(.analyticTotals); return }
                let key = UInt64(UInt32(bitPattern: account)) << 32 | UInt64(UInt32(bitPattern: analytic))
                guard analyticDebits.sum(key) == debit, analyticCredits.sum(key) == credit else {
                    dirty.insert(.analyticTotals)
                    return
                }
                count += 1
            }
            if count != analyticDebits.count { dirty.insert(.analyticTotals) }
        } catch {
            dirty.insert(.analyticTotals)
        }
    }

    private func outcome(_ db: Database) -> Outcome {
        var outcome = Outcome()
        outcome.entryCount = entryCount
        outcome.headHash = headHash
        outcome.lineCount = walked ? lineCount : nil
        outcome.thirdPartyLineCount = thirdPartyLineCount
        outcome.letteringCount = lettering == nil && dirty.contains(.letters) ? nil : letteringCount
        outcome.structureClean = structureClean
        outcome.payableAccount = payableAccount
        outcome.indemnityEntries = indemnityEntries
        outcome.entries = entries
        guard structureClean else { return outcome }

        var dirty = self.dirty
        if totalDebit != totalCredit { dirty.insert(.trialBalance) }
        if !accountMonths.allSettled || !partyMonths.allSettled {
            dirty.insert(.monthlyTotals)
        }
        if openLetters.count != 0 { dirty.insert(.letters) }
        for analytic in 1..<granted.count where consumed[analytic] > granted[analytic] { dirty.insert(.envelopes) }
        if !closedYearsBalance(db) { dirty.insert(.closedYears) }
        let own: [Verifier.Kind] = [.storedValues, .entryBalances, .numbering, .chain, .periods, .trialBalance,
                                    .monthlyTotals, .analyticTotals, .envelopes, .closedYears, .letters]
        outcome.clean = Set(own.filter { !dirty.contains($0) })

        var payables: [String: PayableSums] = [:]
        for party in 1..<onPayable.count where onPayable[party] {
            guard parties.plain[party] else { return outcome }
            payables[parties.string(Int32(party))] = PayableSums(owed: owed[party], indemnities: indemnities[party])
        }
        outcome.payables = payables
        return outcome
    }

    /// Invariant 8 as `ClosingStore.checkClosedYears` decides it, from this pass's sums.
    private func closedYearsBalance(_ db: Database) -> Bool {
        let closed: Day?
        do {
            closed = try EligibilityFacts.closedYearThrough(in: db)
        } catch {
            return false
        }
        guard let closed else { return true }
        let lines = analyticBalances.entries.map { key, balance in
            BalanceLine(account: accounts.string(Int32(truncatingIfNeeded: key >> 32)), auxiliary: nil,
                        analytic: analytics.string(Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)), balance: Cents(balance))
        }
        return YearClosing.checkClosedYears(lastClosedYear: closed.year, results: lines).isEmpty
    }
}

/// Debit and credit totals keyed by a packed (account, third party, month), in one open-addressing table sized once:
/// the stored monthly totals of the whole history, about 36 bytes a row. Each month has a region of its own, so that
/// the lines of one month (they come together, in chain order) touch a region that stays in the processor's cache
/// however long the history.
struct PackedTotals {
    private struct Slot {
        /// The top bit marks the row touched by a line; 0 is an empty slot (keys are never 0: an account id is at
        /// least 1).
        var key: UInt64
        var debit: Int64
        var credit: Int64
    }

    private var slots: [Slot]
    /// Per month from `firstMonth` on: where its region starts and how many slots it has.
    private var regions: [(start: Int, capacity: Int)]
    private let firstMonth: Int
    private static let touched: UInt64 = 1 << 63

    /// Regions for these row counts per month (months as `StoredText.monthIndex` numbers them).
    init(rowsPerMonth: [Int: Int]) {
        firstMonth = rowsPerMonth.keys.min() ?? 0
        let lastMonth = rowsPerMonth.keys.max() ?? -1
        regions = []
        var start = 0
        if lastMonth >= firstMonth {
            for month in firstMonth...lastMonth {
                let rows = rowsPerMonth[month] ?? 0
                let capacity = rows == 0 ? 0 : max(8, rows + rows / 2)
                regions.append((start, capacity))
                start += capacity
            }
        }
        slots = Array(repeating: Slot(key: 0, debit: 0, credit: 0), count: start)
    }

    private func region(_ month: Int) -> (start: Int, capacity: Int)? {
        let index = month - firstMonth
        guard index >= 0, index < regions.count, regions[index].capacity > 0 else { return nil }
        return regions[index]
    }

    @inline(__always)
    private static func offset(_ key: UInt64, _ capacity: Int) -> Int {
        let mixed = (key ^ (key >> 29)) &* 0x9E37_79B9_7F4A_7C15
        return Int(mixed.multipliedFullWidth(by: UInt64(capacity)).high)
    }

    /// Adds a stored row; false when the key is already there (or its month has no room).
    mutating func insert(_ key: UInt64, month: Int, debit: Int64, credit: Int64) -> Bool {
        guard let (start, capacity) = region(month) else { return false }
        var offset = Self.offset(key, capacity)
        for _ in 0..<capacity {
            let present = slots[start + offset].key & ~Self.touched
            if present == 0 {
                slots[start + offset] = Slot(key: key, debit: debit, credit: credit)
                return true
            }
            if present == key { return false }
            offset = offset + 1 == capacity ? 0 : offset + 1
        }
        return false
    }

    /// Takes a line off its row; false when no row has this key.
    mutating func subtract(_ key: UInt64, month: Int, debit: Int64, credit: Int64) -> Bool {
        guard let (start, capacity) = region(month) else { return false }
        var offset = Self.offset(key, capacity)
        for _ in 0..<capacity {
            let present = slots[start + offset].key & ~Self.touched
            if present == 0 { return false }
            if present == key {
                slots[start + offset].key = key | Self.touched
                slots[start + offset].debit &-= debit
                slots[start + offset].credit &-= credit
                return true
            }
            offset = offset + 1 == capacity ? 0 : offset + 1
        }
        return false
    }

    /// Every stored row was touched by some line and its lines add up to it.
    var allSettled: Bool {
        for slot in slots where slot.key != 0 {
            if slot.key & Self.touched == 0 || slot.debit != 0 || slot.credit != 0 { return false }
        }
        return true
    }
}

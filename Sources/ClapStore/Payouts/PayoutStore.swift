import ClapDomain
import GRDB
import LedgerCore

/// Monthly payouts: runs a month's batch (one BQ entry, transfers, exclusions, lettering), and its lifecycle.
/// Every method runs inside the caller's `ClapDatabase.write` transaction.
public enum PayoutStore {
    /// The SEPA versions a batch may be written in.
    public static let sepaVersions = ["pain.001.001.09", "pain.001.001.03"]

    /// `payout run`: pays every professional owed at least the threshold at the month's end, once.
    /// Running a month that already has its batch returns that batch and writes nothing.
    public static func runPayout(_ request: PayoutRequest, context: CommandContext, in db: Database) throws -> PayoutRunOutcome {
        let batchID = PayoutIdentifiers.batchID(request.month)
        if try batchExists(batchID, in: db) {
            return PayoutRunOutcome(batch: try batch(id: batchID, in: db), created: false)
        }
        try checkRequest(request, in: db)
        let association = try AssociationStore.association(in: db)
        let chart = try AssociationStore.chart(in: db)
        let payable = chart.number(.professionalPayable)
        let monthEnd = request.month.lastDay
        let openLines = try self.openLines(account: payable, through: monthEnd, in: db)
        let payees = try self.payees(in: db)
        let candidates = openLines.map { rpps, lines in
            PayoutCandidate(rpps: rpps, balanceDue: lines.reduce(.zero) { $0 + $1.dueAmount }, payee: payees[rpps])
        }
        let plan = PayoutPlanner.plan(month: request.month, threshold: request.threshold, candidates: candidates)
        let entry = try postEntry(plan, request: request, batchID: batchID, payable: payable, bank: chart.number(.bank),
                                  context: context, in: db)
        try db.execute(sql: """
            INSERT INTO payout_batch (id, month, execution_date, threshold_cents, sepa_version, message_id, created_at,
                                      debtor_name, debtor_iban, debtor_bic, remittance, entry_seq, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [batchID, request.month.iso, request.executionDate.iso, request.threshold.value, request.sepaVersion,
                             PayoutIdentifiers.messageID(request.month, createdAt: context.timestamp), context.timestamp,
                             association.name, association.iban, association.bic, PayoutIdentifiers.remittance(request.month),
                             entry?.sequence, PayoutBatchStatus.issued.rawValue])
        try RowInserter.insert(into: "payout_transfer (batch_id, rpps, creditor_name, amount_cents, iban_id, end_to_end_id, line_no)",
                               columns: 7, in: db) { rows in
            for (index, transfer) in plan.transfers.enumerated() {
                try rows.add(batchID, transfer.rpps.rawValue, transfer.payee.name, transfer.amount.value,
                             transfer.payee.ibanID, transfer.endToEndID, index + 1, in: db)
            }
        }
        if let entry {
            try letter(plan, openLines: openLines, entry: entry, batchID: batchID, payable: payable, request: request, in: db)
        }
        var exclusions: [(any DatabaseValueConvertible)?] = []
        exclusions.reserveCapacity(plan.exclusions.count * 5)
        for exclusion in plan.exclusions {
            exclusions += [batchID, exclusion.rpps.rawValue, exclusion.balance.value, exclusion.reason.code,
                           exclusion.reason.message(balance: exclusion.balance)]
        }
        try LedgerWriter.insertRows(into: "payout_exclusion (batch_id, rpps, balance_cents, code, message)",
                                    columns: 5, values: exclusions, in: db)
        return PayoutRunOutcome(batch: try batch(id: batchID, in: db), created: true)
    }

    static func checkRequest(_ request: PayoutRequest, in db: Database) throws {
        guard sepaVersions.contains(request.sepaVersion) else {
            throw StoreError.refused(code: "payout.sepa_version",
                                     message: "Version SEPA « \(request.sepaVersion) » inconnue : choisissez \(sepaVersions.joined(separator: " ou ")).")
        }
        if case .failure(let issue) = PayoutPlanner.checkThreshold(request.threshold) {
            throw StoreError.refused(code: issue.code, message: issue.message)
        }
        if let later = try String.fetchOne(db, sql: "SELECT id FROM payout_batch WHERE month > ? ORDER BY month LIMIT 1",
                                           arguments: [request.month.iso]) {
            throw StoreError.refused(code: "payout.month_order",
                                     message: "Le lot \(later) existe déjà : les mois se paient dans l'ordre, et ce qui restait dû "
                                         + "pour \(request.month.iso) a été repris dans ce lot. Rien n'a été écrit.")
        }
    }

    /// The BQ entry of the batch: Dr payable (aux P) for each transfer, in the plan's order, Cr bank for the total.
    static func postEntry(_ plan: PayoutPlan, request: PayoutRequest, batchID: String, payable: String, bank: String,
                          context: CommandContext, in db: Database) throws -> PostedEntry? {
        guard !plan.transfers.isEmpty else { return nil }
        let lines = plan.transfers.map { PostingLine.debit(payable, $0.amount, auxiliary: $0.rpps.rawValue) }
            + [PostingLine.credit(bank, plan.total)]
        let draft = EntryDraft(journal: .bq, entryDate: try LedgerReader.firstOpenDay(onOrAfter: request.executionDate, in: db),
                               pieceDate: request.executionDate, pieceRef: batchID,
                               label: "Virements des indemnités \(request.month.iso)", lines: lines,
                               idempotencyKey: PayoutIdentifiers.entryKey(request.month))
        let outcome = try LedgerWriter.post(draft, validDate: context.today, in: db)
        guard outcome.isNew else {
            throw StoreError.refused(code: "payout.entry_without_batch",
                                     message: "L'écriture \(outcome.entry.ref) du lot \(batchID) existe sans son lot : lancez « clap verify ».")
        }
        return outcome.entry
    }

    /// Letters, for each paid professional, the open lines up to the month's end with the payout's own debit line.
    static func letter(_ plan: PayoutPlan, openLines: [RPPS: [OpenPayableLine]], entry: PostedEntry, batchID: String,
                       payable: String, request: PayoutRequest, in db: Database) throws {
        let lettersUsed = try self.lettersUsed(batchID: batchID, in: db)
        var rows: [(any DatabaseValueConvertible)?] = []
        rows.reserveCapacity(plan.transfers.count * 20)
        let letteredOn = request.executionDate.iso
        let monthEnd = request.month.lastDay
        for (index, transfer) in plan.transfers.enumerated() {
            let settled: [OpenPayableLine]
            switch PayoutLettering.settled(by: transfer.amount, openLines: openLines[transfer.rpps] ?? [], monthEnd: monthEnd) {
            case .success(let lines): settled = lines
            case .failure(let mismatch): throw StoreError.refused(code: "payout.lettering", message: mismatch.message)
            }
            let letter = LetterSequence.letter(at: lettersUsed[transfer.rpps.rawValue] ?? 0)
            func add(_ sequence: Int64, _ lineNumber: Int) {
                rows.append(sequence)
                rows.append(lineNumber)
                rows.append(letter)
                rows.append(letteredOn)
                rows.append(batchID)
            }
            for line in settled { add(line.entrySequence, line.lineNumber) }
            add(entry.sequence, index + 1)
        }
        try LedgerWriter.insertRows(into: "lettering (entry_seq, line_no, letter, lettered_on, batch_id)", columns: 5, values: rows, in: db)
    }

    /// How many letters each professional paid by `batchID` (whose transfers are already inserted) has used before it.
    ///
    /// Lettering happens only here, and each transfer ever made opened one new letter on its professional's account,
    /// carried by the transfer's own debit line: so the letters used are the transfers made before, and the last
    /// of them is on the latest earlier transfer's line. That transfer is found by walking the batches newest first
    /// through the primary key (batch_id, rpps): one lookup for a professional paid last month, one per batch for one
    /// never paid, where counting their transfers would read the whole history of payouts. Should that line carry
    /// no letter (a damaged ledger, which `verify` reports), the transfers are counted instead.
    static func lettersUsed(batchID: String, in db: Database) throws -> [String: Int] {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT t.rpps,
                   (SELECT COALESCE(l.letter, '') FROM payout_batch b
                    JOIN payout_transfer p ON p.batch_id = b.id AND p.rpps = t.rpps
                    LEFT JOIN lettering l ON l.entry_seq = b.entry_seq AND l.line_no = p.line_no
                    WHERE b.id <> t.batch_id AND b.entry_seq IS NOT NULL
                    ORDER BY b.id DESC LIMIT 1) AS last_letter
            FROM payout_transfer t WHERE t.batch_id = ?
            """, arguments: [batchID])
        var used: [String: Int] = [:]
        var unlettered: Set<String> = []
        while let row = try rows.next() {
            let rpps: String = row[0]
            guard let last: String = row[1] else { continue }  // never paid before: no letter used
            if let position = letterPosition(last) {
                used[rpps] = position + 1
            } else {
                unlettered.insert(rpps)
            }
        }
        if !unlettered.isEmpty {
            for row in try Row.fetchAll(db, sql: """
                SELECT t.rpps, COUNT(*) FROM payout_transfer t JOIN payout_batch b ON b.id = t.batch_id
                WHERE b.entry_seq IS NOT NULL AND t.batch_id <> ? GROUP BY t.rpps
                """, arguments: [batchID]) where unlettered.contains(row[0]) {
                used[row[0]] = row[1]
            }
        }
        return used
    }

    /// The zero-based position of a letter in `LetterSequence` (`A` → 0, `Z` → 25, `AA` → 26), nil for anything else.
    static func letterPosition(_ letter: String) -> Int? {
        guard !letter.isEmpty, letter.utf8.count <= 3 else { return nil }
        var value = 0
        for byte in letter.utf8 {
            guard (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) else { return nil }
            value = value * 26 + Int(byte - UInt8(ascii: "A")) + 1
        }
        return value - 1
    }

    /// The unlettered lines of the payable account dated up to `day`, per third party, in no particular order.
    /// Lettered lines are already settled (each letter sums to zero), so these add up to what is still due.
    /// À-nouveaux lines restate earlier balances: paying them would pay twice.
    static func openLines(account: String, through day: Day, in db: Database) throws -> [RPPS: [OpenPayableLine]] {
        // `open_line` (Schema/0008) holds exactly the unlettered lines with a third party, so this reads what is
        // still open, not the whole history of the account (CROSS JOIN keeps SQLite starting from open_line).
        // Unsorted: a balance is a sum, and the lettering orders each professional's lines itself.
        let rows = try Row.fetchCursor(db, sql: """
            SELECT p.auxiliary, p.entry_seq, p.line_no, e.entry_date, p.credit_cents - p.debit_cents AS due
            FROM open_line o CROSS JOIN posting p ON p.entry_seq = o.entry_seq AND p.line_no = o.line_no
            CROSS JOIN entry e ON e.seq = p.entry_seq
            WHERE o.account = ? AND p.account = ? AND p.auxiliary IS NOT NULL AND e.entry_date <= ? AND e.journal <> 'AN'
            """, arguments: [account, account, day.iso])
        var result: [RPPS: [OpenPayableLine]] = [:]
        while let row = try rows.next() {
            guard let date = Day.parse(row[3]) else { continue }
            result[RPPS(unchecked: row[0]), default: []].append(
                OpenPayableLine(entrySequence: row[1], lineNumber: row[2], entryDate: date, dueAmount: Cents(row[4])))
        }
        return result
    }

    /// Every registered professional with the IBAN on file now (the highest `professional_iban.id`).
    static func payees(in db: Database) throws -> [RPPS: Payee] {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT p.rpps, p.last_name, p.first_name, p.active, i.id AS iban_id, i.iban, i.bic
            FROM professional p JOIN professional_iban i ON i.id = (SELECT MAX(id) FROM professional_iban WHERE rpps = p.rpps)
            """)
        var result: [RPPS: Payee] = [:]
        while let row = try rows.next() {
            let last: String = row["last_name"]
            let first: String = row["first_name"]
            result[RPPS(unchecked: row["rpps"])] = Payee(name: first + " " + last.uppercased(), isActive: row["active"],
                                                         ibanID: row["iban_id"], ibanText: row["iban"], bic: row["bic"])
        }
        return result
    }

    static func batchExists(_ id: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM payout_batch WHERE id = ?", arguments: [id]) ?? false
    }
}

import ClapDomain
import GRDB
import LedgerCore

extension PayoutStore {
    /// One batch with its transfers (and the IBAN row each used) and exclusions.
    public static func batch(id: String, in db: Database) throws -> PayoutBatchRecord {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT b.*, e.journal, e.fiscal_year, e.number, e.entry_date
            FROM payout_batch b LEFT JOIN entry e ON e.seq = b.entry_seq WHERE b.id = ?
            """, arguments: [id]) else {
            throw StoreError.notFound(what: "Le lot de virements \(id)")
        }
        guard let month = YearMonth.parse(row["month"]), let execution = Day.parse(row["execution_date"]) else {
            throw StoreError.refused(code: "payout.unreadable", message: "Le lot \(id) a une date illisible : lancez « clap verify ».")
        }
        let entry: EntryRef? = (row["journal"] as String?).map {
            EntryRef(journal: JournalCode($0), fiscalYear: row["fiscal_year"], number: row["number"])
        }
        return PayoutBatchRecord(
            id: id, month: month, executionDate: execution, threshold: Cents(row["threshold_cents"]),
            sepaVersion: row["sepa_version"], messageID: row["message_id"], createdAt: row["created_at"],
            debtor: AssociationInfo(name: row["debtor_name"], siren: try AssociationStore.association(in: db).siren,
                                    iban: row["debtor_iban"], bic: row["debtor_bic"]),
            remittance: row["remittance"], entry: entry, entryDate: (row["entry_date"] as String?).flatMap(Day.parse),
            status: PayoutBatchStatus(rawValue: row["status"]) ?? .issued, confirmedAt: row["confirmed_at"],
            transfers: try transfers(batchID: id, entrySequence: row["entry_seq"], in: db),
            exclusions: try exclusions(batchID: id, in: db))
    }

    static func transfers(batchID: String, entrySequence: Int64?, in db: Database) throws -> [PayoutTransferRecord] {
        let paid = try paidPieceRefs(batchID: batchID, entrySequence: entrySequence, in: db)
        // A batch has thousands of transfers: a cursor and columns by position, not a copy of each row looked up by name.
        let rows = try Row.fetchCursor(db, sql: """
            SELECT t.rpps, t.creditor_name, t.amount_cents, t.iban_id, i.iban, i.bic, t.end_to_end_id,
                   t.rejected_on, t.reject_reason, r.journal, r.fiscal_year, r.number
            FROM payout_transfer t JOIN professional_iban i ON i.id = t.iban_id
            LEFT JOIN entry r ON r.seq = t.reject_entry_seq
            WHERE t.batch_id = ? ORDER BY t.rpps
            """, arguments: [batchID])
        var transfers: [PayoutTransferRecord] = []
        while let row = try rows.next() {
            let rpps = RPPS(unchecked: row[0])
            var rejection: PayoutRejection?
            if let on = (row[7] as String?).flatMap(Day.parse) {
                let ref = (row[9] as String?).map { EntryRef(journal: JournalCode($0), fiscalYear: row[10], number: row[11]) }
                rejection = PayoutRejection(on: on, reason: row[8] ?? "", entry: ref)
            }
            transfers.append(PayoutTransferRecord(rpps: rpps, creditorName: row[1], amount: Cents(row[2]), ibanID: row[3],
                                                  iban: IBAN(unchecked: row[4]), bic: row[5], endToEndID: row[6],
                                                  paidPieceRefs: paid[rpps] ?? [], rejection: rejection))
        }
        return transfers
    }

    /// Per professional, the piece references of the credit lines the batch lettered (its own lines aside), oldest first.
    static func paidPieceRefs(batchID: String, entrySequence: Int64?, in db: Database) throws -> [RPPS: [String]] {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT p.auxiliary, e.piece_ref FROM lettering l
            JOIN posting p ON p.entry_seq = l.entry_seq AND p.line_no = l.line_no
            JOIN entry e ON e.seq = l.entry_seq
            WHERE l.batch_id = ? AND l.entry_seq IS NOT ? AND p.credit_cents > 0
            ORDER BY p.auxiliary, e.entry_date, e.seq, p.line_no
            """, arguments: [batchID, entrySequence])
        var result: [RPPS: [String]] = [:]
        // Rows come grouped by professional: collect one professional's references, then store them.
        var current: (rpps: String, refs: [String])?
        while let row = try rows.next() {
            let auxiliary: String = row[0]
            let ref: String = row[1]
            if current?.rpps != auxiliary {
                if let done = current { result[RPPS(unchecked: done.rpps)] = done.refs }
                current = (auxiliary, [])
            }
            if current?.refs.contains(ref) == false { current?.refs.append(ref) }
        }
        if let done = current { result[RPPS(unchecked: done.rpps)] = done.refs }
        return result
    }

    static func exclusions(batchID: String, in db: Database) throws -> [PayoutExclusionRecord] {
        try Row.fetchAll(db, sql: """
            SELECT x.*, p.first_name, p.last_name FROM payout_exclusion x LEFT JOIN professional p ON p.rpps = x.rpps
            WHERE x.batch_id = ? ORDER BY x.rpps
            """, arguments: [batchID]).map { row in
            let name = (row["last_name"] as String?).map { ((row["first_name"] as String?) ?? "") + " " + $0.uppercased() }
            return PayoutExclusionRecord(rpps: RPPS(unchecked: row["rpps"]), name: name, balance: Cents(row["balance_cents"]),
                                         code: row["code"], message: row["message"])
        }
    }

    /// Every batch, oldest month first, with its counts and totals.
    public static func batches(in db: Database) throws -> [PayoutBatchSummary] {
        try Row.fetchAll(db, sql: """
            SELECT b.id, b.month, b.execution_date, b.status,
                   (SELECT COUNT(*) FROM payout_transfer t WHERE t.batch_id = b.id) AS n,
                   (SELECT COALESCE(SUM(amount_cents), 0) FROM payout_transfer t WHERE t.batch_id = b.id) AS total,
                   (SELECT COUNT(*) FROM payout_transfer t WHERE t.batch_id = b.id AND t.rejected_on IS NOT NULL) AS rejected,
                   (SELECT COUNT(*) FROM payout_exclusion x WHERE x.batch_id = b.id) AS excluded
            FROM payout_batch b ORDER BY b.month
            """).compactMap { row in
            guard let month = YearMonth.parse(row["month"]), let execution = Day.parse(row["execution_date"]) else { return nil }
            return PayoutBatchSummary(id: row["id"], month: month, executionDate: execution,
                                      status: PayoutBatchStatus(rawValue: row["status"]) ?? .issued, transferCount: row["n"],
                                      total: Cents(row["total"]), rejectedCount: row["rejected"], exclusionCount: row["excluded"])
        }
    }
}

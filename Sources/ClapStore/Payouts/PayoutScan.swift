import ClapDomain
import GRDB
import LedgerCore

/// The payout side of invariant 7 in one pass over the transfers, in their table's order (batch by batch): what each
/// professional was paid and had rejected (for `PayoutChecks.payables`, put together with `LedgerScan`'s sums of the
/// payable lines), and whether each transfer has its line in its batch's BQ entry and its rejection's entry
/// (`PayoutChecks.batchEntries` proven clean, reading each batch entry's lines once instead of one lookup a transfer).
enum PayoutScan {
    struct Outcome {
        var transfers: SideScan.Transfers?
        var batchEntriesClean = false
    }

    /// A line of the batch entry being checked.
    private struct BatchLine {
        let onPayable: Bool
        let party: String?
        let debit: Int64?
    }

    static func run(in db: Database) throws -> Outcome {
        var outcome = Outcome()
        let accounts = try RawRows(db, "SELECT number FROM account WHERE role = ?", arguments: [AccountRole.professionalPayable.rawValue])
        guard try accounts.next() else {
            // No payable account: both references check nothing.
            return Outcome(transfers: SideScan.Transfers(payableAccount: nil), batchEntriesClean: true)
        }
        guard let payableBytes = accounts.text(0), StoredText.isPlainASCII(payableBytes) else { return outcome }
        let payable = String(decoding: payableBytes, as: UTF8.self), payableNumber = Array(payableBytes)

        var batches: [[UInt8]: Int64?] = [:]
        var batchesReadable = true
        let rows = try RawRows(db, "SELECT id, entry_seq FROM payout_batch")
        while try rows.next() {
            guard let id = rows.text(0), StoredText.readsBackExactly(id), rows.integer(1) != nil || rows.isNull(1),
                  batches.updateValue(rows.integer(1), forKey: Array(id)) == nil else {
                batchesReadable = false
                continue
            }
        }

        var transfers = SideScan.Transfers(payableAccount: payable)
        var sumsReadable = true
        var entriesMatch = batchesReadable
        var magnitude: Int64 = 0
        var currentBatch: [UInt8]?
        var batchLines: [Int64: BatchLine]?
        let rejection = try db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM posting r WHERE r.entry_seq = ? AND r.account = ? AND r.auxiliary = ? AND r.credit_cents = ?)
            """)
        let list = try RawRows(db, """
            SELECT batch_id, rpps, amount_cents, line_no, rejected_on IS NOT NULL, reject_entry_seq
            FROM payout_transfer ORDER BY batch_id, rpps
            """)
        while try list.next() {
            guard let rppsBytes = list.text(1), StoredText.isPlainASCII(rppsBytes), let amount = list.integer(2),
                  amount.magnitude <= UInt64(Verifier.amountCentsMax) else {
                sumsReadable = false
                entriesMatch = false
                continue
            }
            magnitude += Int64(amount.magnitude)
            if magnitude > LedgerScan.magnitudeBound { sumsReadable = false; magnitude = 0 }
            let rpps = String(decoding: rppsBytes, as: UTF8.self)
            let rejected = list.integer(4) == 1
            transfers.sums[rpps, default: (0, 0)].paid &+= amount
            if rejected { transfers.sums[rpps, default: (0, 0)].rejected &+= amount }

            // Its batch entry's line (transfers of no batch are not the reference's concern).
            guard entriesMatch else { continue }
            guard let batchID = list.text(0) else {
                if !list.isNull(0) { entriesMatch = false }
                continue
            }
            if currentBatch.map({ !StoredText.equal(batchID, $0) }) ?? true {
                currentBatch = Array(batchID)
                batchLines = nil
                if let entrySeq = batches[Array(batchID)] {
                    guard let entrySeq else { entriesMatch = false; continue }
                    batchLines = try lines(ofEntry: entrySeq, payable: payableNumber, in: db)
                    if batchLines == nil { entriesMatch = false; continue }
                }
            }
            guard let batchLines else { continue }
            guard let lineNo = list.integer(3), let line = batchLines[lineNo], line.onPayable, line.party == rpps, line.debit == amount else {
                entriesMatch = false
                continue
            }
            if !list.isNull(5) {
                guard let rejectSeq = list.integer(5),
                      try Bool.fetchOne(rejection, arguments: [rejectSeq, payable, rpps, amount]) == true else {
                    entriesMatch = false
                    continue
                }
            }
        }
        if sumsReadable { outcome.transfers = transfers }
        outcome.batchEntriesClean = entriesMatch
        return outcome
    }

    /// The lines of a batch's BQ entry by number; nil when one could not be told apart (a number that is no integer
    /// or comes twice).
    private static func lines(ofEntry seq: Int64, payable: [UInt8], in db: Database) throws -> [Int64: BatchLine]? {
        let rows = try RawRows(db, "SELECT line_no, account, auxiliary, debit_cents FROM posting WHERE entry_seq = ?", arguments: [seq])
        var lines: [Int64: BatchLine] = [:]
        while try rows.next() {
            guard let lineNo = rows.integer(0) else { return nil }
            let onPayable = rows.text(1).map { StoredText.equal($0, payable) } ?? false
            let party = rows.text(2).flatMap { StoredText.isPlainASCII($0) ? String(decoding: $0, as: UTF8.self) : nil }
            if lines.updateValue(BatchLine(onPayable: onPayable, party: party, debit: rows.integer(3)), forKey: lineNo) != nil { return nil }
        }
        return lines
    }
}

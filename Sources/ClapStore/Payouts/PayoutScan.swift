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

    /// A line of the batch entry being checked: on the payable account, its third party (an id of `parties`) and debit.
    private struct BatchLine {
        var present = false
        var onPayable = false
        var party: Int32 = 0
        var debit: Int64?
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
        var parties = ByteInterner()
        var paid: [Int64] = [0], rejectedSums: [Int64] = [0], hasTransfer: [Bool] = [false]
        var sumsReadable = true
        var entriesMatch = batchesReadable
        var magnitude: Int64 = 0
        var currentBatch: [UInt8]?
        var batchLines: [BatchLine]?
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
            let party = parties.id(rppsBytes)
            if Int(party) >= paid.count {
                paid += repeatElement(0, count: Int(party) + 1 - paid.count)
                rejectedSums += repeatElement(0, count: Int(party) + 1 - rejectedSums.count)
                hasTransfer += repeatElement(false, count: Int(party) + 1 - hasTransfer.count)
            }
            hasTransfer[Int(party)] = true
            let rejected = list.integer(4) == 1
            paid[Int(party)] &+= amount
            if rejected { rejectedSums[Int(party)] &+= amount }

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
                    batchLines = try lines(ofEntry: entrySeq, payable: payableNumber, parties: &parties, in: db)
                    if batchLines == nil { entriesMatch = false; continue }
                }
            }
            guard let batchLines else { continue }
            guard let lineNo = list.integer(3), lineNo >= 0, lineNo < batchLines.count, batchLines[Int(lineNo)].present,
                  batchLines[Int(lineNo)].onPayable, batchLines[Int(lineNo)].party == party, batchLines[Int(lineNo)].debit == amount else {
                entriesMatch = false
                continue
            }
            if !list.isNull(5) {
                guard let rejectSeq = list.integer(5),
                      try Bool.fetchOne(rejection, arguments: [rejectSeq, payable, parties.string(party), amount]) == true else {
                    entriesMatch = false
                    continue
                }
            }
        }
        if sumsReadable {
            // Only the professionals with transfers (the lines' other third parties have their ids too).
            for party in 1..<paid.count where hasTransfer[party] {
                transfers.sums[parties.string(Int32(party))] = (paid[party], rejectedSums[party])
            }
            outcome.transfers = transfers
        }
        outcome.batchEntriesClean = entriesMatch
        return outcome
    }

    /// The lines of a batch's BQ entry by number; nil when one could not be told apart (a number that is no integer,
    /// out of measure, or that comes twice).
    private static func lines(ofEntry seq: Int64, payable: [UInt8], parties: inout ByteInterner, in db: Database) throws -> [BatchLine]? {
        let rows = try RawRows(db, "SELECT line_no, account, auxiliary, debit_cents FROM posting WHERE entry_seq = ?", arguments: [seq])
        var lines: [BatchLine] = []
        while try rows.next() {
            guard let lineNo = rows.integer(0), lineNo >= 0, lineNo < 1 << 24 else { return nil }
            if Int(lineNo) >= lines.count { lines += repeatElement(BatchLine(), count: Int(lineNo) + 1 - lines.count) }
            guard !lines[Int(lineNo)].present else { return nil }
            var line = BatchLine(present: true, debit: rows.integer(3))
            line.onPayable = rows.text(1).map { StoredText.equal($0, payable) } ?? false
            // A third party that is not plain ASCII matches no transfer (they are), as the reference would not either.
            if let party = rows.text(2), StoredText.isPlainASCII(party) { line.party = parties.id(party) }
            lines[Int(lineNo)] = line
        }
        return lines
    }
}

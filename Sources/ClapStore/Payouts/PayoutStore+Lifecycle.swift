import Foundation
import ClapDomain
import GRDB
import LedgerCore

extension PayoutStore {
    /// The longest rejection reason kept.
    public static let rejectReasonLengthMax = 200

    /// `payout confirm`: the bank executed the batch. Returns the batch and whether this call changed it.
    public static func confirm(batchID: String, context: CommandContext, in db: Database) throws -> (batch: PayoutBatchRecord, changed: Bool) {
        let record = try batch(id: batchID, in: db)
        guard record.entry != nil else {
            throw StoreError.refused(code: "payout.nothing_to_confirm",
                                     message: "Le lot \(batchID) ne contient aucun virement : il n'y a rien à confirmer.")
        }
        guard record.status == .issued else { return (record, false) }
        try db.execute(sql: "UPDATE payout_batch SET status = ?, confirmed_at = ? WHERE id = ?",
                       arguments: [PayoutBatchStatus.executed.rawValue, context.timestamp, batchID])
        return (try batch(id: batchID, in: db), true)
    }

    /// `payout reject`: the bank sent a transfer back. Posts BQ Dr bank / Cr payable (aux P) and records the rejection;
    /// the professional is owed again and the next run pays them with the IBAN then on file.
    public static func reject(batchID: String, rpps: RPPS, reason: String, context: CommandContext,
                              in db: Database) throws -> PayoutTransferRecord {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= rejectReasonLengthMax else {
            throw StoreError.refused(code: "payout.reject_reason",
                                     message: "Indiquez le motif du rejet donné par la banque (\(rejectReasonLengthMax) caractères au plus).")
        }
        let record = try batch(id: batchID, in: db)
        guard let transfer = record.transfers.first(where: { $0.rpps == rpps }), let entryDate = record.entryDate else {
            throw StoreError.refused(code: "payout.transfer_unknown",
                                     message: "Le lot \(batchID) ne contient pas de virement au RPPS \(rpps) : rien n'a été écrit.")
        }
        if let rejection = transfer.rejection {
            throw StoreError.refused(code: "payout.already_rejected",
                                     message: "Le virement \(transfer.endToEndID) est déjà rejeté depuis le \(rejection.on.french) : rien n'a été écrit.")
        }
        let chart = try AssociationStore.chart(in: db)
        let day = try LedgerReader.firstOpenDay(onOrAfter: max(context.today, entryDate), in: db)
        let draft = EntryDraft(journal: .bq, entryDate: day, pieceDate: day, pieceRef: batchID,
                               label: "Rejet du virement \(transfer.endToEndID)",
                               lines: [.debit(chart.number(.bank), transfer.amount),
                                       .credit(chart.number(.professionalPayable), transfer.amount, auxiliary: rpps.rawValue)],
                               idempotencyKey: PayoutIdentifiers.rejectKey(batchID: batchID, rpps: rpps))
        let outcome = try LedgerWriter.post(draft, validDate: context.today, in: db)
        try db.execute(sql: """
            UPDATE payout_transfer SET rejected_on = ?, reject_reason = ?, reject_entry_seq = ? WHERE batch_id = ? AND rpps = ?
            """, arguments: [day.iso, reason, outcome.entry.sequence, batchID, rpps.rawValue])
        guard let updated = try batch(id: batchID, in: db).transfers.first(where: { $0.rpps == rpps }) else {
            preconditionFailure("the transfer just updated is there")
        }
        return updated
    }
}

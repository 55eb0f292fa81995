import ClapDomain
import ClapStore
import LedgerCore

/// `payout run` from end to end: the batch and its files are made in one transaction, so a batch that cannot be
/// written as a SEPA file is never paid.
public enum PayoutRun {
    /// Runs (or finds) the month's batch and renders its files; writing them to disk is the caller's.
    public static func run(_ request: PayoutRequest, database: ClapDatabase,
                           context: CommandContext) throws -> (outcome: PayoutRunOutcome, files: [PayoutFile]) {
        try database.write(context) { db in
            let outcome = try PayoutStore.runPayout(request, context: context, in: db)
            let files = try PayoutFiles.render(outcome.batch).get()
            let batch = outcome.batch
            let summary = outcome.created
                ? "lot \(batch.id) : \(batch.transfers.count) virement(s), \(batch.total.plainString) EUR, \(batch.exclusions.count) reporté(s) ou exclu(s)"
                : "lot \(batch.id) déjà émis : fichiers réécrits"
            return ((outcome, files), summary)
        }
    }
}

import ClapDomain
import ClapStore
import Dispatch
import LedgerCore

/// `payout run` from end to end: the batch and its files are made in one transaction, so a batch that cannot be
/// written as a SEPA file is never paid.
public enum PayoutRun {
    /// Runs (or finds) the month's batch and renders its files; writing them to disk is the caller's.
    public static func run(_ request: PayoutRequest, database: ClapDatabase,
                           context: CommandContext) throws -> (outcome: PayoutRunOutcome, files: [PayoutFile]) {
        let rendering = BackgroundResult<[PayoutFile]>()
        let outcome = try database.write(context) { db in
            let outcome = try PayoutStore.runPayout(request, context: context, in: db)
            // The EPC checks run inside the transaction: a batch whose file they refuse is rolled back, never paid.
            // Once checked, writing the XML and the bordereau cannot fail; it runs on another core while SQLite
            // commits (about a tenth of the run for 15,000 transfers).
            let checked = try PayoutFiles.check(outcome.batch).get()
            rendering.start { checked.render() }
            let batch = outcome.batch
            let summary = outcome.created
                ? "lot \(batch.id) : \(batch.transfers.count) virement(s), \(batch.total.plainString) EUR, \(batch.exclusions.count) reporté(s) ou exclu(s)"
                : "lot \(batch.id) déjà émis : fichiers réécrits"
            return (outcome, summary)
        }
        return (outcome, rendering.wait())
    }
}

/// A value computed on a background thread, waited for once.
final class BackgroundResult<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    // Written once before `leave()`, read only after `wait()`: the group orders the two.
    private var value: Value?

    func start(_ work: @escaping @Sendable () -> Value) {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            self.value = work()
            self.group.leave()
        }
    }

    /// The value, once computed; `start` must have been called.
    func wait() -> Value {
        group.wait()
        guard let value else { preconditionFailure("wait() without start()") }
        return value
    }
}

import GRDB
import LedgerCore

/// The domain invariants `verify` checks on top of the ledger's own.
public enum StoreChecks {
    public static let all: [Verifier.Check] = [
        { try EnvelopeStore.checkEnvelopes(in: $0) },
        { try ValuationCheck.check(in: $0) },
        ClosingStore.checkClosedYears,
        { try RegistrySeals.check(in: $0) },
        { try Balances.checkMonthlyTotals(in: $0) },
        { try OpenLines.check(in: $0) },
    ] + PayoutChecks.all
}

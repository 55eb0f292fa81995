import GRDB
import LedgerCore

/// The domain invariants `verify` checks on top of the ledger's own.
public enum StoreChecks {
    public static let all: [Verifier.Check] = [
        Verifier.Check(.envelopes) { try EnvelopeStore.checkEnvelopes(in: $0) },
        Verifier.Check(.valuation) { try ValuationCheck.check(in: $0) },
        Verifier.Check(.closedYears, ClosingStore.checkClosedYears),
        Verifier.Check(.registrySeals) { try RegistrySeals.check(in: $0) },
        Verifier.Check(.monthlyTotals) { try Balances.checkMonthlyTotals(in: $0) },
        Verifier.Check(.analyticTotals) { try AnalyticTotals.check(in: $0) },
        Verifier.Check(.openLines) { try OpenLines.check(in: $0) },
        Verifier.Check { try ParticipantTallies.check(in: $0) },
    ] + PayoutChecks.all
}

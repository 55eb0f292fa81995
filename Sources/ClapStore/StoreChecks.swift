import GRDB
import LedgerCore

/// The domain invariants `verify` checks on top of the ledger's own (registered as their issues land).
public enum StoreChecks {
    public static let all: [Verifier.Check] = PayoutChecks.all
}

import ClapDomain
import LedgerCore

/// What `payout run` is asked to do.
public struct PayoutRequest: Hashable, Sendable {
    public let month: YearMonth
    /// The requested execution date written in the SEPA file; the BQ entry is dated the first open day from it.
    public let executionDate: Day
    public let threshold: Cents
    /// `pain.001.001.09` or `pain.001.001.03`.
    public let sepaVersion: String

    public init(month: YearMonth, executionDate: Day, threshold: Cents = PayoutPlanner.defaultThreshold,
                sepaVersion: String = "pain.001.001.09") {
        self.month = month
        self.executionDate = executionDate
        self.threshold = threshold
        self.sepaVersion = sepaVersion
    }
}

/// A batch's lifecycle: issued (file handed to the bank), then executed (the bank confirmed).
public enum PayoutBatchStatus: String, Hashable, Sendable, Codable {
    case issued = "emis"
    case executed = "execute"

    public var label: String { self == .issued ? "émis" : "exécuté" }
}

/// A transfer the bank sent back, and the BQ entry that re-opened the payable.
public struct PayoutRejection: Hashable, Sendable {
    public let on: Day
    public let reason: String
    public let entry: EntryRef?
}

/// One transfer of a batch, as stored: enough to write its SEPA line and its bordereau row again.
public struct PayoutTransferRecord: Hashable, Sendable {
    public let rpps: RPPS
    public let creditorName: String
    public let amount: Cents
    /// The `professional_iban` row used, and its IBAN and BIC (that row never changes).
    public let ibanID: Int64
    public let iban: IBAN
    public let bic: String?
    public let endToEndID: String
    /// Piece references of the credit lines this transfer lettered (the actions paid, or a re-opened rejected batch).
    public let paidPieceRefs: [String]
    public let rejection: PayoutRejection?
}

/// A professional left out of a batch, as stored.
public struct PayoutExclusionRecord: Hashable, Sendable {
    public let rpps: RPPS
    /// The name in the registry today, when registered.
    public let name: String?
    public let balance: Cents
    public let code: String
    public let message: String
}

/// A month's payout batch with its transfers and exclusions.
public struct PayoutBatchRecord: Hashable, Sendable {
    public let id: String
    public let month: YearMonth
    public let executionDate: Day
    public let threshold: Cents
    public let sepaVersion: String
    public let messageID: String
    /// `AAAA-MM-JJThh:mm:ss`, the SEPA `CreDtTm`.
    public let createdAt: String
    public let debtor: AssociationInfo
    public let remittance: String
    /// The BQ entry; nil when nobody was due.
    public let entry: EntryRef?
    public let entryDate: Day?
    public let status: PayoutBatchStatus
    public let confirmedAt: String?
    /// In RPPS order.
    public let transfers: [PayoutTransferRecord]
    /// In RPPS order.
    public let exclusions: [PayoutExclusionRecord]

    public var total: Cents { transfers.reduce(.zero) { $0 + $1.amount } }
    public var rejectedTotal: Cents { transfers.filter { $0.rejection != nil }.reduce(.zero) { $0 + $1.amount } }
}

/// What `payout run` did: a new batch, or the one the month already had.
public struct PayoutRunOutcome: Hashable, Sendable {
    public let batch: PayoutBatchRecord
    /// False when the month already had its batch (nothing was paid again).
    public let created: Bool
}

/// One line of `payout list`.
public struct PayoutBatchSummary: Hashable, Sendable {
    public let id: String
    public let month: YearMonth
    public let executionDate: Day
    public let status: PayoutBatchStatus
    public let transferCount: Int
    public let total: Cents
    public let rejectedCount: Int
    public let exclusionCount: Int
}

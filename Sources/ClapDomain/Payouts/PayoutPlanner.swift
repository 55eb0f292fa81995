import LedgerCore

/// A transfer the batch will make.
public struct PlannedTransfer: Hashable, Sendable {
    public let rpps: RPPS
    public let amount: Cents
    public let payee: Payee
    public let iban: IBAN
    public let endToEndID: String
}

/// A professional left out of the batch, with the balance and the reason.
public struct PlannedExclusion: Hashable, Sendable {
    public let rpps: RPPS
    public let balance: Cents
    public let reason: PayoutExclusionReason
}

/// Who a month's batch pays, how much, and who is carried or left out.
public struct PayoutPlan: Hashable, Sendable {
    /// In RPPS order.
    public let transfers: [PlannedTransfer]
    /// In RPPS order.
    public let exclusions: [PlannedExclusion]

    public var total: Cents { transfers.reduce(.zero) { $0 + $1.amount } }
}

/// Decides a month's payouts from each professional's balance due; pure.
public enum PayoutPlanner {
    /// The default threshold: 1,00 €.
    public static let defaultThreshold = Cents(100)
    /// The highest threshold accepted: 10 000,00 € (more would mean never paying anyone).
    public static let thresholdMax = Cents(1_000_000)

    /// Refuses a negative threshold or one above `thresholdMax`.
    public static func checkThreshold(_ threshold: Cents) -> Result<Cents, InputIssue> {
        guard !threshold.isNegative, threshold <= thresholdMax else {
            return .failure(InputIssue(code: "payout.threshold",
                                       message: "Le seuil doit être compris entre 0,00 € et \(thresholdMax.euroString) ; reçu \(threshold.euroString)."))
        }
        return .success(threshold)
    }

    /// Pays each candidate owed at least `threshold` (and more than zero) whose IBAN passes and who is active;
    /// a zero balance is neither paid nor listed.
    public static func plan(month: YearMonth, threshold: Cents, candidates: [PayoutCandidate]) -> PayoutPlan {
        var transfers: [PlannedTransfer] = []
        var exclusions: [PlannedExclusion] = []
        for candidate in candidates.sorted(by: { $0.rpps < $1.rpps }) where candidate.balanceDue != .zero {
            func exclude(_ reason: PayoutExclusionReason) {
                exclusions.append(PlannedExclusion(rpps: candidate.rpps, balance: candidate.balanceDue, reason: reason))
            }
            if candidate.balanceDue.isNegative { exclude(.negativeBalance); continue }
            if candidate.balanceDue < threshold { exclude(.belowThreshold(threshold)); continue }
            guard let payee = candidate.payee else { exclude(.unknownProfessional); continue }
            guard payee.isActive else { exclude(.inactive); continue }
            switch IBAN.parse(payee.ibanText) {
            case .failure(let issue):
                exclude(.invalidIBAN(issue))
            case .success(let iban):
                transfers.append(PlannedTransfer(rpps: candidate.rpps, amount: candidate.balanceDue, payee: payee, iban: iban,
                                                 endToEndID: PayoutIdentifiers.endToEndID(month, rpps: candidate.rpps)))
            }
        }
        return PayoutPlan(transfers: transfers, exclusions: exclusions)
    }
}

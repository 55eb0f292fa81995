import LedgerCore

/// A dedicated-fund movement asked for on the command line: team, envelope year, amount (nil: all that is left), date.
public struct FundsMoveRequest: Hashable, Sendable {
    public let team: TeamID
    public let fromYear: Int
    public let amount: Cents?
    public let date: Day
    public let reference: String?

    public init(team: TeamID, fromYear: Int, amount: Cents?, date: Day, reference: String?) {
        self.team = team
        self.fromYear = fromYear
        self.amount = amount
        self.date = date
        self.reference = reference
    }

    public var key: EnvelopeKey { EnvelopeKey(team: team, year: fromYear) }
}

/// The entries that use a closed year's dedicated funds: carried into the next envelope, or given back to the ARS.
public enum DedicatedFundsMoves {
    /// The three movements, named as in their idempotency keys.
    public enum Kind: String, Sendable {
        case carryOver = "carryover"
        case refund
        case refundPaid = "refund-paid"
    }

    /// `carryover/T/Y/{reference or date}`: the same request posts once; a second one on the same day needs a reference.
    public static func idempotencyKey(_ kind: Kind, _ request: FundsMoveRequest) -> String {
        "\(kind.rawValue)/\(request.team.rawValue)/\(request.fromYear)/\(request.reference ?? request.date.iso)"
    }

    /// The amount a movement moves: the one asked for, else all that is `left`; refused when zero, negative or too much.
    public static func amount(_ asked: Cents?, left: Cents, overdraft: (Cents) -> ClosingRefusal, none: ClosingRefusal) -> Result<Cents, ClosingRefusal> {
        if let asked {
            guard asked.isPositive else { return .failure(.amountNotPositive) }
            guard asked <= left else { return .failure(overdraft(asked)) }
            return .success(asked)
        }
        guard left.isPositive else { return .failure(none) }
        return .success(left)
    }

    /// `envelope carry-over`: OD Dr 194000 (T, Y) / Cr 789400 (T, Y+1), dated in Y+1 (the year it feeds).
    public static func carryOver(_ request: FundsMoveRequest, amount: Cents, entryDate: Day, chart: Chart) -> Result<EntryDraft, ClosingRefusal> {
        guard request.date.year == request.fromYear + 1 else { return .failure(.carryOverDate(fromYear: request.fromYear, date: request.date)) }
        let next = EnvelopeKey(team: request.team, year: request.fromYear + 1)
        let reference = request.reference ?? "REPORT-\(request.fromYear)-\(request.team.rawValue)"
        return .success(EntryDraft(
            journal: .od, entryDate: entryDate, pieceDate: request.date, pieceRef: reference,
            label: "Report des fonds dédiés \(request.fromYear) \(request.team.rawValue) sur l'enveloppe \(next.year)",
            lines: [.debit(chart.number(.dedicatedFunds), amount, analytic: request.key.analyticCode),
                    .credit(chart.number(.dedicatedFundsReuse), amount, analytic: next.analyticCode)],
            idempotencyKey: idempotencyKey(.carryOver, request)))
    }

    /// `envelope refund`: OD Dr 194000 (T, Y) / Cr 441900 (aux T): the ARS asks for the unused funds back.
    public static func refund(_ request: FundsMoveRequest, amount: Cents, entryDate: Day, chart: Chart) -> Result<EntryDraft, ClosingRefusal> {
        guard request.date.year > request.fromYear else { return .failure(.movementTooEarly(fromYear: request.fromYear, date: request.date)) }
        let reference = request.reference ?? "REVERSEMENT-\(request.fromYear)-\(request.team.rawValue)"
        return .success(EntryDraft(
            journal: .od, entryDate: entryDate, pieceDate: request.date, pieceRef: reference,
            label: "Reliquat \(request.fromYear) \(request.team.rawValue) à reverser à l'ARS",
            lines: [.debit(chart.number(.dedicatedFunds), amount, analytic: request.key.analyticCode),
                    .credit(chart.number(.arsRefundPayable), amount, auxiliary: request.team.rawValue)],
            idempotencyKey: idempotencyKey(.refund, request)))
    }

    /// `envelope refund-paid`: BQ Dr 441900 (aux T) / Cr 512000: the refund leaves the bank.
    public static func refundPaid(_ request: FundsMoveRequest, amount: Cents, entryDate: Day, chart: Chart) -> Result<EntryDraft, ClosingRefusal> {
        guard request.date.year > request.fromYear else { return .failure(.movementTooEarly(fromYear: request.fromYear, date: request.date)) }
        let reference = request.reference ?? "REVERSEMENT-\(request.fromYear)-\(request.team.rawValue)"
        return .success(EntryDraft(
            journal: .bq, entryDate: entryDate, pieceDate: request.date, pieceRef: reference,
            label: "Virement à l'ARS du reliquat \(request.fromYear) \(request.team.rawValue)",
            lines: [.debit(chart.number(.arsRefundPayable), amount, auxiliary: request.team.rawValue),
                    .credit(chart.number(.bank), amount)],
            idempotencyKey: idempotencyKey(.refundPaid, request)))
    }
}

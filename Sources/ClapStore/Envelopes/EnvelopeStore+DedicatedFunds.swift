import ClapDomain
import GRDB
import LedgerCore

/// Using a closed year's dedicated funds: carried into the next envelope, refunded to the ARS, the refund paid.
extension EnvelopeStore {
    /// One of the three movements, by kind (what the command line asked for).
    public static func postFundsMove(_ kind: DedicatedFundsMoves.Kind, _ request: FundsMoveRequest, context: CommandContext,
                                     in db: Database) throws -> PostingOutcome {
        switch kind {
        case .carryOver: try carryOver(request, context: context, in: db)
        case .refund: try refund(request, context: context, in: db)
        case .refundPaid: try refundPaid(request, context: context, in: db)
        }
    }

    /// `clap envelope carry-over`: OD Dr 194000 (T, Y) / Cr 789400 (T, Y+1), dated in Y+1: T's Y+1 envelope grows.
    /// The amount defaults to everything left on (T, Y).
    public static func carryOver(_ request: FundsMoveRequest, context: CommandContext, in db: Database) throws -> PostingOutcome {
        try move(.carryOver, request, context: context, in: db) { chart, amount in
            try ClosingStore.refuseClosedYear(request.fromYear + 1, in: db)
            let entryDate = try LedgerReader.firstOpenDay(onOrAfter: request.date, in: db)
            return DedicatedFundsMoves.carryOver(request, amount: amount, entryDate: entryDate, chart: chart)
        }
    }

    /// `clap envelope refund`: OD Dr 194000 (T, Y) / Cr 441900 (aux T): what the ARS asks back, still to be paid.
    public static func refund(_ request: FundsMoveRequest, context: CommandContext, in db: Database) throws -> PostingOutcome {
        try move(.refund, request, context: context, in: db) { chart, amount in
            let entryDate = try LedgerReader.firstOpenDay(onOrAfter: request.date, in: db)
            return DedicatedFundsMoves.refund(request, amount: amount, entryDate: entryDate, chart: chart)
        }
    }

    /// `clap envelope refund-paid`: BQ Dr 441900 (aux T) / Cr 512000. The amount defaults to all that is owed to the
    /// ARS for the team, and may not exceed it.
    public static func refundPaid(_ request: FundsMoveRequest, context: CommandContext, in db: Database) throws -> PostingOutcome {
        try checkRequest(request, in: db)
        let chart = try AssociationStore.chart(in: db)
        if let existing = try existing(.refundPaid, request, in: db) { return .alreadyPosted(existing) }
        let owed = -(try Balances.balance(account: chart.number(.arsRefundPayable), auxiliary: request.team.rawValue, in: db))
        let amount = try ClosingStore.refused {
            DedicatedFundsMoves.amount(request.amount, left: owed, overdraft: { .refundExceeded(team: request.team, asked: $0, owed: owed) },
                                       none: .nothingOwed(team: request.team))
        }
        let entryDate = try LedgerReader.firstOpenDay(onOrAfter: request.date, in: db)
        let draft = try ClosingStore.refused { DedicatedFundsMoves.refundPaid(request, amount: amount, entryDate: entryDate, chart: chart) }
        return try LedgerWriter.post(draft, validDate: context.today, in: db)
    }

    /// What is left of the dedicated funds of an envelope: the credit balance of 194000 on (T, Y).
    public static func dedicatedFundsLeft(_ key: EnvelopeKey, in db: Database) throws -> Cents {
        let chart = try AssociationStore.chart(in: db)
        return -(try Balances.balance(account: chart.number(.dedicatedFunds), analytic: key.analyticCode, in: db))
    }

    /// A movement out of (T, Y)'s dedicated funds: Y must be closed, the amount within what is left.
    static func move(_ kind: DedicatedFundsMoves.Kind, _ request: FundsMoveRequest, context: CommandContext, in db: Database,
                     draft: (Chart, Cents) throws -> Result<EntryDraft, ClosingRefusal>) throws -> PostingOutcome {
        try checkRequest(request, in: db)
        guard try ClosingStore.lockState(in: db).isYearClosed(request.fromYear) else {
            let refusal = ClosingRefusal.yearNotClosed(request.fromYear)
            throw StoreError.refused(code: refusal.code, message: refusal.message)
        }
        if let existing = try existing(kind, request, in: db) { return .alreadyPosted(existing) }
        let chart = try AssociationStore.chart(in: db)
        let left = try dedicatedFundsLeft(request.key, in: db)
        let amount = try ClosingStore.refused {
            DedicatedFundsMoves.amount(request.amount, left: left, overdraft: { .fundsExceeded(request.key, asked: $0, left: left) },
                                       none: .noFundsLeft(request.key))
        }
        let entry = try ClosingStore.refused { try draft(chart, amount) }
        return try LedgerWriter.post(entry, validDate: context.today, in: db)
    }

    /// A known team and, when given, a positive amount.
    static func checkRequest(_ request: FundsMoveRequest, in db: Database) throws {
        guard try RegistryStore.team(request.team, in: db) != nil else { throw StoreError.notFound(what: "L'équipe \(request.team)") }
        if let amount = request.amount, !amount.isPositive {
            throw StoreError.refused(code: ClosingRefusal.amountNotPositive.code, message: ClosingRefusal.amountNotPositive.message)
        }
    }

    /// The entry an identical earlier request posted (same key, and the same amount when one is given), if any;
    /// a different amount under the same key is an idempotency conflict.
    static func existing(_ kind: DedicatedFundsMoves.Kind, _ request: FundsMoveRequest, in db: Database) throws -> PostedEntry? {
        guard let entry = try LedgerReader.entry(idempotencyKey: DedicatedFundsMoves.idempotencyKey(kind, request), in: db) else { return nil }
        guard request.amount == nil || request.amount == entry.draft.totalDebit else {
            throw StoreError.posting(.idempotencyConflict(key: DedicatedFundsMoves.idempotencyKey(kind, request), existing: entry.ref))
        }
        return entry
    }
}

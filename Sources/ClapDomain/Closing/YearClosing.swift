import LedgerCore

/// An envelope as it stands at the year's end: granted (741000 and 789400 credits), consumed (net 622600 debits).
public struct EnvelopeYearEnd: Hashable, Sendable {
    public let key: EnvelopeKey
    public let granted: Cents
    public let consumed: Cents

    public init(key: EnvelopeKey, granted: Cents, consumed: Cents) {
        self.key = key
        self.granted = granted
        self.consumed = consumed
    }

    /// What the team did not use: it goes to dedicated funds at the year's end.
    public var unused: Cents { granted - consumed }
}

/// The balance of one (account, third party, analytic code): debit minus credit.
public struct BalanceLine: Hashable, Sendable, Codable {
    public let account: String
    public let auxiliary: String?
    public let analytic: String?
    /// Debit minus credit: positive is a debit balance.
    public let balance: Cents

    public init(account: String, auxiliary: String?, analytic: String?, balance: Cents) {
        self.account = account
        self.auxiliary = auxiliary
        self.analytic = analytic
        self.balance = balance
    }
}

/// One team's year-end dedicated funds: the unused part of its envelope and the OD that moves it.
public struct DedicatedFundsPosting: Hashable, Sendable {
    public let key: EnvelopeKey
    public let amount: Cents
    public let draft: EntryDraft
}

/// The pure computations of `clap close year`: dedicated funds per team, the year's result, the à-nouveaux.
public enum YearClosing {
    /// The class of an account in the French chart: its first digit (1 to 7), nil for anything else.
    public static func accountClass(_ account: String) -> Int? {
        guard let first = account.first, let digit = first.wholeNumberValue, (1...9).contains(digit) else { return nil }
        return digit
    }

    /// Classes 1 to 5: what the à-nouveaux carry.
    public static func isBalanceSheet(_ account: String) -> Bool { accountClass(account).map { (1...5).contains($0) } ?? false }

    /// Classes 6 and 7: what makes the year's result.
    public static func isResult(_ account: String) -> Bool { accountClass(account).map { (6...7).contains($0) } ?? false }

    /// The idempotency key of team T's dedicated funds for year Y.
    public static func dedicatedFundsKey(_ key: EnvelopeKey) -> String { "close/\(key.year)/\(key.team.rawValue)" }

    /// The idempotency key of the à-nouveaux opening the year after `closedYear`.
    public static func openingKey(closedYear: Int) -> String { "close/\(closedYear)/an" }

    /// For every envelope of the year with unused room, the OD dated 31/12/Y: Dr 689400 (T, Y) / Cr 194000 (T, Y).
    /// An overspent envelope is refused: the result could not be zero.
    public static func dedicatedFunds(year: Int, envelopes: [EnvelopeYearEnd], chart: Chart) -> Result<[DedicatedFundsPosting], ClosingRefusal> {
        let closingDay = PeriodClosing.closingDay(year)
        var postings: [DedicatedFundsPosting] = []
        for envelope in envelopes.filter({ $0.key.year == year }).sorted(by: { $0.key.team < $1.key.team }) {
            guard envelope.unused >= .zero else {
                return .failure(.envelopeOverspent(envelope.key, granted: envelope.granted, consumed: envelope.consumed))
            }
            guard envelope.unused.isPositive else { continue }
            let code = envelope.key.analyticCode
            let draft = EntryDraft(
                journal: .od, entryDate: closingDay, pieceDate: closingDay, pieceRef: "CLOTURE-\(year)",
                label: "Fonds dédiés \(year) \(envelope.key.team.rawValue) : enveloppe non utilisée",
                lines: [.debit(chart.number(.dedicatedFundsExpense), envelope.unused, analytic: code),
                        .credit(chart.number(.dedicatedFunds), envelope.unused, analytic: code)],
                idempotencyKey: dedicatedFundsKey(envelope.key))
            postings.append(DedicatedFundsPosting(key: envelope.key, amount: envelope.unused, draft: draft))
        }
        return .success(postings)
    }

    /// The year's result must be zero once the dedicated funds are posted: `yearLines` are the classes 6 and 7 of
    /// the fiscal year per analytic code (debit − credit), `planned` the dedicated-fund entries about to be posted.
    /// Returns the residual per analytic code when it is not.
    public static func checkResult(year: Int, yearLines: [BalanceLine], planned: [EntryDraft]) -> ClosingRefusal? {
        var byAnalytic: [String?: Cents] = [:]
        for line in yearLines where isResult(line.account) { byAnalytic[line.analytic, default: .zero] += line.balance }
        for line in planned.flatMap(\.lines) where isResult(line.account) { byAnalytic[line.analytic, default: .zero] += line.signedAmount }
        let result = byAnalytic.values.reduce(Cents.zero, +)
        let residuals = byAnalytic.filter { $0.value != .zero }
            .map { AnalyticResidual(analytic: $0.key, amount: $0.value) }
            .sorted { ($0.analytic ?? "", $0.amount) < ($1.analytic ?? "", $1.amount) }
        guard result != .zero || !residuals.isEmpty else { return nil }
        return .resultNotZero(year: year, result: result, residuals: residuals)
    }

    /// The à-nouveaux of `closedYear + 1`, dated 1 January: one line per (account, third party, analytic code) of
    /// classes 1 to 5 with a non-zero balance at 31 December. Nil when there is nothing to carry.
    public static func openingEntry(closedYear: Int, balances: [BalanceLine]) -> Result<EntryDraft?, ClosingRefusal> {
        let opening = PeriodClosing.openingDay(closedYear + 1)
        var merged: [BalanceKey: Cents] = [:]
        for line in balances where isBalanceSheet(line.account) {
            merged[BalanceKey(account: line.account, auxiliary: line.auxiliary, analytic: line.analytic), default: .zero] += line.balance
        }
        let lines: [PostingLine] = merged.filter { $0.value != .zero }.sorted { $0.key < $1.key }.map { key, balance in
            PostingLine(account: key.account, auxiliary: key.auxiliary, analytic: key.analytic,
                        side: balance.isPositive ? .debit : .credit, amount: balance.magnitude)
        }
        guard !lines.isEmpty else { return .success(nil) }
        let draft = EntryDraft(journal: .an, entryDate: opening, pieceDate: opening, pieceRef: "AN-\(closedYear + 1)",
                               label: "À-nouveaux \(closedYear + 1) (soldes au 31/12/\(closedYear))", lines: lines,
                               idempotencyKey: openingKey(closedYear: closedYear))
        guard draft.totalDebit == draft.totalCredit, lines.count >= 2 else {
            return .failure(.openingUnbalanced(year: closedYear + 1, debit: draft.totalDebit, credit: draft.totalCredit))
        }
        return .success(draft)
    }

    /// Invariant 8: for every closed year, classes 6 and 7 on each team's analytic code of that year sum to zero.
    /// `results` are the class 6 and 7 balances (debit − credit) per analytic code, over every entry.
    public static func checkClosedYears(lastClosedYear: Int?, results: [BalanceLine]) -> [LedgerViolation] {
        guard let lastClosedYear else { return [] }
        var byKey: [EnvelopeKey: Cents] = [:]
        for line in results where isResult(line.account) {
            guard let code = line.analytic, let key = EnvelopeKey(analyticCode: code), key.year <= lastClosedYear else { continue }
            byKey[key, default: .zero] += line.balance
        }
        return byKey.filter { $0.value != .zero }.sorted { ($0.key.year, $0.key.team) < ($1.key.year, $1.key.team) }.map { key, amount in
            LedgerViolation(invariant: 8, code: "closed_year.result_not_zero", message:
                "l'exercice \(key.year) est clôturé, mais les classes 6 et 7 de \(key.team) sur \(key.analyticCode) "
                + "laissent un écart de \(amount.euroString) (charges − produits) au lieu de zéro.")
        }
    }
}

/// Where a balance sits: account, third party, analytic code; ordered for a stable à-nouveaux.
struct BalanceKey: Hashable, Comparable {
    let account: String
    let auxiliary: String?
    let analytic: String?

    static func < (lhs: BalanceKey, rhs: BalanceKey) -> Bool {
        (lhs.account, lhs.auxiliary ?? "", lhs.analytic ?? "") < (rhs.account, rhs.auxiliary ?? "", rhs.analytic ?? "")
    }
}

import LedgerCore

/// Why a month or year cannot be closed, or a dedicated-fund movement posted: stable codes, French messages.
public enum ClosingRefusal: Error, Hashable, Sendable {
    /// The month's last day is today or later.
    case monthNotEnded(YearMonth, today: Day)
    /// 31 December of the year is today or later.
    case yearNotEnded(Int, today: Day)
    /// December closes with its year: a December lock would forbid the year-end dedicated-fund entries.
    case decemberClosesWithYear(YearMonth)
    /// An earlier year with entries is still open: years close in order.
    case previousYearOpen(Int, closing: String)
    /// The days up to 31 December are already locked by a month closing, so the year-end entries cannot be dated.
    case periodLocked(year: Int, through: Day)
    /// A team consumed more than its envelope: there is nothing to carry, and the result would not be zero.
    case envelopeOverspent(EnvelopeKey, granted: Cents, consumed: Cents)
    /// After the dedicated funds, classes 6 and 7 of the year do not sum to zero (activity outside the envelopes).
    case resultNotZero(year: Int, result: Cents, residuals: [AnalyticResidual])
    /// The opening balances do not balance (classes 1 to 5 at 31 December).
    case openingUnbalanced(year: Int, debit: Cents, credit: Cents)
    /// A dedicated-fund movement on an envelope year that is not closed yet.
    case yearNotClosed(Int)
    /// A grant, carry-over or correction that would reopen a closed year's result.
    case yearClosed(Int)
    /// More than the dedicated funds left for the envelope.
    case fundsExceeded(EnvelopeKey, asked: Cents, left: Cents)
    /// No dedicated funds left for the envelope.
    case noFundsLeft(EnvelopeKey)
    /// More than the association owes the ARS for the team.
    case refundExceeded(team: TeamID, asked: Cents, owed: Cents)
    /// Nothing is owed to the ARS for the team.
    case nothingOwed(team: TeamID)
    /// A carry-over dated outside the year it feeds.
    case carryOverDate(fromYear: Int, date: Day)
    /// A refund dated before the year it comes from is over.
    case movementTooEarly(fromYear: Int, date: Day)
    /// A zero or negative amount.
    case amountNotPositive

    public var code: String {
        switch self {
        case .monthNotEnded: "close.month_not_ended"
        case .yearNotEnded: "close.year_not_ended"
        case .decemberClosesWithYear: "close.december_with_year"
        case .previousYearOpen: "close.previous_year_open"
        case .periodLocked: "close.period_locked"
        case .envelopeOverspent: "close.envelope_overspent"
        case .resultNotZero: "close.result_not_zero"
        case .openingUnbalanced: "close.opening_unbalanced"
        case .yearNotClosed: "funds.year_not_closed"
        case .yearClosed: "envelope.year_closed"
        case .fundsExceeded: "funds.exceeded"
        case .noFundsLeft: "funds.none_left"
        case .refundExceeded: "refund.exceeds_payable"
        case .nothingOwed: "refund.nothing_owed"
        case .carryOverDate: "carryover.date"
        case .movementTooEarly: "funds.date_too_early"
        case .amountNotPositive: "amount.not_positive"
        }
    }

    public var message: String {
        switch self {
        case .monthNotEnded(let month, let today):
            "Le mois \(month.iso) n'est pas terminé (nous sommes le \(today.french)) : il se clôture à partir du \((month.lastDay.adding(days: 1) ?? month.lastDay).french)."
        case .yearNotEnded(let year, let today):
            "L'exercice \(year) n'est pas terminé (nous sommes le \(today.french)) : il se clôture à partir du 01/01/\(year + 1)."
        case .decemberClosesWithYear(let month):
            "Décembre se clôture avec l'exercice : lancez « clap close year \(month.year) », qui passe aussi les fonds dédiés au 31/12/\(month.year)."
        case .previousYearOpen(let year, let closing):
            "L'exercice \(year) a des écritures et n'est pas clôturé : clôturez-le d'abord (« clap close year \(year) ») avant \(closing)."
        case .periodLocked(let year, let through):
            "La période est verrouillée jusqu'au \(through.french) : les fonds dédiés de \(year), datés du 31/12/\(year), ne peuvent plus être passés."
        case .envelopeOverspent(let key, let granted, let consumed):
            "L'enveloppe \(key.year) de \(key.team) est dépassée (consommé \(consumed.euroString) pour \(granted.euroString) accordés) : l'exercice ne peut pas être clôturé ; lancez « clap verify »."
        case .resultNotZero(let year, let result, let residuals):
            "Après les fonds dédiés, le résultat \(year) (classes 6 et 7) n'est pas nul : \(result.euroString) (charges − produits). "
                + "Des charges ou produits sont hors des enveloppes : "
                + residuals.prefix(5).map { "\($0.analytic ?? "sans code analytique") : \($0.amount.euroString)" }.joined(separator: ", ")
                + (residuals.count > 5 ? ", …" : "") + ". Rien n'a été écrit."
        case .openingUnbalanced(let year, let debit, let credit):
            "Les à-nouveaux \(year) ne s'équilibrent pas (débit \(debit.euroString), crédit \(credit.euroString)) : rien n'a été écrit ; lancez « clap verify »."
        case .yearNotClosed(let year):
            "L'exercice \(year) n'est pas clôturé : ses fonds dédiés n'existent qu'après « clap close year \(year) »."
        case .yearClosed(let year):
            "L'exercice \(year) est clôturé : son enveloppe ne change plus (son résultat est arrêté à zéro)."
        case .fundsExceeded(let key, let asked, let left):
            "Il ne reste que \(left.euroString) de fonds dédiés sur l'enveloppe \(key.year) de \(key.team) : \(asked.euroString) demandés."
        case .noFundsLeft(let key):
            "Il ne reste aucun fonds dédié sur l'enveloppe \(key.year) de \(key.team)."
        case .refundExceeded(let team, let asked, let owed):
            "L'association ne doit que \(owed.euroString) à l'ARS pour \(team) : un reversement de \(asked.euroString) ne peut pas être enregistré."
        case .nothingOwed(let team):
            "L'association ne doit rien à l'ARS pour \(team) : enregistrez d'abord le reliquat à reverser (« clap envelope refund »)."
        case .carryOverDate(let year, let date):
            "Le report des fonds \(year) alimente l'enveloppe \(year + 1) : il se date en \(year + 1), pas le \(date.french)."
        case .movementTooEarly(let year, let date):
            "Les fonds dédiés \(year) n'existent qu'à partir du 01/01/\(year + 1) : la date \(date.french) est trop tôt."
        case .amountNotPositive:
            "Le montant doit être positif."
        }
    }
}

/// What is left in classes 6 and 7 for one analytic code after the dedicated funds (charges − produits).
public struct AnalyticResidual: Hashable, Sendable {
    public let analytic: String?
    public let amount: Cents

    public init(analytic: String?, amount: Cents) {
        self.analytic = analytic
        self.amount = amount
    }
}

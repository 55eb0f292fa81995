import LedgerCore

/// The period locks in force and the oldest entry they leave open: what deciding a closing needs.
public struct LockState: Hashable, Sendable {
    /// The last locked day, whatever closed it (month or year).
    public let closedThrough: Day?
    /// The last day of the last closed fiscal year.
    public let closedYearThrough: Day?
    /// The earliest entry date (à-nouveaux aside) after the last closed fiscal year, if any.
    public let firstEntryOfOpenYears: Day?

    public init(closedThrough: Day?, closedYearThrough: Day?, firstEntryOfOpenYears: Day?) {
        self.closedThrough = closedThrough
        self.closedYearThrough = closedYearThrough
        self.firstEntryOfOpenYears = firstEntryOfOpenYears
    }

    /// Whether the fiscal year is closed (years close in order, so every year up to the last closed one is).
    public func isYearClosed(_ year: Int) -> Bool {
        guard let closed = closedYearThrough else { return false }
        return year <= closed.year
    }
}

/// What closing a period will do.
public enum CloseDecision: Hashable, Sendable {
    /// Lock the days from `from` (the first day still open; nil when nothing was locked yet) through `through`.
    case close(from: Day?, through: Day)
    /// Already locked through `through`: nothing to write.
    case alreadyClosed(through: Day)
}

/// The rules that decide whether a month or a fiscal year may be closed today.
public enum PeriodClosing {
    /// `clap close month`: the month must be over; December closes with its year; the year before must be closed
    /// (a lock in January would otherwise forbid that year's 31 December dedicated-fund entries).
    public static func month(_ month: YearMonth, today: Day, locks: LockState) -> Result<CloseDecision, ClosingRefusal> {
        guard month.lastDay < today else { return .failure(.monthNotEnded(month, today: today)) }
        if let closed = locks.closedThrough, closed >= month.lastDay { return .success(.alreadyClosed(through: closed)) }
        guard month.month != 12 else { return .failure(.decemberClosesWithYear(month)) }
        if let open = locks.firstEntryOfOpenYears, open.year < month.year {
            return .failure(.previousYearOpen(open.year, closing: "de clôturer un mois de \(month.year)"))
        }
        return .success(.close(from: locks.closedThrough?.adding(days: 1), through: month.lastDay))
    }

    /// `clap close year`: the year must be over, not closed yet, every earlier year with entries closed, and
    /// 31 December still open for the dedicated-fund entries.
    public static func year(_ year: Int, today: Day, locks: LockState) -> Result<CloseDecision, ClosingRefusal> {
        let lastDay = closingDay(year)
        guard lastDay < today else { return .failure(.yearNotEnded(year, today: today)) }
        if let closed = locks.closedYearThrough, closed >= lastDay { return .success(.alreadyClosed(through: closed)) }
        if let open = locks.firstEntryOfOpenYears, open.year < year {
            return .failure(.previousYearOpen(open.year, closing: "l'exercice \(year)"))
        }
        if let closed = locks.closedThrough, closed >= lastDay { return .failure(.periodLocked(year: year, through: closed)) }
        return .success(.close(from: locks.closedThrough?.adding(days: 1), through: lastDay))
    }

    /// 31 December of the year: the date of the dedicated-fund entries and the last day the year lock covers.
    public static func closingDay(_ year: Int) -> Day {
        guard let day = Day(year: year, month: 12, day: 31) else { preconditionFailure("year \(year) outside 1900…9999") }
        return day
    }

    /// 1 January of the year: the date of its à-nouveaux.
    public static func openingDay(_ year: Int) -> Day {
        guard let day = Day(year: year, month: 1, day: 1) else { preconditionFailure("year \(year) outside 1900…9999") }
        return day
    }

    /// The entry date of a movement on envelope `year` decided on `date`: kept inside that fiscal year, so that the
    /// classes 6 and 7 of an analytic code (T, Y) all fall in fiscal year Y and the year can close to zero.
    /// A decision taken before the year (a grant voted in December) counts on 1 January; one taken after it, before
    /// the year is closed (a late ARS decision, a cancellation in January), on 31 December.
    public static func envelopeYearDate(_ date: Day, year: Int) -> Day {
        min(max(date, openingDay(year)), closingDay(year))
    }
}

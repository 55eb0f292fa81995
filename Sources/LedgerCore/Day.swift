import Foundation

/// A calendar day (no time, no time zone): the unit of every date in the ledger.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid day, or nil (31/02, month 13, year outside 1900…9999).
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `2026-03-31`: the form stored in the database and used in hashes.
    public var iso: String { digits((year, 4), (month, 2), (day, 2), separator: UInt8(ascii: "-")) }

    /// `31/03/2026`: the form French users read.
    public var french: String { digits((day, 2), (month, 2), (year, 4), separator: UInt8(ascii: "/")) }

    /// `20260331`: the FEC form.
    public var compact: String { digits((year, 4), (month, 2), (day, 2), separator: nil) }

    /// Three zero-padded fields, written straight into a small string (these forms are built for every line an
    /// export writes). A day's year has four digits and its month and day two, so the widths are exact.
    private func digits(_ first: (Int, Int), _ second: (Int, Int), _ third: (Int, Int), separator: UInt8?) -> String {
        let length = first.1 + second.1 + third.1 + (separator == nil ? 0 : 2)
        return String(unsafeUninitializedCapacity: length) { buffer in
            var index = 0
            for (position, (value, width)) in [first, second, third].enumerated() {
                if position > 0, let separator {
                    buffer[index] = separator
                    index += 1
                }
                var remainder = value
                for offset in stride(from: width - 1, through: 0, by: -1) {
                    buffer[index + offset] = UInt8(ascii: "0") + UInt8(remainder % 10)
                    remainder /= 10
                }
                index += width
            }
            return index
        }
    }

    public var description: String { iso }

    /// The month this day is in.
    public var yearMonth: YearMonth { YearMonth(year: year, month: month)! }

    /// Days since 1970-01-01 (proleptic Gregorian).
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day with the given ordinal (days since 1970-01-01).
    public init?(ordinal: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public func adding(days: Int) -> Day? { Day(ordinal: ordinal + days) }

    /// Parses `AAAA-MM-JJ` or `JJ/MM/AAAA` (also `J/M/AAAA`); nil when not a real day.
    public static func parse(_ text: String) -> Day? {
        // The two exact ten-character shapes (every date clap stores or writes) are read byte by byte; anything
        // else, and an impossible day, takes the general path below, which gives the same day for those shapes.
        if let day = parseExact(text) { return day }
        let s = text.trimmingCharacters(in: .whitespaces)
        if s.count == 10, s.dropFirst(4).first == "-" {
            let p = s.split(separator: "-", omittingEmptySubsequences: false)
            guard p.count == 3, p.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
                  let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]) else { return nil }
            return Day(year: y, month: m, day: d)
        }
        let p = s.split(separator: "/", omittingEmptySubsequences: false)
        guard p.count == 3, p[2].count == 4, (1...2).contains(p[0].count), (1...2).contains(p[1].count),
              p.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let d = Int(p[0]), let m = Int(p[1]), let y = Int(p[2]) else { return nil }
        return Day(year: y, month: m, day: d)
    }
}

extension Day {
    /// `AAAA-MM-JJ`, ten ASCII bytes exactly, as a real day (the form clap stores); nil otherwise.
    public static func parseStored(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(bytes, 0..<4), let month = number(bytes, 5..<7), let day = number(bytes, 8..<10) else { return nil }
        return Day(year: year, month: month, day: day)
    }

    /// `AAAA-MM-JJ` or `JJ/MM/AAAA`, ten ASCII bytes exactly, as a real day; nil otherwise (the first thing `parse`
    /// tries: a day it returns is the day `parse` returns).
    public static func parseExact(_ text: String) -> Day? {
        text.utf8.withContiguousStorageIfAvailable(parseExactShape) ?? nil
    }

    private static func parseExactShape(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        guard bytes.count == 10 else { return nil }
        if bytes[4] == UInt8(ascii: "-") { return parseStored(bytes) }
        if bytes[2] == UInt8(ascii: "/"), bytes[5] == UInt8(ascii: "/"),
           let day = number(bytes, 0..<2), let month = number(bytes, 3..<5), let year = number(bytes, 6..<10) {
            return Day(year: year, month: month, day: day)
        }
        return nil
    }

    /// The decimal number written in `bytes[range]`, ASCII digits only.
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var value = 0
        for index in range {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}

/// A calendar month, e.g. `2026-10`: the unit of payouts and period closing.
public struct YearMonth: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    public var firstDay: Day { Day(year: year, month: month, day: 1)! }
    public var lastDay: Day { Day(year: year, month: month, day: Day.daysIn(month: month, year: year))! }
    public var next: YearMonth { month == 12 ? YearMonth(year: year + 1, month: 1)! : YearMonth(year: year, month: month + 1)! }

    /// `2026-10`.
    public var iso: String { pad(year, 4) + "-" + pad(month, 2) }
    public var description: String { iso }

    /// Parses `AAAA-MM` or `MM/AAAA`.
    public static func parse(_ text: String) -> YearMonth? {
        let s = text.trimmingCharacters(in: .whitespaces)
        let dash = s.split(separator: "-", omittingEmptySubsequences: false)
        if dash.count == 2, dash[0].count == 4, dash[1].count == 2,
           let y = Int(dash[0]), let m = Int(dash[1]) { return YearMonth(year: y, month: m) }
        let slash = s.split(separator: "/", omittingEmptySubsequences: false)
        if slash.count == 2, slash[1].count == 4, (1...2).contains(slash[0].count),
           let m = Int(slash[0]), let y = Int(slash[1]) { return YearMonth(year: y, month: m) }
        return nil
    }
}

func pad(_ value: Int, _ width: Int) -> String {
    let s = String(value)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

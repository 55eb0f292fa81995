import Foundation

/// An amount of money in euro cents. Integer end to end: no floating point ever touches an amount.
public struct Cents: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The amount in cents; negative for a debt or a credit balance.
    public var value: Int64

    public init(_ value: Int64) { self.value = value }

    public static let zero = Cents(0)

    public static func + (lhs: Cents, rhs: Cents) -> Cents { Cents(lhs.value + rhs.value) }
    public static func - (lhs: Cents, rhs: Cents) -> Cents { Cents(lhs.value - rhs.value) }
    public static prefix func - (amount: Cents) -> Cents { Cents(-amount.value) }
    public static func += (lhs: inout Cents, rhs: Cents) { lhs.value += rhs.value }
    public static func -= (lhs: inout Cents, rhs: Cents) { lhs.value -= rhs.value }
    public static func < (lhs: Cents, rhs: Cents) -> Bool { lhs.value < rhs.value }

    public var isPositive: Bool { value > 0 }
    public var isNegative: Bool { value < 0 }
    public var magnitude: Cents { Cents(value < 0 ? -value : value) }

    /// `1234.56`: dot decimal separator, no grouping (hledger, beancount, SEPA).
    public var plainString: String { Self.format(value, decimalSeparator: ".", groupSeparator: nil) }

    /// `1234,56`: comma decimal separator, no grouping (FEC, CSV for French spreadsheets).
    public var commaString: String { Self.format(value, decimalSeparator: ",", groupSeparator: nil) }

    /// `1 234,56`: French display with a narrow no-break space between thousands.
    public var frenchString: String { Self.format(value, decimalSeparator: ",", groupSeparator: "\u{202F}") }

    /// `1 234,56 €`.
    public var euroString: String { frenchString + "\u{00A0}€" }

    public var description: String { plainString }

    private static func format(_ value: Int64, decimalSeparator: String, groupSeparator: String?) -> String {
        let negative = value < 0
        let magnitude = value.magnitude
        let euros = String(magnitude / 100)
        let cents = magnitude % 100
        var grouped = euros
        if let groupSeparator, euros.count > 3 {
            var parts: [Substring] = []
            var end = euros.endIndex
            while end > euros.startIndex {
                let start = euros.index(end, offsetBy: -3, limitedBy: euros.startIndex) ?? euros.startIndex
                parts.insert(euros[start..<end], at: 0)
                end = start
            }
            grouped = parts.joined(separator: groupSeparator)
        }
        return (negative ? "-" : "") + grouped + decimalSeparator + (cents < 10 ? "0" : "") + String(cents)
    }
}

/// Why a text is not an amount.
public enum AmountParseError: Error, Equatable, Sendable {
    case empty
    case notANumber
    case tooManyDecimals
    case tooLarge
}

extension Cents {
    /// The largest amount clap accepts anywhere: ten million euros.
    public static let parseableMax = Cents(1_000_000_000)

    /// Parses `1234,56`, `1234.56`, `1234`, `-12,5`: at most two decimals, comma or dot, no grouping,
    /// optional spaces (including no-break spaces) between thousands.
    public static func parse(_ text: String) -> Result<Cents, AmountParseError> {
        var s = text.trimmingCharacters(in: .whitespaces)
        s.removeAll { $0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" }
        if s.hasSuffix("€") { s.removeLast() }
        guard !s.isEmpty else { return .failure(.empty) }
        var negative = false
        if s.first == "-" { negative = true; s.removeFirst() } else if s.first == "+" { s.removeFirst() }
        let parts = s.split(separator: s.contains(",") ? "," : ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty || parts.count == 2 else {
            return .failure(.notANumber)
        }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit) else { return .failure(.notANumber) }
        if parts.count == 2 && fraction.isEmpty { return .failure(.notANumber) }
        guard fraction.count <= 2 else { return .failure(.tooManyDecimals) }
        guard whole.count <= 12 else { return .failure(.tooLarge) }
        let euros = Int64(whole.isEmpty ? "0" : String(whole)) ?? 0
        let centsPart = Int64(fraction.padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0
        let total = euros * 100 + centsPart
        guard total <= parseableMax.value else { return .failure(.tooLarge) }
        return .success(Cents(negative ? -total : total))
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

/// An International Bank Account Number (ISO 13616) of a SEPA country: uppercase, no spaces, checked.
public struct IBAN: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The IBAN in electronic form: `FR7630006000011234567890189`.
    public let rawValue: String

    /// Wraps a value already known to be valid (read back from the database).
    public init(unchecked rawValue: String) { self.rawValue = rawValue }

    public static func < (lhs: IBAN, rhs: IBAN) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }

    /// The two-letter country code: `FR`.
    public var countryCode: String { String(rawValue.prefix(2)) }

    /// The printed form in groups of four: `FR76 3000 6000 0112 3456 7890 189`.
    public var grouped: String { Self.groupsOfFour(Array(rawValue)) }

    /// The form shown to people: country and check digits, then groups of four masked, the last 3
    /// characters visible: `FR76 **** **** **** **** **** 189`.
    public var masked: String {
        let characters = Array(rawValue)
        let visibleTail = characters.count - Self.maskedVisibleSuffixCount
        let hidden = characters.enumerated().map { offset, character in
            offset < Self.maskedVisiblePrefixCount || offset >= visibleTail ? character : "*"
        }
        return Self.groupsOfFour(hidden)
    }

    /// The last 4 characters, the part of the IBAN a statement shows.
    public var last4: String { String(rawValue.suffix(4)) }

    static let maskedVisiblePrefixCount = 4
    static let maskedVisibleSuffixCount = 3

    private static func groupsOfFour(_ characters: [Character]) -> String {
        stride(from: 0, to: characters.count, by: 4)
            .map { String(characters[$0..<min($0 + 4, characters.count)]) }
            .joined(separator: " ")
    }
}

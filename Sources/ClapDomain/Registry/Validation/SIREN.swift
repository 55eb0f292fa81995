/// A French company number (SIREN): 9 digits, the last a Luhn key over the whole number.
public struct SIREN: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The 9 digits, without spaces.
    public let rawValue: String

    /// Wraps a value already known to be valid (read back from the database).
    public init(unchecked rawValue: String) { self.rawValue = rawValue }

    public static func < (lhs: SIREN, rhs: SIREN) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }

    /// The number of digits of a SIREN.
    public static let digitCount = 9

    /// Reads a SIREN: 9 digits (spaces tolerated and removed), Luhn key over the whole number.
    public static func parse(_ text: String) -> Result<SIREN, InputIssue> {
        let compact = TextNormalization.removingSpaces(text)
        guard let digits = TextNormalization.digits(compact), digits.count == digitCount else {
            return .failure(InputIssue(code: "siren.length",
                                       message: "Le numéro SIREN doit compter exactement 9 chiffres "
                                           + "(par exemple 123 456 782) : vérifiez le numéro."))
        }
        guard Checksum.luhnIsValid(digits) else {
            return .failure(InputIssue(code: "siren.checksum",
                                       message: "La clé de contrôle du numéro SIREN est fausse : vérifiez les 9 chiffres."))
        }
        return .success(SIREN(unchecked: compact))
    }
}

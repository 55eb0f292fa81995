/// A Business Identifier Code (ISO 9362): bank (4 letters), country (2 letters), location (2), optional branch (3).
public struct BIC: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The code, uppercase, 8 or 11 characters: `BNPAFRPPXXX`.
    public let rawValue: String

    /// Wraps a value already known to be valid (read back from the database).
    public init(unchecked rawValue: String) { self.rawValue = rawValue }

    public static func < (lhs: BIC, rhs: BIC) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }

    /// The two-letter country code: `FR`.
    public var countryCode: String { String(rawValue.dropFirst(4).prefix(2)) }

    /// Reads a BIC: spaces removed, uppercased; 8 or 11 characters, 4 letters for the bank, 2 letters
    /// for the country, 2 letters or digits for the location, optionally 3 letters or digits for the branch.
    public static func parse(_ text: String) -> Result<BIC, InputIssue> {
        let compact = TextNormalization.removingSpaces(text).uppercased()
        let characters = Array(compact)
        guard characters.count == 8 || characters.count == 11 else {
            return .failure(InputIssue(code: "bic.length",
                                       message: "Le BIC compte \(characters.count) caractère\(characters.count > 1 ? "s" : "") : "
                                           + "un BIC en compte 8 ou 11 (par exemple BNPAFRPP ou BNPAFRPPXXX)."))
        }
        guard characters[0..<6].allSatisfy(TextNormalization.isASCIIUppercaseLetter),
              characters[6...].allSatisfy(TextNormalization.isASCIIUppercaseAlphanumeric) else {
            return .failure(InputIssue(code: "bic.format",
                                       message: "Le BIC n'a pas la forme attendue : 4 lettres pour la banque, 2 lettres pour "
                                           + "le pays, 2 lettres ou chiffres pour la ville, et éventuellement 3 pour l'agence "
                                           + "(par exemple BNPAFRPPXXX)."))
        }
        return .success(BIC(unchecked: compact))
    }
}

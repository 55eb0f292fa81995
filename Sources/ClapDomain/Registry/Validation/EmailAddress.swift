/// An email address that passed a sanity check (one `@`, a dotted domain, at most 254 characters).
public struct EmailAddress: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Wraps a value already known to be valid (read back from the database).
    public init(unchecked rawValue: String) { self.rawValue = rawValue }

    public static func < (lhs: EmailAddress, rhs: EmailAddress) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }

    /// The longest address SMTP can carry (RFC 5321 path limit).
    public static let lengthMax = 254

    /// Reads an email address: exactly one `@` with text before it, a domain holding a dot that neither
    /// starts nor ends it, no spaces, at most 254 characters. Surrounding spaces are ignored.
    public static func parse(_ text: String) -> Result<EmailAddress, InputIssue> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= lengthMax else {
            return .failure(InputIssue(code: "email.length",
                                       message: "L'adresse électronique dépasse \(lengthMax) caractères : vérifiez-la."))
        }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last,
              !local.isEmpty, domain.contains("."), domain.first != ".", domain.last != ".",
              !domain.contains(".."),
              !trimmed.contains(where: { $0.isWhitespace || $0.isNewline || $0.asciiValue.map { $0 < 32 } == true }) else {
            return .failure(InputIssue(code: "email.format",
                                       message: "L'adresse électronique n'a pas la forme attendue : un seul @, un nom de "
                                           + "domaine avec un point, sans espace (par exemple prenom.nom@exemple.fr)."))
        }
        return .success(EmailAddress(unchecked: trimmed))
    }
}

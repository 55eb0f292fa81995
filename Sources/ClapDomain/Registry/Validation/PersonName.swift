/// A person's last or first name as written on statements and transfers: non-empty, at most 70 characters.
public struct PersonName: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Wraps a value already known to be valid (read back from the database).
    public init(unchecked rawValue: String) { self.rawValue = rawValue }

    public static func < (lhs: PersonName, rhs: PersonName) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { rawValue }

    /// The longest name accepted: the SEPA creditor name field holds 70 characters.
    public static let lengthMax = 70

    /// Reads a name: surrounding spaces removed, non-empty, at most 70 characters, no control character.
    public static func parse(_ text: String) -> Result<PersonName, InputIssue> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            return .failure(InputIssue(code: "name.empty", message: "Le nom est vide : indiquez-le."))
        }
        guard trimmed.count <= lengthMax else {
            return .failure(InputIssue(code: "name.length",
                                       message: "Le nom compte \(trimmed.count) caractères ; "
                                           + "\(lengthMax) au plus sont acceptés : abrégez-le."))
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            return .failure(InputIssue(code: "name.control_character",
                                       message: "Le nom contient un caractère invisible (tabulation, retour à la ligne…) : "
                                           + "retirez-le."))
        }
        return .success(PersonName(unchecked: trimmed))
    }
}

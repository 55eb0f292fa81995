extension TeamID {
    /// The accepted length of a team id, in characters.
    public static let lengthRange = 3...20

    /// Reads a team id: 3 to 20 uppercase letters, digits or hyphens, e.g. `T044-001`
    /// (surrounding spaces are ignored).
    public static func parse(_ text: String) -> Result<TeamID, InputIssue> {
        if TextNormalization.isPlainTeamCode(text, lengths: lengthRange) { return .success(TeamID(unchecked: text)) }
        let trimmed = TextNormalization.trimmingWhitespace(text)
        guard lengthRange.contains(trimmed.count),
              trimmed.allSatisfy({ TextNormalization.isASCIIUppercaseAlphanumeric($0) || $0 == "-" }) else {
            return .failure(InputIssue(code: "team.id_format",
                                       message: "L'identifiant d'équipe doit compter de 3 à 20 caractères : lettres "
                                           + "majuscules, chiffres ou tirets (par exemple T044-001)."))
        }
        return .success(TeamID(unchecked: trimmed))
    }
}

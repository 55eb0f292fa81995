extension Profession {
    /// Reads a profession from its code or its label, ignoring case, accents, spaces and hyphens:
    /// `medecin_generaliste`, « Médecin généraliste », « Sage-femme », « Infirmière ».
    public static func parse(_ text: String) -> Result<Profession, InputIssue> {
        let folded = TextNormalization.folded(text)
        if let profession = byFoldedName[folded] { return .success(profession) }
        let valid = allCases.map(\.rawValue).joined(separator: ", ")
        return .failure(InputIssue(code: "profession.unknown",
                                   message: "« \(text.trimmingCharacters(in: .whitespaces)) » n'est pas une profession "
                                       + "reconnue : indiquez l'un des codes \(valid)."))
    }

    /// Every accepted spelling, folded: the code, the label, and the feminine forms the labels abbreviate.
    private static let byFoldedName: [String: Profession] = {
        var names: [String: Profession] = [:]
        for profession in allCases {
            names[profession.rawValue] = profession
            names[TextNormalization.folded(profession.label)] = profession
        }
        let feminine: [String: Profession] = [
            "infirmier": .infirmier, "infirmiere": .infirmier,
            "psychomotricienne": .psychomotricien, "dieteticienne": .dieteticien,
            "masseuse_kinesitherapeute": .masseurKinesitherapeute,
        ]
        names.merge(feminine) { current, _ in current }
        return names
    }()
}

extension LegalForm {
    /// Reads a legal form, ignoring case and accents: `aucune` or `association`; an empty field means `aucune`.
    public static func parse(_ text: String) -> Result<LegalForm, InputIssue> {
        let folded = TextNormalization.folded(text)
        if folded.isEmpty { return .success(.aucune) }
        if let form = LegalForm(rawValue: folded) { return .success(form) }
        return .failure(InputIssue(code: "legal_form.unknown",
                                   message: "« \(text.trimmingCharacters(in: .whitespaces)) » n'est pas une forme juridique "
                                       + "connue : indiquez « aucune » ou « association » (association loi 1901)."))
    }
}

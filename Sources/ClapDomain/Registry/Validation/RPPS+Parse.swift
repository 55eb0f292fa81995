extension RPPS {
    /// The number of digits of an RPPS number, key included.
    public static let digitCount = 11

    /// Reads an RPPS number: 11 digits (spaces tolerated and removed), the last a Luhn key over all 11.
    public static func parse(_ text: String) -> Result<RPPS, InputIssue> {
        if let digits = TextNormalization.plainDigits(text), digits.count == digitCount, Checksum.luhnIsValid(digits) {
            return .success(RPPS(unchecked: text))   // the usual cell: eleven ASCII digits, nothing to remove
        }
        let compact = TextNormalization.removingSpaces(text)
        guard !compact.isEmpty else {
            return .failure(InputIssue(code: "rpps.empty",
                                       message: "Le numéro RPPS est vide : indiquez les 11 chiffres du numéro RPPS."))
        }
        guard let digits = TextNormalization.digits(compact) else {
            return .failure(InputIssue(code: "rpps.format",
                                       message: "Le numéro RPPS ne doit contenir que des chiffres : indiquez ses 11 chiffres."))
        }
        guard digits.count == digitCount else {
            return .failure(InputIssue(code: "rpps.length",
                                       message: "Le numéro RPPS compte \(digits.count) chiffre\(digits.count > 1 ? "s" : "") "
                                           + "au lieu de 11 : vérifiez le numéro."))
        }
        guard Checksum.luhnIsValid(digits) else {
            return .failure(InputIssue(code: "rpps.checksum",
                                       message: "La clé de contrôle du numéro RPPS est fausse : vérifiez les 11 chiffres."))
        }
        return .success(RPPS(unchecked: compact))
    }
}

extension RPPS {
    /// The number of digits of an RPPS number, key included.
    public static let digitCount = 11

    /// Reads an RPPS number: 11 digits (spaces tolerated and removed), the last a Luhn key over all 11.
    public static func parse(_ text: String) -> Result<RPPS, InputIssue> {
        // The usual cell is digits only: nothing to remove, and no need to go through Characters to find out.
        let plain = TextNormalization.digits(text)
        let compact = plain == nil ? TextNormalization.removingSpaces(text) : text
        guard !compact.isEmpty else {
            return .failure(InputIssue(code: "rpps.empty",
                                       message: "Le numéro RPPS est vide : indiquez les 11 chiffres du numéro RPPS."))
        }
        guard let digits = plain ?? TextNormalization.digits(compact) else {
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

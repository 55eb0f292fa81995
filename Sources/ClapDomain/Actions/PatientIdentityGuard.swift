/// Recognises a French social-security number (NIR) typed where an opaque reference belongs.
///
/// The ledger never stores who a patient is. A value whose characters, once spaces, dashes and
/// dots are removed, are 13 digits (NIR without key) or 15 digits (with key), starting with
/// 1, 2, 7 or 8, looks like a NIR. The Corsican departments `2A`/`2B` (positions 6–7) count as digits.
public enum PatientIdentityGuard {
    public static func looksLikeNIR(_ text: String) -> Bool {
        // Most values are not: fewer than 13 bytes, or a first kept character that cannot start a NIR.
        guard text.utf8.count >= 13,
              let lead = text.unicodeScalars.first(where: { !separators.contains($0) }),
              "1278".unicodeScalars.contains(lead) else { return false }
        var chars = Array(text.filter { $0 != " " && $0 != "-" && $0 != "." && $0 != "\u{00A0}" }.uppercased())
        guard chars.count == 13 || chars.count == 15, let first = chars.first, "1278".contains(first) else {
            return false
        }
        if chars[5] == "2", chars[6] == "A" || chars[6] == "B" { chars[6] = "0" }
        return chars.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static let separators: Set<Unicode.Scalar> = [" ", "-", ".", "\u{00A0}"]

    /// `patient.nir`, naming the column where the NIR was found.
    public static func nirIssue(column: String) -> InputIssue {
        InputIssue(code: "patient.nir",
                   message: "« \(column) » ressemble à un numéro de sécurité sociale (NIR). Le registre ne conserve "
                       + "jamais l'identité d'un patient : indiquez la référence opaque que l'équipe a choisie "
                       + "pour ce cas (lettres, chiffres et tirets, 20 caractères au plus), jamais le NIR.")
    }
}

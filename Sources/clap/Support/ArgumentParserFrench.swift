import Foundation

/// Swift-argument-parser writes the frame of help and usage errors in English; users read French.
/// These rewrites cover what it prints for clap; an unknown sentence stays as it is.
enum ArgumentParserFrench {
    /// `(pattern, template)` pairs applied in order, as regular expressions.
    private static let rewrites: [(String, String)] = [
        (#"^OVERVIEW: "#, "RÉSUMÉ : "),
        (#"(?m)^USAGE: "#, "UTILISATION : "),
        (#"(?m)^OPTIONS:$"#, "OPTIONS :"),
        (#"(?m)^ARGUMENTS:$"#, "ARGUMENTS :"),
        (#"(?m)^SUBCOMMANDS:$"#, "SOUS-COMMANDES :"),
        (#"Show help information\."#, "Affiche cette aide."),
        (#"\(default: ([^)]*)\)"#, "(par défaut : $1)"),
        (#"See '(clap help[^']*) <subcommand>' for detailed help\."#, "Aide d'une commande : « $1 <commande> »."),
        (#"(?m)^Error: "#, "Erreur : "),
        (#"Missing expected argument '([^']*)'"#, "il manque l'argument obligatoire « $1 »."),
        (#"Missing value for '([^']*)'"#, "il manque la valeur de « $1 »."),
        (#"Unexpected argument '([^']*)'"#, "argument inattendu « $1 »."),
        (#"Unknown option '([^']*)'\. Did you mean '([^']*)'\?"#, "option inconnue « $1 » ; vouliez-vous dire « $2 » ?"),
        (#"Unknown option '([^']*)'"#, "option inconnue « $1 »."),
        (#"The value '([^']*)' is invalid for '([^']*)'"#, "la valeur « $1 » ne convient pas à « $2 »."),
        (#"(?m)^Help:  "#, "Aide :  "),
        (#"(?m)^Usage: "#, "Utilisation : "),
        (#"See '([^']*)' for more information\."#, "Voir « $1 » pour en savoir plus."),
        (#"<subcommand>"#, "<commande>"),
    ]

    /// Help (`--help`, `clap help …`) and usage errors in French. Anything else, such as a completion
    /// script, is left untouched.
    static func translate(_ text: String) -> String {
        guard text.hasPrefix("OVERVIEW: ") || text.hasPrefix("USAGE: ") || text.hasPrefix("Error: ") else { return text }
        var result = text
        for (pattern, template) in rewrites {
            result = result.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        }
        return result
    }
}

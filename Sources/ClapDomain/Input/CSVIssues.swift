import Foundation

/// The issues a CSV file can raise about its form, with their stable codes and French messages.
public enum CSVIssues {
    public static func fileTooLarge(bytes: Int, max: Int) -> InputIssue {
        InputIssue(code: "csv.file_too_large",
                   message: "Le fichier fait \(megabytes(bytes)) Mo, au-delà de la limite de \(megabytes(max)) Mo : "
                       + "découpez-le ou vérifiez qu'il s'agit du bon fichier.")
    }

    public static let empty = InputIssue(
        code: "csv.empty",
        message: "Le fichier est vide : il doit au moins contenir la ligne d'en-tête avec les noms de colonnes.")

    /// An import file with its header and no data row: refused, so that an empty export is not taken for a month
    /// with nothing to declare.
    public static let noRows = InputIssue(
        code: "csv.no_rows",
        message: "Le fichier ne contient que la ligne d'en-tête : aucune ligne de données à importer. "
            + "Vérifiez qu'il s'agit du bon fichier.")

    static func tooManyRows(max: Int) -> InputIssue {
        InputIssue(code: "csv.too_many_rows",
                   message: "Le fichier dépasse \(max) lignes de données : découpez-le en plusieurs fichiers.")
    }

    static func tooManyColumns(count: Int, max: Int) -> InputIssue {
        InputIssue(code: "csv.too_many_columns",
                   message: "Cette ligne a \(count) colonnes, au-delà de la limite de \(max) : "
                       + "vérifiez le séparateur et qu'il s'agit du bon fichier.")
    }

    static func fieldTooLong(fieldNumber: Int, length: Int, max: Int) -> InputIssue {
        InputIssue(code: "csv.field_too_long",
                   message: "Le champ n° \(fieldNumber) fait \(length) caractères, au-delà de la limite de \(max) : "
                       + "un guillemet mal fermé ou un fichier qui n'est pas un CSV de clap ?")
    }

    static func unbalancedQuote(line: Int) -> InputIssue {
        InputIssue(code: "csv.unbalanced_quote",
                   message: "Le guillemet ouvert ligne \(line) n'est jamais refermé : "
                       + "un champ qui commence par \" doit finir par \" (un guillemet dans le texte s'écrit \"\").")
    }

    static func strayQuote(line: Int) -> InputIssue {
        InputIssue(code: "csv.unbalanced_quote",
                   message: "Texte après un guillemet fermant ligne \(line) : dans un champ entre guillemets, "
                       + "un guillemet s'écrit \"\" et le champ se termine par \" suivi du séparateur.")
    }

    static func unknownColumn(_ name: String, expected: [String]) -> InputIssue {
        let shown = name.trimmingCharacters(in: .whitespaces).isEmpty ? "(sans nom)" : name
        return InputIssue(code: "csv.unknown_column",
                          message: "Colonne inconnue « \(shown) ». Colonnes attendues : "
                              + expected.joined(separator: ", ") + ".")
    }

    static func missingColumn(_ name: String) -> InputIssue {
        InputIssue(code: "csv.missing_column",
                   message: "La colonne obligatoire « \(name) » est absente de l'en-tête.")
    }

    static func duplicateColumn(_ name: String) -> InputIssue {
        InputIssue(code: "csv.duplicate_column",
                   message: "La colonne « \(name) » apparaît plusieurs fois dans l'en-tête.")
    }

    static func fieldCount(found: Int, expected: Int, separator: Character) -> InputIssue {
        InputIssue(code: "csv.field_count",
                   message: "Cette ligne a \(found) champs alors que l'en-tête en a \(expected) : "
                       + "un « \(separator) » en trop ou en moins, ou un texte à mettre entre guillemets ?")
    }

    private static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 1024 * 1024 / 2) / (1024 * 1024)
        return "\(tenths / 10),\(tenths % 10)"
    }
}

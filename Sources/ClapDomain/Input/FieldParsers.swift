import LedgerCore

/// Small pure parsers for one CSV field (already trimmed): each gives a value or an issue with a stable code.
public enum FieldParsers {
    public static let required = InputIssue(code: "field.required", message: "Ce champ est obligatoire.")

    /// A non-empty text.
    public static func requiredText(_ text: String) -> Result<String, InputIssue> {
        text.isEmpty ? .failure(required) : .success(text)
    }

    /// A text, nil when empty.
    public static func optionalText(_ text: String) -> Result<String?, InputIssue> {
        .success(text.isEmpty ? nil : text)
    }

    /// `JJ/MM/AAAA` (also `J/M/AAAA`) or `AAAA-MM-JJ`, and a day that exists.
    public static func date(_ text: String) -> Result<Day, InputIssue> {
        // The usual cell, ten bytes in one of the two shapes and a real day, is read byte by byte; it is a shape
        // `dateShape` accepts and the day `Day.parse` gives.
        if let day = Day.parseExact(text) { return .success(day) }
        guard !text.isEmpty else { return .failure(required) }
        guard let (year, _, _) = dateShape(text) else {
            return .failure(InputIssue(
                code: "date.format",
                message: "« \(text) » n'est pas une date : écrivez JJ/MM/AAAA (31/03/2026) ou AAAA-MM-JJ (2026-03-31)."))
        }
        if let day = Day.parse(text) { return .success(day) }
        guard (1900...9999).contains(year) else {
            return .failure(InputIssue(code: "date.invalid",
                                       message: "L'année \(year) est hors de la plage acceptée (1900 à 9999)."))
        }
        return .failure(InputIssue(code: "date.invalid", message: "Le \(text) n'existe pas."))
    }

    /// A date, or nil when empty.
    public static func optionalDate(_ text: String) -> Result<Day?, InputIssue> {
        text.isEmpty ? .success(nil) : date(text).map { $0 }
    }

    /// An amount in euros: `1234,56`, `1234.56`, `1234`; at most two decimals; negative only when allowed.
    public static func amount(_ text: String, allowsNegative: Bool = false) -> Result<Cents, InputIssue> {
        switch Cents.parse(text) {
        case .success(let cents) where cents.isNegative && !allowsNegative:
            return .failure(InputIssue(code: "amount.negative",
                                       message: "Le montant « \(text) » ne peut pas être négatif ici."))
        case .success(let cents):
            return .success(cents)
        case .failure(.empty):
            return .failure(required)
        case .failure(.notANumber):
            return .failure(InputIssue(
                code: "amount.format",
                message: "« \(text) » n'est pas un montant : écrivez par exemple 1234,56 (sans séparateur de milliers)."))
        case .failure(.tooManyDecimals):
            return .failure(InputIssue(code: "amount.decimals",
                                       message: "Le montant « \(text) » a plus de deux décimales : arrondissez au centime."))
        case .failure(.tooLarge):
            return .failure(InputIssue(
                code: "amount.too_large",
                message: "Le montant « \(text) » dépasse le maximum accepté (\(Cents.parseableMax.frenchString) €)."))
        }
    }

    /// A whole number written with digits only, within `range` (e.g. `duree_minutes` in `1...600`).
    public static func integer(_ text: String, in range: ClosedRange<Int>) -> Result<Int, InputIssue> {
        guard !text.isEmpty else { return .failure(required) }
        guard text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return .failure(InputIssue(code: "integer.format",
                                       message: "« \(text) » n'est pas un nombre entier positif (chiffres seulement)."))
        }
        // Too many digits for Int is out of range, not a crash.
        guard let value = Int(text), range.contains(value) else {
            return .failure(InputIssue(
                code: "integer.range",
                message: "\(text) est hors de la plage acceptée (de \(range.lowerBound) à \(range.upperBound))."))
        }
        return .success(value)
    }

    /// The year when `text` looks like `J/M/AAAA` or `AAAA-MM-JJ`, whether or not the day exists.
    static func dateShape(_ text: String) -> (Int, Int, Int)? {
        func digits(_ part: Substring, _ counts: ClosedRange<Int>) -> Int? {
            guard counts.contains(part.count), part.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return Int(part)
        }
        let dashed = text.split(separator: "-", omittingEmptySubsequences: false)
        if dashed.count == 3, let y = digits(dashed[0], 4...4), let m = digits(dashed[1], 2...2),
           let d = digits(dashed[2], 2...2) { return (y, m, d) }
        let slashed = text.split(separator: "/", omittingEmptySubsequences: false)
        if slashed.count == 3, let d = digits(slashed[0], 1...2), let m = digits(slashed[1], 1...2),
           let y = digits(slashed[2], 4...4) { return (y, m, d) }
        return nil
    }
}

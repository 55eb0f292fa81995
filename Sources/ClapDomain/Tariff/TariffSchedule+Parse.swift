import Foundation
import LedgerCore
import TOMLKit

extension TariffSchedule {
    /// The most action types one barème may define.
    public static let typesMax = 50
    /// The longest name or label accepted, in characters.
    public static let labelLengthMax = 200
    /// The longest text accepted as a barème file, in characters.
    public static let textLengthMax = 200_000

    static let topLevelKeys = ["name", "effective_from", "envelope_cap_per_team_year",
                               "yearly_amount_cap_per_professional", "types"]

    /// Parses a barème TOML file, reporting every problem found (each naming its key path in
    /// `SourceLocation.column`). With `newestLoaded`, also refuses an `effective_from` that is not
    /// strictly after it (`tariff.not_newer`, see `TariffVersionCheck`).
    public static func parse(toml text: String, fileName: String,
                             newestLoaded: Day? = nil) -> Result<TariffSchedule, InputRejected> {
        guard text.count <= textLengthMax else {
            let issue = InputIssue(code: "tariff.too_large",
                                   message: "le fichier dépasse \(textLengthMax) caractères ; ce n'est pas un barème.")
            return .failure(InputRejected([LocatedIssue(issue, at: SourceLocation(file: fileName, line: 1))]))
        }
        if let line = TomlPrecheck.unsafeTableHeaderLine(text) {
            let issue = InputIssue(code: "tariff.syntax", message: "le fichier n'est pas un TOML valide : un en-tête de table "
                                   + "« [ » doit être suivi d'un nom de table, par exemple [types.RCP].")
            return .failure(InputRejected([LocatedIssue(issue, at: SourceLocation(file: fileName, line: line))]))
        }
        let document: TOMLTable
        do {
            document = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let issue = InputIssue(code: "tariff.syntax",
                                   message: "le fichier n'est pas un TOML valide : \(error.description).")
            let location = SourceLocation(file: fileName, line: max(1, error.source.begin.line))
            return .failure(InputRejected([LocatedIssue(issue, at: location)]))
        } catch {
            let issue = InputIssue(code: "tariff.syntax", message: "le fichier n'est pas un TOML valide.")
            return .failure(InputRejected([LocatedIssue(issue, at: SourceLocation(file: fileName, line: 1))]))
        }
        var reader = TomlReader(fileName: fileName, text: text)
        let schedule = parseDocument(document, reader: &reader, newestLoaded: newestLoaded)
        if let schedule, reader.issues.isEmpty { return .success(schedule) }
        let ordered = reader.issues.enumerated()
            .sorted { ($0.element.location.line, $0.offset) < ($1.element.location.line, $1.offset) }
            .map(\.element)
        return .failure(InputRejected(ordered))
    }

    private static func parseDocument(_ document: TOMLTable, reader: inout TomlReader,
                                      newestLoaded: Day?) -> TariffSchedule? {
        reader.refuseUnknownKeys(of: document, at: "", allowed: topLevelKeys)
        let name = reader.string(document, "name", at: "", required: true)
        if let name, name.trimmingCharacters(in: .whitespaces).isEmpty || name.count > labelLengthMax {
            reader.report("tariff.name", "« name » doit être un nom non vide d'au plus \(labelLengthMax) caractères.",
                          at: "name", value: name)
        }
        let effectiveFrom = reader.day(document, "effective_from", at: "", required: true)
        if let effectiveFrom, let issue = TariffVersionCheck.check(effectiveFrom: effectiveFrom, newestLoaded: newestLoaded) {
            reader.report(issue.code, issue.message, at: "effective_from", value: effectiveFrom.iso)
        }
        let envelopeCap = positiveAmount(document, "envelope_cap_per_team_year", required: true, reader: &reader)
        let amountCap = positiveAmount(document, "yearly_amount_cap_per_professional", required: false, reader: &reader)
        let types = parseTypes(document, reader: &reader)
        guard let name, let effectiveFrom, let envelopeCap, let types else { return nil }
        return TariffSchedule(name: name, effectiveFrom: effectiveFrom, envelopeCapPerTeamYear: envelopeCap,
                              yearlyAmountCapPerProfessional: amountCap, types: types)
    }

    private static func positiveAmount(_ table: TOMLTable, _ key: String, required: Bool,
                                       reader: inout TomlReader) -> Cents? {
        guard let amount = reader.amount(table, key, at: "", required: required) else { return nil }
        guard amount.isPositive else {
            reader.report("tariff.cap_not_positive", "« \(key) » doit être strictement positif.",
                          at: key, value: amount.plainString)
            return nil
        }
        return amount
    }

    private static func parseTypes(_ document: TOMLTable, reader: inout TomlReader) -> [ActionTypeCode: ActionTypeRule]? {
        guard let table = reader.table(document, "types", at: "", required: true) else { return nil }
        let codes = table.keys.sorted()
        if codes.count > typesMax {
            reader.report("tariff.too_many_types", "le barème définit \(codes.count) types ; au plus \(typesMax).", at: "types")
        }
        var rules: [ActionTypeCode: ActionTypeRule] = [:]
        var complete = true
        for code in codes {
            guard let rule = ActionTypeRuleParser.parse(code: code, in: table, reader: &reader) else {
                complete = false
                continue
            }
            rules[rule.code] = rule
        }
        for required in requiredTypes where !codes.contains(required.rawValue) {
            let path = "types." + required.rawValue
            reader.report("tariff.missing_type",
                          "le type obligatoire « \(required.rawValue) » manque : ajoutez une table [\(path)].", at: path)
            complete = false
        }
        return complete ? rules : nil
    }
}

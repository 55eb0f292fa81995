import Foundation
import LedgerCore
import TOMLKit

/// Reads one `[types.CODE]` table of a barème into an `ActionTypeRule`.
enum ActionTypeRuleParser {
    /// The longest duration an hourly type may allow, in minutes (one day).
    static let minutesMax = 24 * 60

    static let keys = ["label", "unit", "min_professions", "min_minutes", "max_minutes",
                       "yearly_cap_per_professional", "requires_case_ref", "requires_protocol_ref",
                       "once_per_case_per_year", "once_per_protocol_per_professional",
                       "requires_legal_form", "rates"]

    static func parse(code: String, in types: TOMLTable, reader: inout TomlReader) -> ActionTypeRule? {
        let prefix = "types." + code
        guard isValidCode(code) else {
            reader.report("tariff.type_code",
                          "« \(code) » n'est pas un code de type valide (majuscules, chiffres et _, au plus 32 caractères).",
                          at: prefix)
            return nil
        }
        guard let table = reader.table(types, code, at: "types", required: true) else { return nil }
        // Every helper reports its own problems; the rule is built only when none was reported.
        let issuesBefore = reader.issues.count
        reader.refuseUnknownKeys(of: table, at: prefix, allowed: keys)
        let label = reader.string(table, "label", at: prefix, required: true)
        if let label, label.trimmingCharacters(in: .whitespaces).isEmpty || label.count > TariffSchedule.labelLengthMax {
            reader.report("tariff.label", "« \(prefix).label » doit être un libellé non vide d'au plus "
                          + "\(TariffSchedule.labelLengthMax) caractères.", at: prefix + ".label", value: label)
        }
        let unit = parseUnit(table, prefix: prefix, reader: &reader)
        let minProfessions = parseMinProfessions(table, prefix: prefix, reader: &reader)
        let minutes = parseMinutes(table, prefix: prefix, unit: unit, reader: &reader)
        let cap = parseCountCap(table, prefix: prefix, reader: &reader)
        let requiresCaseRef = reader.bool(table, "requires_case_ref", at: prefix) ?? false
        let requiresProtocolRef = reader.bool(table, "requires_protocol_ref", at: prefix) ?? false
        let oncePerCase = reader.bool(table, "once_per_case_per_year", at: prefix) ?? false
        let oncePerProtocol = reader.bool(table, "once_per_protocol_per_professional", at: prefix) ?? false
        if oncePerCase && !requiresCaseRef {
            reader.report("tariff.inconsistent", "« \(prefix).once_per_case_per_year » suppose "
                          + "« requires_case_ref = true ».", at: prefix + ".once_per_case_per_year")
        }
        if oncePerProtocol && !requiresProtocolRef {
            reader.report("tariff.inconsistent", "« \(prefix).once_per_protocol_per_professional » suppose "
                          + "« requires_protocol_ref = true ».", at: prefix + ".once_per_protocol_per_professional")
        }
        let legalForm = parseLegalForm(table, prefix: prefix, reader: &reader)
        let rates = RateTableParser.parse(table, prefix: prefix, reader: &reader)
        guard reader.issues.count == issuesBefore, let label, let unit, let minProfessions, let rates else {
            return nil
        }
        return ActionTypeRule(code: ActionTypeCode(code), label: label, unit: unit, minProfessions: minProfessions,
                              minMinutes: minutes.min, maxMinutes: minutes.max, yearlyCapPerProfessional: cap,
                              requiresCaseRef: requiresCaseRef, requiresProtocolRef: requiresProtocolRef,
                              oncePerCasePerYear: oncePerCase, oncePerProtocolPerProfessional: oncePerProtocol,
                              requiresLegalForm: legalForm, rates: rates)
    }

    static func isValidCode(_ code: String) -> Bool {
        guard let first = code.first, (1...32).contains(code.count), first.isASCII, first.isUppercase else { return false }
        return code.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }
    }

    private static func parseUnit(_ table: TOMLTable, prefix: String, reader: inout TomlReader) -> RateUnit? {
        guard let text = reader.string(table, "unit", at: prefix, required: true) else { return nil }
        guard let unit = RateUnit(rawValue: text) else {
            reader.report("tariff.unit", "« \(prefix).unit » vaut « \(text) » ; valeurs admises : hour, flat.",
                          at: prefix + ".unit", value: text)
            return nil
        }
        return unit
    }

    private static func parseMinProfessions(_ table: TOMLTable, prefix: String, reader: inout TomlReader) -> Int? {
        guard let count = reader.int(table, "min_professions", at: prefix, required: true) else { return nil }
        let allowed = 1...Profession.allCases.count
        guard allowed.contains(count) else {
            reader.report("tariff.min_professions", "« \(prefix).min_professions » doit être compris entre "
                          + "\(allowed.lowerBound) et \(allowed.upperBound).", at: prefix + ".min_professions",
                          value: String(count))
            return nil
        }
        return count
    }

    /// The duration bounds: both required for an hourly type, refused for a flat one.
    private static func parseMinutes(_ table: TOMLTable, prefix: String, unit: RateUnit?,
                                     reader: inout TomlReader) -> (min: Int?, max: Int?) {
        let hourly = unit == .hour
        let low = reader.int(table, "min_minutes", at: prefix, required: hourly)
        let high = reader.int(table, "max_minutes", at: prefix, required: hourly)
        if unit == .flat {
            for key in ["min_minutes", "max_minutes"] where table.contains(key: key) {
                reader.report("tariff.minutes_flat", "« \(prefix).\(key) » n'a pas de sens pour un type forfaitaire "
                              + "(unit = \"flat\") ; retirez-la.", at: prefix + "." + key)
            }
            return (nil, nil)
        }
        guard hourly, let low, let high else { return (nil, nil) }
        for (key, value) in [("min_minutes", low), ("max_minutes", high)] where !(1...minutesMax).contains(value) {
            reader.report("tariff.minutes", "« \(prefix).\(key) » doit être compris entre 1 et \(minutesMax) minutes.",
                          at: prefix + "." + key, value: String(value))
        }
        if low > high {
            reader.report("tariff.minutes", "« \(prefix).min_minutes » (\(low)) dépasse « max_minutes » (\(high)).",
                          at: prefix + ".min_minutes", value: String(low))
        }
        return (low, high)
    }

    /// The yearly count cap; nil when there is none (or it is wrong, which is reported).
    private static func parseCountCap(_ table: TOMLTable, prefix: String, reader: inout TomlReader) -> Int? {
        guard let cap = reader.int(table, "yearly_cap_per_professional", at: prefix, required: false) else { return nil }
        guard cap > 0 else {
            reader.report("tariff.cap_not_positive", "« \(prefix).yearly_cap_per_professional » doit être strictement positif.",
                          at: prefix + ".yearly_cap_per_professional", value: String(cap))
            return nil
        }
        return cap
    }

    /// The required legal form; nil when the type has none (or it is wrong, which is reported).
    private static func parseLegalForm(_ table: TOMLTable, prefix: String, reader: inout TomlReader) -> LegalForm? {
        guard let text = reader.string(table, "requires_legal_form", at: prefix, required: false) else { return nil }
        guard let form = LegalForm(rawValue: text) else {
            reader.report("tariff.legal_form", "« \(prefix).requires_legal_form » vaut « \(text) » ; "
                          + "valeurs admises : aucune, association.", at: prefix + ".requires_legal_form", value: text)
            return nil
        }
        return form
    }
}

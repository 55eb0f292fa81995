import Foundation
import LedgerCore
import TOMLKit

/// Reads typed values out of a parsed TOML document, collecting every problem with its key path.
///
/// Each getter returns nil when the value is absent or unusable and records why; the caller
/// carries on, so one pass reports all the mistakes of a file.
struct TomlReader {
    let fileName: String
    let lines: TomlKeyLines
    private(set) var issues: [LocatedIssue] = []

    init(fileName: String, text: String) {
        self.fileName = fileName
        self.lines = TomlKeyLines(text: text)
    }

    mutating func report(_ code: String, _ message: String, at path: String, value: String? = nil) {
        let location = SourceLocation(file: fileName, line: lines.line(of: path), column: path)
        issues.append(LocatedIssue(InputIssue(code: code, message: message), at: location, value: value))
    }

    static func path(_ prefix: String, _ key: String) -> String {
        prefix.isEmpty ? key : prefix + "." + key
    }

    /// Reports every key of `table` not in `allowed`.
    mutating func refuseUnknownKeys(of table: TOMLTable, at prefix: String, allowed: [String]) {
        for key in table.keys.sorted() where !allowed.contains(key) {
            let path = Self.path(prefix, key)
            report("tariff.unknown_key",
                   "clé inconnue « \(path) » ; clés admises ici : \(allowed.joined(separator: ", ")).",
                   at: path)
        }
    }

    /// The raw value at `key`, reporting `tariff.missing_key` when it is required and absent.
    mutating func value(_ table: TOMLTable, _ key: String, at prefix: String,
                        required: Bool) -> TOMLValueConvertible? {
        guard let value = table[key] else {
            if required {
                let path = Self.path(prefix, key)
                report("tariff.missing_key", "clé obligatoire absente : « \(path) ».", at: path)
            }
            return nil
        }
        return value
    }

    mutating func string(_ table: TOMLTable, _ key: String, at prefix: String, required: Bool) -> String? {
        guard let value = value(table, key, at: prefix, required: required) else { return nil }
        guard let text = value.string else { return wrongType(value, expected: "un texte entre guillemets", key, prefix) }
        return text
    }

    mutating func int(_ table: TOMLTable, _ key: String, at prefix: String, required: Bool) -> Int? {
        guard let value = value(table, key, at: prefix, required: required) else { return nil }
        guard let number = value.int else { return wrongType(value, expected: "un nombre entier", key, prefix) }
        return number
    }

    mutating func bool(_ table: TOMLTable, _ key: String, at prefix: String) -> Bool? {
        guard let value = value(table, key, at: prefix, required: false) else { return nil }
        guard let flag = value.bool else { return wrongType(value, expected: "true ou false", key, prefix) }
        return flag
    }

    mutating func table(_ table: TOMLTable, _ key: String, at prefix: String, required: Bool) -> TOMLTable? {
        guard let value = value(table, key, at: prefix, required: required) else { return nil }
        guard let inner = value.table else { return wrongType(value, expected: "une table", key, prefix) }
        return inner
    }

    /// A TOML date (`2026-01-01`) or a text date (`"2026-01-01"`, `"01/01/2026"`).
    mutating func day(_ table: TOMLTable, _ key: String, at prefix: String, required: Bool) -> Day? {
        guard let value = value(table, key, at: prefix, required: required) else { return nil }
        let path = Self.path(prefix, key)
        if let date = value.date {
            if let day = Day(year: date.year, month: date.month, day: date.day) { return day }
        } else if let text = value.string {
            if let day = Day.parse(text) { return day }
        } else {
            return wrongType(value, expected: "une date (AAAA-MM-JJ)", key, prefix)
        }
        report("tariff.date", "« \(path) » n'est pas une date valide (attendu AAAA-MM-JJ).",
               at: path, value: value.string)
        return nil
    }

    /// An amount written as a text of decimal euros (`"80.00"`), zero or more, at most two decimals.
    mutating func amount(_ table: TOMLTable, _ key: String, at prefix: String, required: Bool) -> Cents? {
        guard let value = value(table, key, at: prefix, required: required) else { return nil }
        let path = Self.path(prefix, key)
        guard let text = value.string else {
            report("tariff.amount_not_text",
                   "« \(path) » doit être un montant en euros écrit entre guillemets, par exemple \"80.00\" "
                   + "(jamais un nombre à virgule flottante).", at: path)
            return nil
        }
        switch Cents.parse(text) {
        case let .success(cents) where cents.isNegative:
            report("tariff.amount_negative", "« \(path) » est négatif ; un montant du barème est positif ou nul.",
                   at: path, value: text)
        case let .success(cents):
            return cents
        case .failure(.tooManyDecimals):
            report("tariff.amount_decimals", "« \(path) » a plus de deux décimales ; un montant s'écrit au centime près.",
                   at: path, value: text)
        case .failure(.tooLarge):
            report("tariff.amount_too_large", "« \(path) » dépasse le plus grand montant admis (\(Cents.parseableMax.euroString)).",
                   at: path, value: text)
        case .failure:
            report("tariff.amount_format", "« \(path) » n'est pas un montant en euros (attendu par exemple \"80.00\").",
                   at: path, value: text)
        }
        return nil
    }

    private mutating func wrongType<T>(_ value: TOMLValueConvertible, expected: String,
                                       _ key: String, _ prefix: String) -> T? {
        let path = Self.path(prefix, key)
        report("tariff.value_type", "« \(path) » doit être \(expected), pas \(Self.frenchName(value.type)).", at: path)
        return nil
    }

    static func frenchName(_ type: TOMLType) -> String {
        switch type {
        case .table: "une table"
        case .array: "un tableau"
        case .string: "un texte"
        case .int: "un nombre entier"
        case .double: "un nombre à virgule"
        case .bool: "un booléen"
        case .date: "une date"
        case .time: "une heure"
        case .dateTime: "une date-heure"
        }
    }
}

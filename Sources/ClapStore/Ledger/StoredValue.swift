import GRDB
import LedgerCore

/// A value read back from the file without trusting it: `verify` must name a damaged value, never stop on it.
///
/// GRDB's typed subscripts stop the program on a value of the wrong type (text in an integer column,
/// NULL in a NOT NULL column after a table was rebuilt). Everything `verify` reads goes through this instead.
struct StoredValue: Sendable, CustomStringConvertible {
    let value: DatabaseValue

    init(_ row: Row, _ column: String) {
        value = row.hasColumn(column) ? (try? row.decode(DatabaseValue.self, forColumn: column)) ?? .null : .null
    }

    init(_ row: Row, at index: Int) {
        value = index < row.count ? (try? row.decode(DatabaseValue.self, atIndex: index)) ?? .null : .null
    }

    var isNull: Bool { value.isNull }

    // `@inline(never)` on the two accessors below: inlined into `LedgerReader.decode`, they crash the Swift 6.3.1
    // optimiser (CopyPropagation, "Found outside of lifetime use") and the release build fails.

    /// The value when it is stored as an integer.
    @inline(never)
    var integer: Int64? {
        if case .int64(let number) = value.storage { return number }
        return nil
    }

    /// The value when it is stored as text.
    @inline(never)
    var text: String? {
        if case .string(let string) = value.storage { return string }
        return nil
    }

    /// The value when it is a day written exactly as clap writes one (`AAAA-MM-JJ`), nothing else.
    var day: Day? {
        guard let text, let day = Day.parse(text), day.iso == text else { return nil }
        return day
    }

    /// Text as it is, anything else as `description` says: for messages about values that are normally text.
    var plain: String { text ?? description }

    /// How the value reads in a French message: `« 2025-02-31 »`, `NULL`, `« abc » (texte)`.
    var description: String {
        switch value.storage {
        case .null: "NULL"
        case .int64(let number): "\(number)"
        case .double: "« \(String(describing: value)) » (nombre à virgule)"
        case .string(let string): "« \(string.count > 40 ? String(string.prefix(40)) + "…" : string) » (texte)"
        case .blob(let data): "\(data.count) octets binaires"
        }
    }
}

extension Row {
    func stored(_ column: String) -> StoredValue { StoredValue(self, column) }
}

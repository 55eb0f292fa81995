import Foundation

/// The columns an import expects, named in canonical form (lowercase ASCII, e.g. `date_debut`).
public struct CSVSchema: Hashable, Sendable {
    /// One expected column and whether the file must have it.
    public struct Column: Hashable, Sendable {
        public let name: String
        public let isRequired: Bool

        public init(_ name: String, isRequired: Bool) {
            precondition(CSVSchema.canonicalName(name) == name, "schema column names are canonical: \(name)")
            self.name = name
            self.isRequired = isRequired
        }

        public static func required(_ name: String) -> Column { Column(name, isRequired: true) }
        public static func optional(_ name: String) -> Column { Column(name, isRequired: false) }
    }

    /// The columns in the order the documentation lists them.
    public let columns: [Column]

    public init(_ columns: [Column]) {
        precondition(Set(columns.map(\.name)).count == columns.count, "schema column names are unique")
        self.columns = columns
    }

    /// Every column required, in this order.
    public init(required names: [String]) {
        self.init(names.map(Column.required))
    }

    public var names: [String] { columns.map(\.name) }

    public func column(named name: String) -> Column? { columns.first { $0.name == name } }

    /// How a header cell is matched: surrounding spaces dropped, accents and case ignored,
    /// inner spaces and hyphens read as `_` (`" Date début "` → `date_debut`).
    public static func canonicalName(_ raw: String) -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        var scalars = String.UnicodeScalarView()
        var previousWasSeparator = false
        for scalar in trimmed.decomposedStringWithCanonicalMapping.unicodeScalars {
            if combiningMarks.contains(scalar.value) { continue }
            let isSeparator = scalar == "-" || scalar == "_" || CharacterSet.whitespaces.contains(scalar)
            if isSeparator {
                if !previousWasSeparator { scalars.append("_") }
            } else {
                scalars.append(scalar)
            }
            previousWasSeparator = isSeparator
        }
        return String(scalars).lowercased()
    }

    /// Combining Diacritical Marks: what is left of `é` once decomposed, after the `e`.
    private static let combiningMarks: ClosedRange<UInt32> = 0x0300...0x036F
}

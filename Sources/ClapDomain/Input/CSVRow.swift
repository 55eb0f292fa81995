/// One data row of a CSV file: its physical line number and its fields, read by canonical column name.
public struct CSVRow: Sendable {
    /// The line where the row starts in the file (the header is line 1).
    public let line: Int
    /// The fields, trimmed, in header order.
    public let fields: [String]
    let layout: CSVColumnLayout

    init(line: Int, fields: [String], layout: CSVColumnLayout) {
        self.line = line
        self.fields = fields
        self.layout = layout
    }

    /// The trimmed value of a schema column; empty when empty or when the file lacks that optional column.
    public subscript(column: String) -> String {
        if let index = layout.indexByName[column] { return fields[index] }
        // Checked only for a column the file lacks: a present column is in the schema (one lookup per field read).
        precondition(layout.schemaNames.contains(column), "column \(column) is not in the schema")
        return ""
    }

    /// Whether the file has this column at all (an optional column may be absent).
    public func hasColumn(_ column: String) -> Bool { layout.indexByName[column] != nil }

    /// Where this row's field for `column` is, for an issue about it.
    public func location(_ column: String) -> SourceLocation {
        SourceLocation(file: layout.fileName, line: line, column: layout.displayName(of: column))
    }

    /// Where this row is, for an issue about the row as a whole.
    public var location: SourceLocation { SourceLocation(file: layout.fileName, line: line) }
}

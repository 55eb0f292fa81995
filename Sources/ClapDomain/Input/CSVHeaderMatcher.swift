/// Matches a header line against a schema: unknown, duplicated and missing columns are issues.
enum CSVHeaderMatcher {
    static func match(
        _ header: CSVRecord, fileName: String, schema: CSVSchema, collector: inout IssueCollector
    ) -> CSVColumnLayout {
        func location(_ column: String) -> SourceLocation {
            SourceLocation(file: fileName, line: header.line, column: column)
        }
        var indexByName: [String: Int] = [:]
        for (index, written) in header.fields.enumerated() {
            let name = CSVSchema.canonicalName(written)
            if schema.column(named: name) == nil {
                collector.append(CSVIssues.unknownColumn(written, expected: schema.names), at: location(written))
            } else if indexByName[name] != nil {
                collector.append(CSVIssues.duplicateColumn(written), at: location(written))
            } else {
                indexByName[name] = index
            }
        }
        for column in schema.columns where column.isRequired && indexByName[column.name] == nil {
            collector.append(CSVIssues.missingColumn(column.name), at: location(column.name))
        }
        return CSVColumnLayout(fileName: fileName, indexByName: indexByName,
                               headerNames: header.fields, schemaNames: Set(schema.names))
    }
}

/// Where each schema column sits in one file's header; shared by all rows of that file.
final class CSVColumnLayout: Sendable {
    let fileName: String
    /// Canonical column name → index of the field in each row, for columns present in the file.
    let indexByName: [String: Int]
    /// Header cells as written, for messages.
    let headerNames: [String]
    /// Every column of the schema, present or not.
    let schemaNames: Set<String>

    init(fileName: String, indexByName: [String: Int], headerNames: [String], schemaNames: Set<String>) {
        self.fileName = fileName
        self.indexByName = indexByName
        self.headerNames = headerNames
        self.schemaNames = schemaNames
    }

    /// The column's name as the user wrote it, or its canonical name when the file lacks it.
    func displayName(of column: String) -> String {
        indexByName[column].map { headerNames[$0] } ?? column
    }
}

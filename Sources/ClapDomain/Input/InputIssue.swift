/// One reason an input is refused: a stable code for programs, a French sentence for people.
public struct InputIssue: Error, Hashable, Sendable {
    /// Stable, machine-readable code, e.g. `rpps.checksum`, `csv.unknown_column`.
    public let code: String
    /// What the user reads, in French, saying what is wrong and, where it helps, what to do.
    public let message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

/// Where in a source file an issue was found. Lines and columns count from 1; the header is line 1.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    /// The column's name as written in the header (or the TOML key), when the issue is about one field.
    public let column: String?

    public init(file: String, line: Int, column: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        "\(file), ligne \(line)" + (column.map { ", colonne « \($0) »" } ?? "")
    }
}

/// An issue pinned to its place in the input, with the offending value.
public struct LocatedIssue: Error, Hashable, Sendable, CustomStringConvertible {
    public let location: SourceLocation
    public let value: String?
    public let issue: InputIssue

    public init(_ issue: InputIssue, at location: SourceLocation, value: String? = nil) {
        self.issue = issue
        self.location = location
        self.value = value
    }

    /// `equipes.csv, ligne 4, colonne « rpps », valeur « 123 » : la clé de contrôle … [rpps.checksum]`
    public var description: String {
        var text = location.description
        if let value { text += ", valeur « \(value.prefix(80)) »" }
        return text + " : " + issue.message + " [" + issue.code + "]"
    }
}

/// A refused input: every issue found, not only the first. Nothing was written.
public struct InputRejected: Error, Sendable {
    public let issues: [LocatedIssue]
    public init(_ issues: [LocatedIssue]) { self.issues = issues }
}

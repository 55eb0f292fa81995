/// Gathers every issue found in one input, up to a limit, so an import reports them all at once
/// instead of stopping at the first.
public struct IssueCollector: Sendable {
    /// Issues kept, in the order found.
    public private(set) var issues: [LocatedIssue] = []
    /// Issues found beyond `issuesMax`, counted but not kept.
    public private(set) var omittedCount = 0
    public let issuesMax: Int

    public init(issuesMax: Int = InputLimits.issuesMaxDefault) {
        self.issuesMax = issuesMax
    }

    public var isEmpty: Bool { issues.isEmpty }

    public mutating func append(_ issue: LocatedIssue) {
        if issues.count < issuesMax { issues.append(issue) } else { omittedCount += 1 }
    }

    public mutating func append(_ issue: InputIssue, at location: SourceLocation, value: String? = nil) {
        append(LocatedIssue(issue, at: location, value: value))
    }

    /// Parses `row[column]`; on failure records the issue with its place and value and returns nil.
    ///
    ///     let start = collector.field(row, "date_debut", FieldParsers.date)
    ///     let minutes = collector.field(row, "duree_minutes") { FieldParsers.integer($0, in: 1...600) }
    public mutating func field<T>(
        _ row: CSVRow, _ column: String, _ parse: (String) -> Result<T, InputIssue>
    ) -> T? {
        let value = row[column]
        switch parse(value) {
        case .success(let parsed):
            return parsed
        case .failure(let issue):
            append(issue, at: row.location(column), value: value.isEmpty ? nil : value)
            return nil
        }
    }

    /// Every kept issue, followed, when some were left out, by one issue saying how many.
    public var allIssues: [LocatedIssue] {
        guard omittedCount > 0, let last = issues.last else { return issues }
        let summary = InputIssue(
            code: "input.too_many_issues",
            message: "… et \(omittedCount) autres erreurs non listées : corrigez d'abord celles-ci.")
        return issues + [LocatedIssue(summary, at: SourceLocation(file: last.location.file, line: last.location.line))]
    }

    /// The refusal to return when anything was found, else nil.
    public var rejection: InputRejected? { isEmpty ? nil : InputRejected(allIssues) }

    /// `value()` when no issue was found, else the refusal listing them all.
    public func result<T>(_ value: () -> T) -> Result<T, InputRejected> {
        if let rejection { return .failure(rejection) }
        return .success(value())
    }
}

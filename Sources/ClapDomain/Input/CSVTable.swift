import Foundation

/// A CSV file read against a schema: its header checked, its rows with their physical line numbers.
public struct CSVTable: Sendable {
    public let fileName: String
    /// The detected separator, `;` or `,`.
    public let separator: Character
    /// The header cells as written in the file.
    public let header: [String]
    /// The data rows, blank lines skipped.
    public let rows: [CSVRow]

    /// Reads a file's bytes: size and line-length limits, then decoding, then `read(text:…)`.
    public static func read(
        data: Data, fileName: String, schema: CSVSchema, limits: InputLimits = .standard
    ) -> Result<CSVTable, InputRejected> {
        let start = SourceLocation(file: fileName, line: 1)
        guard data.count <= limits.fileBytesMax else {
            let issue = CSVIssues.fileTooLarge(bytes: data.count, max: limits.fileBytesMax)
            return .failure(InputRejected([LocatedIssue(issue, at: start)]))
        }
        if let tooLong = CSVLineGuard.check(data, fileName: fileName, limits: limits) {
            return .failure(InputRejected([tooLong]))
        }
        switch TextDecoding.decode(data) {
        case .failure(let issue):
            return .failure(InputRejected([LocatedIssue(issue, at: start)]))
        case .success(let text):
            return read(text: text, fileName: fileName, schema: schema, limits: limits)
        }
    }

    /// Reads already decoded text; CRLF and CR line ends are read as LF.
    public static func read(
        text: String, fileName: String, schema: CSVSchema, limits: InputLimits = .standard
    ) -> Result<CSVTable, InputRejected> {
        let start = SourceLocation(file: fileName, line: 1)
        var bytes = Array(text.utf8)
        if TextDecoding.contains(TextDecoding.carriageReturn, in: bytes) {
            bytes = TextDecoding.normalizingLineEndings(bytes)
        }
        if bytes.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\t") }) {
            return .failure(InputRejected([LocatedIssue(CSVIssues.empty, at: start)]))
        }
        let (scanner, isSound) = bytes.withUnsafeBufferPointer { buffer in
            var pass = CSVScanner(fileName: fileName, limits: limits, separator: CSVScanner.detectSeparator(buffer))
            let isSound = pass.scan(buffer)
            return (pass, isSound)
        }
        if let rejection = scanner.collector.rejection { return .failure(rejection) }
        precondition(isSound, "the scanner stops only on an issue it records")
        let records = bytes.withUnsafeBufferPointer { CSVRecordReader.records(bytes: $0, separator: scanner.separator) }
        return build(records: records, separator: Character(Unicode.Scalar(scanner.separator)), fileName: fileName,
                     schema: schema, limits: limits)
    }

    private static func build(
        records: [CSVRecord], separator: Character, fileName: String, schema: CSVSchema, limits: InputLimits
    ) -> Result<CSVTable, InputRejected> {
        var collector = IssueCollector(issuesMax: limits.issuesMax)
        let nonBlank = records.lazy.filter { !$0.isBlank }
        guard let headerRecord = nonBlank.first else {
            return .failure(InputRejected([LocatedIssue(CSVIssues.empty, at: SourceLocation(file: fileName, line: 1))]))
        }
        let layout = CSVHeaderMatcher.match(
            headerRecord, fileName: fileName, schema: schema, collector: &collector)
        var rows: [CSVRow] = []
        rows.reserveCapacity(records.count)
        for record in nonBlank.dropFirst() {
            guard record.fields.count == layout.headerNames.count else {
                let issue = CSVIssues.fieldCount(
                    found: record.fields.count, expected: layout.headerNames.count, separator: separator)
                collector.append(issue, at: SourceLocation(file: fileName, line: record.line))
                continue
            }
            rows.append(CSVRow(line: record.line, fields: record.fields, layout: layout))
        }
        return collector.result {
            CSVTable(fileName: fileName, separator: separator, header: layout.headerNames, rows: rows)
        }
    }
}

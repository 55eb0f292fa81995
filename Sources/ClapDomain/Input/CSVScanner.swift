/// A first pass over the raw bytes of a decoded CSV text: finds the separator and refuses, before any field
/// is built, what would exhaust memory or what the RFC 4180 parser would silently misread (quotes).
struct CSVScanner {
    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    let fileName: String
    let limits: InputLimits
    let separator: UInt8
    private(set) var collector: IssueCollector
    private var line = 1
    private var recordStartLine = 1
    private var fieldStartLine = 1
    private var fieldIndex = 0
    private var fieldScalars = 0
    private var records = 0

    init(fileName: String, limits: InputLimits, separator: UInt8) {
        self.fileName = fileName
        self.limits = limits
        self.separator = separator
        self.collector = IssueCollector(issuesMax: limits.issuesMax)
    }

    /// The separator of the first line holding a name: `;` or `,`, whichever occurs more outside quotes;
    /// `;` on a tie, the French spreadsheet default.
    static func detectSeparator(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var semicolons = 0, commas = 0, inQuotes = false, lineHasName = false
        for byte in bytes {
            if byte == quote { inQuotes.toggle(); lineHasName = true; continue }
            if inQuotes { continue }
            switch byte {
            case semicolon: semicolons += 1
            case comma: commas += 1
            case lineFeed:
                if lineHasName { return commas > semicolons ? comma : semicolon }
                semicolons = 0; commas = 0
            case space, tab: break
            default: lineHasName = true
            }
        }
        return commas > semicolons ? comma : semicolon
    }

    /// Scans the whole text; true when the issues found leave the structure sound enough to parse.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var state = State.fieldStart
        for byte in bytes {
            switch state {
            case .fieldStart where byte == Self.quote:
                fieldStartLine = line
                state = .quoted
            case .fieldStart, .unquoted:
                if state == .fieldStart { fieldStartLine = line }
                if byte == separator {
                    endField()
                    state = .fieldStart
                } else if byte == Self.lineFeed {
                    endField()
                    guard endRecord() else { return false }
                    line += 1
                    state = .fieldStart
                } else {
                    countScalar(byte)
                    state = .unquoted
                }
            case .quoted:
                if byte == Self.quote {
                    state = .quoteInQuoted
                } else {
                    if byte == Self.lineFeed { line += 1 }
                    countScalar(byte)
                }
            case .quoteInQuoted:
                if byte == Self.quote {
                    fieldScalars += 1
                    state = .quoted
                } else if byte == separator {
                    endField()
                    state = .fieldStart
                } else if byte == Self.lineFeed {
                    endField()
                    guard endRecord() else { return false }
                    line += 1
                    state = .fieldStart
                } else {
                    collector.append(CSVIssues.strayQuote(line: line), at: location(line))
                    return false
                }
            }
        }
        switch state {
        case .quoted:
            collector.append(CSVIssues.unbalancedQuote(line: fieldStartLine), at: location(fieldStartLine))
            return false
        case .fieldStart where fieldIndex == 0:
            return true
        case .fieldStart, .unquoted, .quoteInQuoted:
            endField()
            return endRecord()
        }
    }

    @inline(__always)
    private mutating func countScalar(_ byte: UInt8) {
        // Continuation bytes (10xxxxxx) do not start a scalar.
        if byte & 0xC0 != 0x80 { fieldScalars += 1 }
    }

    private mutating func endField() {
        if fieldScalars > limits.fieldCharactersMax {
            let issue = CSVIssues.fieldTooLong(
                fieldNumber: fieldIndex + 1, length: fieldScalars, max: limits.fieldCharactersMax)
            collector.append(issue, at: location(fieldStartLine))
        }
        fieldIndex += 1
        fieldScalars = 0
    }

    /// False when the file must be refused at once (too many rows or columns).
    private mutating func endRecord() -> Bool {
        records += 1
        defer {
            fieldIndex = 0
            recordStartLine = line + 1
        }
        if fieldIndex > limits.columnsMax {
            collector.append(CSVIssues.tooManyColumns(count: fieldIndex, max: limits.columnsMax),
                             at: location(recordStartLine))
            return false
        }
        // The header is one of the records.
        if records - 1 > limits.rowsMax {
            collector.append(CSVIssues.tooManyRows(max: limits.rowsMax), at: location(recordStartLine))
            return false
        }
        return true
    }

    private func location(_ line: Int) -> SourceLocation { SourceLocation(file: fileName, line: line) }

    static let quote = UInt8(ascii: "\"")
    static let semicolon = UInt8(ascii: ";")
    static let comma = UInt8(ascii: ",")
    static let lineFeed = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
}

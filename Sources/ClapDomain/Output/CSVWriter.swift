/// Writes CSV for French spreadsheets: `;` by default, RFC 4180 quoting, CRLF line ends, optional UTF-8 BOM,
/// and every cell a spreadsheet could take for a formula neutralised.
public struct CSVWriter: Sendable {
    public let separator: Character
    /// Whether the output starts with a UTF-8 BOM, which Excel needs to read accents right.
    public let includesBOM: Bool

    public init(separator: Character = ";", includesBOM: Bool = false) {
        precondition(separator != "\"" && separator != "\n" && separator != "\r", "unusable CSV separator")
        self.separator = separator
        self.includesBOM = includesBOM
    }

    public static let lineEnd = "\r\n"
    public static let byteOrderMark = "\u{FEFF}"

    /// A whole document in memory; for large exports prefer `write(header:to:)` then `write(row:to:)`.
    public func document(header: [String], rows: some Sequence<[String]>) -> String {
        var text = ""
        write(header: header, to: &text)
        for row in rows { write(row: row, to: &text) }
        return text
    }

    /// Starts a document: the BOM when asked for, then the header line.
    public func write(header: [String], to output: inout some TextOutputStream) {
        if includesBOM { output.write(Self.byteOrderMark) }
        write(row: header, to: &output)
    }

    /// Appends one line.
    public func write(row: [String], to output: inout some TextOutputStream) {
        output.write(line(row))
    }

    /// Streams a document to a sink closure (a file handle, a socket), one line per call.
    public func stream(header: [String], rows: some Sequence<[String]>, to sink: (String) -> Void) {
        withoutActuallyEscaping(sink) { sink in
            var output = ClosureOutputStream(sink: sink)
            write(header: header, to: &output)
            for row in rows { write(row: row, to: &output) }
        }
    }

    /// One line, CRLF included.
    public func line(_ fields: [String]) -> String {
        var text = ""
        for (index, field) in fields.enumerated() {
            if index > 0 { text.append(separator) }
            text += cell(field)
        }
        return text + Self.lineEnd
    }

    /// One cell: neutralised, then quoted when it holds the separator, a quote or a line break.
    public func cell(_ value: String) -> String {
        let safe = Self.neutralized(value)
        // Fast path, on the bytes: without the separator, a quote or a line-break byte, no character needs quoting.
        if let separatorByte = separator.asciiValue, !safe.utf8.contains(where: {
            $0 == separatorByte || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
        }) {
            return safe
        }
        let needsQuotes = safe.contains { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard needsQuotes else { return safe }
        return "\"" + safe.replacingQuotes() + "\""
    }

    /// The value with a leading `'` when it starts with `=`, `+`, `-`, `@`, tab or CR, so a spreadsheet shows
    /// it as text instead of running it; a plain negative number (`-12,50`, `-3`) stays a number.
    public static func neutralized(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, formulaStarts.contains(first),
              !isPlainNegativeNumber(value) else { return value }
        return "'" + value
    }

    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `-` then digits, optionally one `,` or `.` followed by digits.
    private static func isPlainNegativeNumber(_ value: String) -> Bool {
        let body = value.utf8.dropFirst()
        guard value.utf8.first == UInt8(ascii: "-"), !body.isEmpty else { return false }
        let parts = body.split(omittingEmptySubsequences: false) { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ".") }
        return parts.count <= 2 && parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        }
    }
}

/// Adapts a closure to `TextOutputStream`, for streaming exports.
public struct ClosureOutputStream: TextOutputStream {
    let sink: (String) -> Void
    public init(sink: @escaping (String) -> Void) { self.sink = sink }
    public mutating func write(_ string: String) { sink(string) }
}

private extension String {
    func replacingQuotes() -> String {
        var out = ""
        out.reserveCapacity(utf8.count + 2)
        for character in self {
            if character == "\"" { out += "\"\"" } else { out.append(character) }
        }
        return out
    }
}

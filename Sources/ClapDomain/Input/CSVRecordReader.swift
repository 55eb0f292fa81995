import CSV
import Foundation

/// One record of a CSV text as parsed, before the header gives it meaning.
struct CSVRecord: Sendable {
    /// The physical line where the record starts.
    let line: Int
    /// Fields trimmed of surrounding white space.
    let fields: [String]

    /// A blank line, or a line of separators only, as spreadsheets leave at the end.
    var isBlank: Bool { fields.allSatisfy(\.isEmpty) }
}

/// RFC 4180 parsing by CSV.swift, with the physical line number of each record.
enum CSVRecordReader {
    /// Parses a text the scanner found sound (quotes balanced, limits respected).
    static func records(text: String, separator: Unicode.Scalar) -> Result<[CSVRecord], InputIssue> {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: separator)
        } catch {
            return .failure(InputIssue(code: "csv.unreadable", message: "Le fichier CSV est illisible : \(error)."))
        }
        var records: [CSVRecord] = []
        var line = 1
        while let fields = reader.next() {
            records.append(CSVRecord(line: line, fields: fields.map(trimmed)))
            // A quoted field spanning lines moves the next record down as many lines.
            line += 1 + fields.reduce(0) { $0 + $1.utf8.reduce(0) { $0 + ($1 == lineFeed ? 1 : 0) } }
        }
        return .success(records)
    }

    private static let lineFeed = UInt8(ascii: "\n")

    static func trimmed(_ field: String) -> String {
        // The usual field starts and ends with a visible ASCII character: nothing to trim, known from two bytes.
        if let first = field.utf8.first, let last = field.utf8.last, isVisibleASCII(first), isVisibleASCII(last) { return field }
        guard let first = field.unicodeScalars.first, let last = field.unicodeScalars.last,
              isSpace(first) || isSpace(last) else { return field }
        return field.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `!` to `~`: ASCII, and not white space (the ASCII white space is tab to carriage return, and the space).
    private static func isVisibleASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }
}

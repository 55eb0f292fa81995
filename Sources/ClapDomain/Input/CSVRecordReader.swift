import Foundation

/// One record of a CSV text as parsed, before the header gives it meaning.
struct CSVRecord: Sendable, Equatable {
    /// The physical line where the record starts.
    let line: Int
    /// Fields trimmed of surrounding white space.
    let fields: [String]

    /// A blank line, or a line of separators only, as spreadsheets leave at the end.
    var isBlank: Bool { fields.allSatisfy(\.isEmpty) }
}

/// RFC 4180 records read from the bytes of a text `CSVScanner` found sound, with the physical line where each
/// starts. The grammar is the scanner's: a quote opens a quoted field only as its first byte; inside, two quotes
/// stand for one; the closing quote is followed by a separator, a line feed or the end (the scanner refused
/// anything else). Line ends are line feeds only (`CSVTable` turned CR and CRLF into LF); a last line feed ends
/// the last record rather than starting an empty one.
///
/// CSV.swift read the records before: it is the oracle of this reader's tests. Reading the bytes once, without a
/// `String` per character, took the records of a month's import from 650 M instructions to 85 M.
enum CSVRecordReader {
    static func records(bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) -> [CSVRecord] {
        guard !bytes.isEmpty else { return [] }
        var records: [CSVRecord] = []
        var fields: [String] = []
        var quoted: [UInt8] = []
        var line = 1, recordLine = 1
        var index = 0
        while true {
            if bytes[index] == quote {
                quoted.removeAll(keepingCapacity: true)
                index += 1
                while index < bytes.count {
                    let byte = bytes[index]
                    index += 1
                    if byte == quote {
                        guard index < bytes.count, bytes[index] == quote else { break }
                        index += 1
                    } else if byte == lineFeed {
                        line += 1
                    }
                    quoted.append(byte)
                }
                fields.append(trimmed(String(decoding: quoted, as: UTF8.self)))
            } else {
                let start = index
                while index < bytes.count, bytes[index] != separator, bytes[index] != lineFeed { index += 1 }
                fields.append(trimmed(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)))
            }
            if index < bytes.count, bytes[index] == separator {
                index += 1
                // A separator at the very end leaves one more, empty, field.
                if index == bytes.count { fields.append("") }
                else { continue }
            }
            records.append(CSVRecord(line: recordLine, fields: fields))
            fields.removeAll(keepingCapacity: true)
            guard index < bytes.count else { break }
            // A line feed: the next record starts on the next line, if anything follows.
            index += 1
            line += 1
            recordLine = line
            guard index < bytes.count else { break }
        }
        return records
    }

    private static let quote = UInt8(ascii: "\"")
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

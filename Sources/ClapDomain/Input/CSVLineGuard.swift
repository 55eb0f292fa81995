import Foundation

/// Refuses, in milliseconds and before any decoding, a physical line too long to hold a valid row:
/// a line of more than `columnsMax` fields of `fieldCharactersMax` characters (4 bytes at most each).
enum CSVLineGuard {
    /// The longest a line of a valid file can be, in bytes, quotes and separators included.
    static func lineBytesMax(_ limits: InputLimits) -> Int {
        limits.columnsMax * (limits.fieldCharactersMax * 4 + 3)
    }

    /// The first line longer than `lineBytesMax(limits)`, as an issue, or nil.
    static func check(_ data: Data, fileName: String, limits: InputLimits) -> LocatedIssue? {
        let bytesMax = lineBytesMax(limits)
        guard data.count > bytesMax else { return nil }
        return data.withUnsafeBytes { raw -> LocatedIssue? in
            guard let found = firstLongLine(raw, bytesMax: bytesMax) else { return nil }
            let issue = InputIssue(
                code: "csv.line_too_long",
                message: "La ligne \(found.line) fait \(found.bytes) octets : une ligne valide ne dépasse pas "
                    + "\(limits.columnsMax) colonnes de \(limits.fieldCharactersMax) caractères. "
                    + "Ce n'est sans doute pas un fichier CSV de clap, ou un guillemet n'est pas refermé.")
            return LocatedIssue(issue, at: SourceLocation(file: fileName, line: found.line))
        }
    }

    /// Lines end at LF; a segment too long is looked at again for lone CRs (old Mac line ends).
    private static func firstLongLine(_ raw: UnsafeRawBufferPointer, bytesMax: Int) -> (line: Int, bytes: Int)? {
        guard let base = raw.baseAddress else { return nil }
        var start = 0
        var line = 1
        while start < raw.count {
            let end = offset(of: lineFeed, in: base, from: start, to: raw.count) ?? raw.count
            if end - start > bytesMax {
                var pieceStart = start
                while pieceStart <= end {
                    let pieceEnd = offset(of: carriageReturn, in: base, from: pieceStart, to: end) ?? end
                    if pieceEnd - pieceStart > bytesMax { return (line, pieceEnd - pieceStart) }
                    // A CR right before the LF is half of a CRLF, not a line of its own.
                    if pieceEnd + 1 < end { line += 1 }
                    pieceStart = pieceEnd + 1
                }
            }
            line += 1
            start = end + 1
        }
        return nil
    }

    private static func offset(of byte: UInt8, in base: UnsafeRawPointer, from start: Int, to end: Int) -> Int? {
        guard start < end, let found = memchr(base + start, Int32(byte), end - start) else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }

    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
}

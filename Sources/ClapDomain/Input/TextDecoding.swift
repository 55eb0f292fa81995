import Foundation

/// Turns the bytes of a spreadsheet export into text: UTF-8 (with or without BOM) or Windows-1252,
/// line endings normalised to LF, NFC-normalised.
public enum TextDecoding {
    /// Decodes `data`; refuses binary content (NUL bytes, UTF-16) with `csv.binary`.
    public static func decode(_ data: Data) -> Result<String, InputIssue> {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) || contains(0, in: bytes) {
            return .failure(InputIssue(
                code: "csv.binary",
                message: "Le fichier n'est pas un texte CSV (contenu binaire ou encodage UTF-16) : "
                    + "dans le tableur, enregistrez-le au format « CSV UTF-8 » ou « CSV (point-virgule) »."))
        }
        if bytes.starts(with: utf8BOM) { bytes.removeFirst(utf8BOM.count) }
        // CR never occurs inside a multi-byte UTF-8 sequence nor means anything else in Windows-1252,
        // so line endings can be normalised on bytes, before decoding.
        if contains(carriageReturn, in: bytes) { bytes = normalizingLineEndings(bytes) }
        let isASCII = bytes.allSatisfy { $0 < 0x80 }
        if isASCII { return .success(String(decoding: bytes, as: UTF8.self)) }
        let text = decodeUTF8(bytes) ?? decodeWindows1252(bytes)
        return .success(text.precomposedStringWithCanonicalMapping)
    }

    /// Strict UTF-8: nil when any sequence is invalid (then the file is taken as Windows-1252).
    /// The standard decoder repairs invalid sequences with U+FFFD, so any repair shows as a byte difference.
    static func decodeUTF8(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.utf8.count == bytes.count else { return nil }
        let same = text.utf8.withContiguousStorageIfAvailable { decoded in
            bytes.withUnsafeBufferPointer { original in
                guard let a = decoded.baseAddress, let b = original.baseAddress else { return decoded.isEmpty }
                return memcmp(a, b, bytes.count) == 0
            }
        }
        return same == true ? text : nil
    }

    /// Windows-1252: Latin-1 except 0x80–0x9F, which carry €, œ, typographic quotes and dashes.
    static func decodeWindows1252(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            let value = (0x80...0x9F).contains(byte) ? windows1252High[Int(byte) - 0x80] : UInt32(byte)
            // Every value in the table is a valid scalar; U+FFFD only guards the impossible.
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

    /// `memchr`, because a byte-by-byte loop is slow on a 64 MiB file in a debug build.
    static func contains(_ byte: UInt8, in bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }
    }

    static func normalizingLineEndings(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == carriageReturn {
                out.append(lineFeed)
                if index + 1 < bytes.count && bytes[index + 1] == lineFeed { index += 1 }
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }

    static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]
    static let carriageReturn: UInt8 = 0x0D
    static let lineFeed: UInt8 = 0x0A

    /// Code points of bytes 0x80–0x9F; the five unassigned bytes map to the C1 control of the same value,
    /// as Windows itself does.
    static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}

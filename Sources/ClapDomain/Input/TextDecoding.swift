import Foundation

/// Turns the bytes of a spreadsheet export into text: UTF-8 (with or without BOM) or Windows-1252,
/// line endings normalised to LF, NFC-normalised.
public enum TextDecoding {
    /// What the text is expected to be, for the refusal of binary content.
    public enum Format: Sendable {
        /// A spreadsheet export: refused with `csv.binary`.
        case csv
        /// The barème: refused with `toml.binary`.
        case toml
    }

    /// Decodes `data`; refuses binary content (NUL bytes, UTF-16) with `csv.binary` (or `toml.binary`).
    public static func decode(_ data: Data, as format: Format = .csv) -> Result<String, InputIssue> {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) || contains(0, in: bytes) {
            switch format {
            case .csv:
                return .failure(InputIssue(
                    code: "csv.binary",
                    message: "Le fichier n'est pas un texte CSV (contenu binaire ou encodage UTF-16) : "
                        + "dans le tableur, enregistrez-le au format « CSV UTF-8 » ou « CSV (point-virgule) »."))
            case .toml:
                return .failure(InputIssue(
                    code: "toml.binary",
                    message: "Le fichier n'est pas un barème TOML lisible (contenu binaire ou encodage UTF-16) : "
                        + "enregistrez-le en texte brut UTF-8 (partez de Fixtures/bareme-defaut.toml)."))
            }
        }
        if bytes.starts(with: utf8BOM) { bytes.removeFirst(utf8BOM.count) }
        // CR never occurs inside a multi-byte UTF-8 sequence nor means anything else in Windows-1252,
        // so line endings can be normalised on bytes, before decoding.
        if contains(carriageReturn, in: bytes) { bytes = normalizingLineEndings(bytes) }
        if isASCII(bytes) { return .success(String(decoding: bytes, as: UTF8.self)) }
        if let text = decodeUTF8(bytes) { return .success(text.precomposedStringWithCanonicalMapping) }
        // Windows-1252 has only precomposed letters and no combining marks: its text is already NFC.
        return .success(decodeWindows1252(bytes))
    }

    /// Strict UTF-8: nil when any sequence is invalid (then the file is taken as Windows-1252).
    /// Before macOS 15, the standard decoder only repairs invalid sequences with U+FFFD, so a repair is
    /// detected as a byte difference.
    static func decodeUTF8(_ bytes: [UInt8]) -> String? {
        if #available(macOS 15, *) { return String(validating: bytes, as: UTF8.self) }
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
    /// Transcodes straight to UTF-8 bytes, much faster than appending scalars one by one.
    static func decodeWindows1252(_ bytes: [UInt8]) -> String {
        // At most three UTF-8 bytes per input byte (€ is E2 82 AC).
        let utf8 = [UInt8](unsafeUninitializedCapacity: bytes.count * 3) { output, written in
            var index = 0
            for byte in bytes {
                if byte < 0x80 {
                    output[index] = byte
                    index += 1
                } else if byte >= 0xA0 {
                    output[index] = 0xC0 | (byte >> 6)
                    output[index + 1] = 0x80 | (byte & 0x3F)
                    index += 2
                } else {
                    for unit in windows1252HighUTF8[Int(byte) - 0x80] {
                        output[index] = unit
                        index += 1
                    }
                }
            }
            written = index
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Eight bytes at a time: a byte-by-byte loop is slow on a 64 MiB file in a debug build.
    static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            let highBits: UInt64 = 0x8080_8080_8080_8080
            let words = raw.count / 8
            for index in 0..<words where raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self) & highBits != 0 {
                return false
            }
            return raw[(words * 8)...].allSatisfy { $0 < 0x80 }
        }
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
    static let windows1252HighUTF8: [[UInt8]] = windows1252High.map { value in
        Array(String(Unicode.Scalar(value).map(Character.init) ?? "\u{FFFD}").utf8)
    }

    static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}

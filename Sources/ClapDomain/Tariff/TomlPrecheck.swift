/// A lexical pass over a barème before it reaches toml++, for what toml++ 3 does not survive.
///
/// toml++ asserts, instead of reporting an error, when a table header's first character cannot start a key:
/// `[` or `[[` followed by a line end, `=`, `[`, `]`… (marzer/tomlplusplus#301). The assertion aborts the program;
/// in a build without assertions the same input is undefined behaviour. The fuzz test (FuzzTests) found it with
/// a two-byte file `[` + line end. This pass finds such headers first and refuses them as `tariff.syntax`.
enum TomlPrecheck {
    /// The 1-based line of the first table header toml++ cannot read safely, or nil.
    static func unsafeTableHeaderLine(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        var index = 0, line = 1, depth = 0
        var lineStart = true
        func at(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }
        func starts(_ token: String) -> Bool {
            let token = Array(token.utf8)
            return index + token.count <= bytes.count && Array(bytes[index..<index + token.count]) == token
        }
        /// Skips a string starting at `index`; counts its line ends.
        func skipString() {
            let quote = bytes[index]
            let multi = starts(quote == UInt8(ascii: "\"") ? "\"\"\"" : "'''")
            index += multi ? 3 : 1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\n") {
                    if !multi { return }  // an unclosed string: toml++ reports it; the line end is the caller's
                    line += 1
                }
                if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
                    index += 2
                    continue
                }
                if byte == quote {
                    if !multi { index += 1; return }
                    if starts(quote == UInt8(ascii: "\"") ? "\"\"\"" : "'''") { index += 3; return }
                }
                index += 1
            }
        }
        func isKeyStart(_ byte: UInt8?) -> Bool {
            guard let byte else { return false }
            return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                lineStart = true
                index += 1
                continue
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
                continue
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                continue
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                skipString()
            case UInt8(ascii: "[") where lineStart && depth == 0:
                // A table header: `[` or `[[`, spaces, then a key.
                index += at(1) == UInt8(ascii: "[") ? 2 : 1
                while let next = at(0), next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") { index += 1 }
                guard isKeyStart(at(0)) else { return line }
                // Skip the header's keys up to its closing bracket.
                while index < bytes.count, bytes[index] != UInt8(ascii: "]"), bytes[index] != UInt8(ascii: "\n") {
                    if bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") { skipString() } else { index += 1 }
                }
                while at(0) == UInt8(ascii: "]") { index += 1 }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                index += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
                index += 1
            default:
                index += 1
            }
            lineStart = false
        }
        return nil
    }
}

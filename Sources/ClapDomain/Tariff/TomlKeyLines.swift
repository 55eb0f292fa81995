import Foundation

/// Finds the line where each key path of a TOML text is written, so an issue can point at it.
///
/// TOMLKit does not keep source positions of values, so this scans the text: table headers
/// (`[types.RCP.rates]`) set the current prefix, `key = value` lines name a key under it.
/// Good enough for error messages; it never decides whether the file is valid.
struct TomlKeyLines {
    private var lineOfPath: [String: Int] = [:]

    init(text: String) {
        var prefix = ""
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (index, raw) in lines.enumerated() {
            let line = Self.stripComment(String(raw)).trimmingCharacters(in: .whitespaces)
            let number = index + 1
            if line.hasPrefix("[") {
                let inner = line.drop { $0 == "[" }.prefix { $0 != "]" }
                prefix = Self.normalize(String(inner))
                record(prefix, number)
            } else if let equal = Self.firstUnquoted("=", in: line) {
                let key = Self.normalize(String(line[..<equal]))
                record(prefix.isEmpty ? key : prefix + "." + key, number)
            }
        }
    }

    /// The line of `path`, else of its nearest enclosing table, else 1.
    func line(of path: String) -> Int {
        var candidate = path
        while !candidate.isEmpty {
            if let line = lineOfPath[candidate] { return line }
            guard let dot = candidate.lastIndex(of: ".") else { break }
            candidate = String(candidate[..<dot])
        }
        return 1
    }

    private mutating func record(_ path: String, _ line: Int) {
        if lineOfPath[path] == nil { lineOfPath[path] = line }
    }

    private static func normalize(_ key: String) -> String {
        key.split(separator: ".")
            .map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["\"", "'"]) }
            .joined(separator: ".")
    }

    private static func stripComment(_ line: String) -> String {
        guard let hash = firstUnquoted("#", in: line) else { return line }
        return String(line[..<hash])
    }

    private static func firstUnquoted(_ target: Character, in line: String) -> String.Index? {
        var quote: Character?
        for index in line.indices {
            let c = line[index]
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == target {
                return index
            }
        }
        return nil
    }
}

import Foundation

/// Small text helpers shared by the registry's validators.
enum TextNormalization {
    /// `text.trimmingCharacters(in: .whitespaces)`, without going through Foundation when there is nothing to trim
    /// (the usual case: an import reads tens of thousands of cells).
    /// Both ends are first tested as ASCII, where the only whitespace is the space and the tab: Foundation builds
    /// `CharacterSet.whitespaces` anew at each use, about 900 instructions.
    static func trimmingWhitespace(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        if !isWhitespace(first), !isWhitespace(last) { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || scalar == "\t" : CharacterSet.whitespaces.contains(scalar)
    }

    /// The text without spaces of any kind (spreadsheets add regular, no-break and narrow no-break spaces).
    static func removingSpaces(_ text: String) -> String {
        String(text.filter { !$0.isWhitespace })
    }

    /// Lowercased, accents removed, spaces and hyphens turned into `_`: « Sage-femme » → `sage_femme`.
    static func folded(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var scalars = String.UnicodeScalarView()
        for scalar in trimmed.decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            scalars.append(scalar)
        }
        let lowered = String(scalars).lowercased()
        return String(lowered.map { $0 == " " || $0 == "-" || $0 == "'" ? "_" : $0 })
    }

    static func isASCIIDigit(_ character: Character) -> Bool {
        character.isASCII && character.isNumber
    }

    static func isASCIIUppercaseLetter(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(ascii)
    }

    static func isASCIIUppercaseAlphanumeric(_ character: Character) -> Bool {
        isASCIIDigit(character) || isASCIIUppercaseLetter(character)
    }

    /// Whether every byte is an ASCII uppercase letter, digit or hyphen and there are `lengths` of them: such a text
    /// has nothing to trim and as many Characters as bytes.
    static func isPlainTeamCode(_ text: String, lengths: ClosedRange<Int>) -> Bool {
        let utf8 = text.utf8
        guard lengths.contains(utf8.count) else { return false }
        return utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "-")
        }
    }

    /// The digits of a string made only of ASCII digits, or nil. Read on bytes: every byte is an ASCII digit exactly
    /// when every Character is one (a digit followed by a combining mark has a non-ASCII byte).
    static func digits(_ text: String) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            result.append(byte - UInt8(ascii: "0"))
        }
        return result
    }
}

import Foundation

/// The EPC restricted Latin character set and the text rules of the SEPA rulebooks, as pure functions.
public enum EPCText {
    /// Longest name (`Nm`) the EPC rules allow.
    public static let nameLengthMax = 70
    /// Longest unstructured remittance line (`Ustrd`).
    public static let remittanceLengthMax = 140
    /// Longest identifier (`MsgId`, `PmtInfId`, `EndToEndId`).
    public static let identifierLengthMax = 35
    /// Longest town name (`TwnNm`).
    public static let townNameLengthMax = 35
    /// Longest street name (`StrtNm`).
    public static let streetNameLengthMax = 70
    /// Longest post code (`PstCd`) and building number (`BldgNb`).
    public static let shortFieldLengthMax = 16

    /// `a-z A-Z 0-9 / - ? : ( ) . , ' + space`.
    public static func isAllowed(_ character: Character) -> Bool {
        guard character.isASCII, let ascii = character.asciiValue else { return false }
        switch ascii {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "/-?:().,'+ ".contains(character)
        }
    }

    /// True when every character of `text` is in the EPC set.
    public static func isEPCText(_ text: String) -> Bool { text.allSatisfy(isAllowed) }

    /// The EPC set on bytes: every character of the set is one ASCII byte, and no other character contains one of
    /// these bytes on its own (a non-ASCII character is all bytes ≥ 0x80), so a text whose bytes all pass is EPC text.
    static func isAllowed(byte: UInt8) -> Bool { allowedBytes[Int(byte)] }

    private static let allowedBytes: [Bool] = (0..<256).map { byte in
        byte < 0x80 && isAllowed(Character(Unicode.Scalar(UInt8(byte))))
    }

    /// True when `text` is already what `transliterate` makes of it: EPC bytes only, no space at either end,
    /// no two spaces in a row.
    static func isTransliterated(_ text: String) -> Bool {
        guard !text.isEmpty else { return true }
        var previous = UInt8(ascii: " ")
        for byte in text.utf8 {
            guard isAllowed(byte: byte), !(byte == UInt8(ascii: " ") && previous == UInt8(ascii: " ")) else { return false }
            previous = byte
        }
        return previous != UInt8(ascii: " ")
    }

    /// Maps `text` onto the EPC set: accents dropped (`é`→`e`), ligatures spelled out (`Œ`→`OE`, `ß`→`ss`),
    /// `&`→`+`, typographic apostrophes and dashes to their ASCII forms, anything else to a space;
    /// runs of spaces collapsed, ends trimmed.
    public static func transliterate(_ text: String) -> String {
        // Most names and remittance lines are plain already (a payout writes thousands): nothing to map.
        isTransliterated(text) ? text : mapped(text)
    }

    /// `transliterate` character by character, for any text.
    static func mapped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            if isAllowed(character) {
                out.append(character)
            } else if let spelled = spelledOut[character] {
                out += spelled
            } else {
                out += stripped(character)
            }
        }
        return collapsingSpaces(out)
    }

    /// The first `length` characters of `text`, without the trailing spaces a cut may leave.
    public static func truncate(_ text: String, to length: Int) -> String {
        precondition(length >= 0, "negative length")
        // A character is at least one byte: no more bytes than `length` means no more characters.
        guard text.utf8.count > length, text.count > length else { return text }
        var cut = String(text.prefix(length))
        while cut.last == " " { cut.removeLast() }
        return cut
    }

    /// Transliterated, then cut to `length`.
    public static func clean(_ text: String, to length: Int) -> String {
        truncate(transliterate(text), to: length)
    }

    /// True when `id` is a valid EPC identifier: 1–35 EPC characters, no space at either end,
    /// no `/` at either end, no `//`.
    public static func isValidIdentifier(_ id: String) -> Bool {
        // On bytes: EPC text is one byte per character, so the byte count is the length.
        let bytes = id.utf8
        guard (1...identifierLengthMax).contains(bytes.count), bytes.allSatisfy(isAllowed(byte:)),
              let first = bytes.first, let last = bytes.last else { return false }
        let slash = UInt8(ascii: "/"), space = UInt8(ascii: " ")
        guard first != slash, last != slash, first != space, last != space else { return false }
        return !zip(bytes, bytes.dropFirst()).contains { $0 == slash && $1 == slash }
    }

    /// Characters that no Unicode decomposition reduces to ASCII.
    private static let spelledOut: [Character: String] = [
        "Œ": "OE", "œ": "oe", "Æ": "AE", "æ": "ae", "ß": "ss", "ẞ": "SS",
        "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "Þ": "TH", "þ": "th",
        "Ł": "L", "ł": "l", "ı": "i",
        "&": "+",
        "\u{2019}": "'", "\u{2018}": "'", "\u{02BC}": "'", "`": "'", "\u{00B4}": "'",
        "\u{2010}": "-", "\u{2011}": "-", "\u{2012}": "-", "\u{2013}": "-", "\u{2014}": "-", "\u{2212}": "-",
    ]

    /// A character reduced to its EPC base letters by compatibility decomposition (`é`→`e`, `ﬁ`→`fi`),
    /// combining marks dropped; a space for whatever is left outside the set.
    private static func stripped(_ character: Character) -> String {
        var out = ""
        for scalar in String(character).decomposedStringWithCompatibilityMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue
            default:
                let base = Character(scalar)
                out.append(isAllowed(base) ? base : " ")
            }
        }
        return out.isEmpty ? " " : out
    }

    private static func collapsingSpaces(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text where !(character == " " && (out.isEmpty || out.last == " ")) {
            out.append(character)
        }
        while out.last == " " { out.removeLast() }
        return out
    }
}

import LedgerCore

/// IBAN, BIC, country code and timestamp checks for SEPA files, as pure functions.
public enum SepaAccountRules {
    /// The IBAN in upper case without spaces, or nil when its shape or ISO 13616 check digits are wrong.
    public static func normalizedIBAN(_ text: String) -> String? {
        let iban = compactUppercased(text)
        let bytes = Array(iban.utf8)
        guard (5...34).contains(bytes.count), bytes[0...1].allSatisfy(isUpperLetter),
              bytes[2...3].allSatisfy(isDigit), bytes.allSatisfy({ isUpperLetter($0) || isDigit($0) })
        else { return nil }
        // ISO 7064 mod 97-10 on the rearranged IBAN, letters counting A=10 … Z=35.
        var remainder = 0
        for index in bytes.indices {
            let byte = bytes[(index + 4) % bytes.count]
            let value = isDigit(byte) ? Int(byte - UInt8(ascii: "0")) : Int(byte - UInt8(ascii: "A")) + 10
            remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97
        }
        return remainder == 1 ? iban : nil
    }

    /// The BIC in upper case without spaces, or nil unless it is 8 or 11 characters of the ISO 9362 form
    /// accepted by both pain.001 versions.
    public static func normalizedBIC(_ text: String) -> String? {
        let bic = compactUppercased(text)
        let bytes = Array(bic.utf8)
        guard bytes.count == 8 || bytes.count == 11, bytes[0..<6].allSatisfy(isUpperLetter),
              isUpperLetter(bytes[6]) || (UInt8(ascii: "2")...UInt8(ascii: "9")).contains(bytes[6]),
              (isUpperLetter(bytes[7]) && bytes[7] != UInt8(ascii: "O")) || isDigit(bytes[7]),
              bytes[8...].allSatisfy({ isUpperLetter($0) || isDigit($0) })
        else { return nil }
        return bic
    }

    /// True for an upper-case two-letter country code such as `FR`.
    public static func isCountryCode(_ text: String) -> Bool {
        text.utf8.count == 2 && text.utf8.allSatisfy(isUpperLetter)
    }

    /// True for `YYYY-MM-DDThh:mm:ss` with plausible fields (local time, no zone, no fraction).
    public static func isLocalTimestamp(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 19 else { return false }
        let separators: [Int: UInt8] = [4: UInt8(ascii: "-"), 7: UInt8(ascii: "-"), 10: UInt8(ascii: "T"),
                                        13: UInt8(ascii: ":"), 16: UInt8(ascii: ":")]
        for (index, byte) in bytes.enumerated() {
            if let separator = separators[index] {
                guard byte == separator else { return false }
            } else if !isDigit(byte) {
                return false
            }
        }
        func number(_ range: Range<Int>) -> Int {
            bytes[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        return Day(year: number(0..<4), month: number(5..<7), day: number(8..<10)) != nil
            && number(11..<13) < 24 && number(14..<16) < 60 && number(17..<19) < 60
    }

    private static func compactUppercased(_ text: String) -> String {
        // Stored IBANs and BICs are already compact and upper case: ASCII without white space or lower-case letters.
        if text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && !(UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }) {
            return text
        }
        return String(text.filter { !$0.isWhitespace }).uppercased()
    }

    private static func isUpperLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}

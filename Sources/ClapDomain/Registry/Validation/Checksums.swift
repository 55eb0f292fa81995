/// The check-digit algorithms the registry's identifiers rely on (RPPS, SIREN, IBAN, French RIB).
enum Checksum {
    /// Luhn over the whole digit string, key included: true when the sum is a multiple of 10.
    /// Every character must be an ASCII digit.
    static func luhnIsValid(_ digits: [UInt8]) -> Bool {
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            var value = Int(digit)
            if offset % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }

    /// ISO 7064 MOD 97-10 remainder of an alphanumeric string (letters count A=10 … Z=35),
    /// computed digit by digit so that no big integer is needed. Nil on a character outside 0-9, A-Z.
    static func mod97(_ text: some Sequence<Character>) -> Int? {
        mod97(ascii: text.lazy.map { $0.asciiValue ?? 0 })
    }

    /// `mod97` on ASCII bytes, continuing from `remainder` (the remainder of the text before these bytes).
    static func mod97(ascii bytes: some Sequence<UInt8>, from remainder: Int = 0) -> Int? {
        var remainder = remainder
        for byte in bytes {
            guard let value = alphanumericValue(ascii: byte) else { return nil }
            remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97
        }
        return remainder
    }

    /// The two-digit key of a French RIB (bank, branch, account), or nil on an unexpected character.
    /// Letters in the account number count with the RIB table (A,J→1; B,K,S→2; … I,R,Z→9).
    static func ribKey(bank: Substring, branch: Substring, account: Substring) -> Int? {
        func ascii(_ field: Substring) -> some Sequence<UInt8> { field.lazy.map { $0.asciiValue ?? 0 } }
        return ribKey(ascii: ascii(bank), ascii(branch), ascii(account))
    }

    /// `ribKey` on the ASCII bytes of the bank, branch and account fields.
    static func ribKey(ascii bank: some Sequence<UInt8>, _ branch: some Sequence<UInt8>, _ account: some Sequence<UInt8>) -> Int? {
        guard let b = ribNumber(bank), let g = ribNumber(branch), let c = ribNumber(account) else { return nil }
        // (89·bank + 15·branch + 3·account) mod 97, reduced step by step to stay in Int range.
        let total = (89 * (b % 97) + 15 * (g % 97) + 3 * (c % 97)) % 97
        return 97 - total
    }

    /// The value of 0-9 and A-Z in ISO 7064 (A=10 … Z=35).
    static func alphanumericValue(_ character: Character) -> Int? {
        character.asciiValue.flatMap { alphanumericValue(ascii: $0) }
    }

    static func alphanumericValue(ascii: UInt8) -> Int? {
        switch ascii {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(ascii - UInt8(ascii: "0"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(ascii - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }

    /// A RIB field as a number modulo 97 (fields are at most 11 characters, so this cannot overflow).
    private static func ribNumber(_ field: some Sequence<UInt8>) -> Int? {
        var value = 0
        for byte in field {
            guard let digit = ribDigit(ascii: byte) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    private static func ribDigit(ascii: UInt8) -> Int? {
        switch ascii {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(ascii - UInt8(ascii: "0"))
        case UInt8(ascii: "A")...UInt8(ascii: "I"): return Int(ascii - UInt8(ascii: "A")) + 1
        case UInt8(ascii: "J")...UInt8(ascii: "R"): return Int(ascii - UInt8(ascii: "J")) + 1
        case UInt8(ascii: "S")...UInt8(ascii: "Z"): return Int(ascii - UInt8(ascii: "S")) + 2
        default: return nil
        }
    }
}

/// Makes valid identifiers from their payload by computing their keys with the same algorithms the
/// validators check (for generated test data: `clap generate`).
public enum CheckDigits {
    /// The RPPS number whose first ten digits are `payload` and whose last digit is the Luhn key.
    /// `payload` must be exactly ten ASCII digits.
    public static func rpps(payload: String) -> RPPS {
        let digits = payload.utf8.map { $0 - UInt8(ascii: "0") }
        precondition(digits.count == RPPS.digitCount - 1 && digits.allSatisfy { $0 <= 9 }, "an RPPS payload is ten digits")
        let key = (0...9).first { Checksum.luhnIsValid(digits + [UInt8($0)]) } ?? 0
        return RPPS(unchecked: payload + String(key))
    }

    /// The French IBAN of a RIB: bank code (5 digits), branch code (5 digits), account number (11 digits),
    /// with the RIB key and the IBAN check digits computed.
    public static func frenchIBAN(bank: String, branch: String, account: String) -> IBAN {
        precondition(bank.count == 5 && branch.count == 5 && account.count == 11, "a RIB is 5 + 5 + 11 characters")
        let ribKey = Checksum.ribKey(bank: Substring(bank), branch: Substring(branch), account: Substring(account)) ?? 0
        let bban = bank + branch + account + twoDigits(ribKey)
        // ISO 13616: check digits = 98 − (BBAN + "FR00") mod 97.
        let remainder = Checksum.mod97(bban + "FR00") ?? 0
        return IBAN(unchecked: "FR" + twoDigits(98 - remainder) + bban)
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

extension IBAN {
    /// The longest IBAN any country issues (ISO 13616).
    public static let lengthMax = 34

    /// Reads an IBAN: spaces removed, uppercased; a SEPA country, that country's length, the mod-97
    /// check equal to 1 and, for a French or Monegasque IBAN, the embedded RIB key.
    public static func parse(_ text: String) -> Result<IBAN, InputIssue> {
        if let valid = validStoredForm(text) { return .success(valid) }
        return parseAnyForm(text)
    }

    /// `parse` for any written form (spaces, lowercase), with the reason when it is not a valid IBAN.
    static func parseAnyForm(_ text: String) -> Result<IBAN, InputIssue> {
        let compact = TextNormalization.removingSpaces(text).uppercased()
        guard !compact.isEmpty else {
            return .failure(InputIssue(code: "iban.empty",
                                       message: "L'IBAN est vide : indiquez l'IBAN du compte à créditer (par exemple FR76 …)."))
        }
        let characters = Array(compact)
        guard characters.count >= 5, characters.count <= lengthMax,
              characters.allSatisfy(TextNormalization.isASCIIUppercaseAlphanumeric),
              characters[0...1].allSatisfy(TextNormalization.isASCIIUppercaseLetter),
              characters[2...3].allSatisfy(TextNormalization.isASCIIDigit) else {
            return .failure(InputIssue(code: "iban.format",
                                       message: "L'IBAN n'a pas la forme attendue : deux lettres du pays, deux chiffres de "
                                           + "contrôle puis des lettres et des chiffres (par exemple FR76 3000 6000 …)."))
        }
        let country = String(characters[0...1])
        guard let expectedLength = SEPACountries.ibanLengths[country] else {
            return .failure(InputIssue(code: "iban.country",
                                       message: "L'IBAN est d'un pays (\(country)) hors de la zone SEPA : seuls les comptes "
                                           + "des pays SEPA peuvent recevoir un virement de l'association."))
        }
        guard characters.count == expectedLength else {
            return .failure(InputIssue(code: "iban.length",
                                       message: "L'IBAN compte \(characters.count) caractères ; un IBAN \(country) en compte "
                                           + "\(expectedLength) : vérifiez qu'il est complet."))
        }
        let rearranged = characters[4...] + characters[0...3]
        guard Checksum.mod97(rearranged) == 1 else {
            return .failure(InputIssue(code: "iban.checksum",
                                       message: "La clé de contrôle de l'IBAN est fausse : vérifiez chacun de ses caractères."))
        }
        if country == "FR" || country == "MC", !hasValidRIBKey(compact) {
            return .failure(InputIssue(code: "iban.rib_key",
                                       message: "La clé RIB contenue dans l'IBAN est fausse : vérifiez le code banque, "
                                           + "le code guichet et le numéro de compte."))
        }
        return .success(IBAN(unchecked: compact))
    }

    /// The IBAN when `text` is already in its stored form (uppercase ASCII letters and digits, no space) and passes
    /// every check of `parse`, checked on bytes: a payout run checks every professional's IBAN this way. Anything
    /// else is nil, and `parse` goes on to say what is wrong (`FastPathTests` compares both).
    static func validStoredForm(_ text: String) -> IBAN? {
        var text = text
        let valid = text.withUTF8 { bytes -> Bool in
            guard bytes.count >= 5, bytes.count <= lengthMax,
                  Self.isUpper(bytes[0]), Self.isUpper(bytes[1]), Self.isDigit(bytes[2]), Self.isDigit(bytes[3]),
                  bytes.allSatisfy({ Self.isDigit($0) || Self.isUpper($0) }),
                  SEPACountries.ibanLengths[String(decoding: bytes[0..<2], as: UTF8.self)] == bytes.count else { return false }
            // ISO 7064 mod 97 of the BBAN followed by the country code and check digits.
            guard let bban = Checksum.mod97(ascii: bytes[4...]), Checksum.mod97(ascii: bytes[0..<4], from: bban) == 1 else { return false }
            let french = (bytes[0], bytes[1]) == (UInt8(ascii: "F"), UInt8(ascii: "R")) || (bytes[0], bytes[1]) == (UInt8(ascii: "M"), UInt8(ascii: "C"))
            guard french else { return true }
            // As `hasValidRIBKey`: bank (5), branch (5), account (11), RIB key (2) after the country and check digits.
            guard bytes.count == 27, Self.isDigit(bytes[25]), Self.isDigit(bytes[26]) else { return false }
            return Checksum.ribKey(ascii: bytes[4..<9], bytes[9..<14], bytes[14..<25]) == Int(bytes[25] - 48) * 10 + Int(bytes[26] - 48)
        }
        return valid ? IBAN(unchecked: text) : nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 65 && byte <= 90 }

    /// A French-format BBAN is bank (5), branch (5), account (11), RIB key (2).
    private static func hasValidRIBKey(_ iban: String) -> Bool {
        let bban = iban.dropFirst(4)
        let bank = bban.prefix(5)
        let branch = bban.dropFirst(5).prefix(5)
        let account = bban.dropFirst(10).prefix(11)
        guard let key = Int(bban.suffix(2)),
              let expected = Checksum.ribKey(bank: bank, branch: branch, account: account) else { return false }
        return key == expected
    }
}

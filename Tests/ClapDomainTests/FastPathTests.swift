@testable import ClapDomain
import Foundation
import LedgerCore
import XCTest

/// The byte-level shortcuts of the import (issue 8) decide exactly what the Character-level definitions they
/// replaced decided. The definitions are kept here as oracles and both run over awkward values.
final class FastPathTests: XCTestCase {
    private static func referenceOracle(_ value: String, extra: String, lengthMax: Int) -> Bool {
        guard (1...lengthMax).contains(value.count) else { return false }
        return value.allSatisfy { c in c.isASCII && (c.isLetter || c.isNumber || extra.contains(c)) }
    }

    private static func nirOracle(_ text: String) -> Bool {
        var chars = Array(text.filter { $0 != " " && $0 != "-" && $0 != "." && $0 != "\u{00A0}" }.uppercased())
        guard chars.count == 13 || chars.count == 15, let first = chars.first, "1278".contains(first) else { return false }
        if chars[5] == "2", chars[6] == "A" || chars[6] == "B" { chars[6] = "0" }
        return chars.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Values chosen to sit on every edge: lengths around the limits and 13/15, separators, NBSP, combining marks,
    /// CRLF, ligatures that uppercase to two letters, digits of other scripts, Corsican NIRs, emoji.
    private let samples: [String] = {
        var values = ["", "A", "RCP-2026-0001", "rcp_2026/01.a", "RCP 2026", " RCP-1", "RCP-1 ", "\u{00A0}RCP-1", "RCP-1\u{00A0}",
                      "É1", "e\u{301}1", "A\r\nB", "ﬀ", "ﬀ12345678901", "１２３", "٣٤٥", "RCP-🙂",
                      "1 85 05 78 006 084 36", "185057800608436", "1850578006084", "18505780060843", "2 85 05 2A 006 084",
                      "285052A006084", "285052b00608412", "3850578006084", "-1850578006084", ".1850578006084",
                      "\u{00A0}1850578006084", " \u{301}850578006084", "1\u{301}850578006084", "ß850578006084",
                      "7850578006084", "8850578006084", "1850578006084ß", "185057800608A", "1-8-5-0-5-7-8-0-0-6-0-8-4"]
        values.append(String(repeating: "A", count: 20))
        values.append(String(repeating: "A", count: 21))
        values.append(String(repeating: "9", count: 40))
        values.append(String(repeating: "9", count: 41))
        return values
    }()

    func testReferenceFormatMatchesTheCharacterDefinition() {
        for value in samples {
            for (extra, lengthMax) in [("-", 20), ("._/-", 40)] {
                XCTAssertEqual(ReferenceFormat.matches(value, extra: extra, lengthMax: lengthMax),
                               Self.referenceOracle(value, extra: extra, lengthMax: lengthMax), "« \(value) » \(extra) \(lengthMax)")
            }
        }
    }

    func testTheNIRGuardMatchesTheCharacterDefinition() {
        var seenNIR = false
        for value in samples {
            XCTAssertEqual(PatientIdentityGuard.looksLikeNIR(value), Self.nirOracle(value), "« \(value) »")
            seenNIR = seenNIR || Self.nirOracle(value)
        }
        XCTAssertTrue(seenNIR, "the samples include NIRs")
    }

    func testTrimmingMatchesFoundation() {
        for value in samples + ["  ", "\u{00A0}", "\t x \t", "x\u{2009}", "\u{202F}x", "\nx\n", "\u{0B}x\u{0C}", "\rx", "x\u{1680}", "é "] {
            XCTAssertEqual(TextNormalization.trimmingWhitespace(value), value.trimmingCharacters(in: .whitespaces), "« \(value) »")
        }
    }
    /// A French IBAN built from its parts, with both keys computed (or the RIB key off by `ribKeyOffset`, the IBAN's
    /// check digits still right), so that letters in the account number and a wrong RIB key reach the last check.
    private static func frenchIBAN(bank: String, branch: String, account: String, ribKeyOffset: Int = 0) -> String {
        let key = (Checksum.ribKey(bank: Substring(bank), branch: Substring(branch), account: Substring(account)) ?? 0) + ribKeyOffset
        let bban = bank + branch + account + String(format: "%02d", (key % 100 + 100) % 100)
        let check = 98 - (Checksum.mod97(bban + "FR00") ?? 0)
        return "FR" + String(format: "%02d", check) + bban
    }

    func testTheStoredFormOfAnIBANIsCheckedOnBytesExactlyAsInAnyForm() {
        var samples = ["FR7630006000011234567890189", "DE89370400440532013000", "GB29NWBK60161331926819", "CH9300762011623852957",
                       "BE68539007547034", "NO9386011117947", "MC5811222000010123456789030", "US12345678901234567890", "FR76",
                       "fr7630006000011234567890189", "FR76 3000 6000 0112 3456 7890 189", "FR7630006000011234567890189 ",
                       "ＦR7630006000011234567890189", "FR7630006000011234567890189É", String(repeating: "9", count: 35), ""]
        for account in ["0123456789A", "ABCDEFGHIJK", "LMNOPQRSTUV", "WXYZ0000000", "00000000000"] {
            samples.append(Self.frenchIBAN(bank: "30006", branch: "00001", account: account))
            samples.append(Self.frenchIBAN(bank: "30006", branch: "00001", account: account, ribKeyOffset: 1))
        }
        let valid = samples.filter { if case .success = IBAN.parseAnyForm($0) { return true } else { return false } }
        XCTAssertGreaterThanOrEqual(valid.count, 12, "the samples hold valid IBANs, including French ones with letters")
        // Every IBAN of the list with each character replaced in turn, and cut or lengthened by one.
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZa -é")
        for iban in valid {
            let characters = Array(iban)
            for position in characters.indices {
                for replacement in alphabet where replacement != characters[position] {
                    var changed = characters
                    changed[position] = replacement
                    samples.append(String(changed))
                }
            }
            samples.append(String(characters.dropLast()))
            samples.append(iban + "0")
        }
        var accepted = 0
        for text in samples {
            let reference: IBAN? = if case .success(let iban) = IBAN.parseAnyForm(text) { iban } else { nil }
            let storedForm = reference?.rawValue == text
            let fast = IBAN.validStoredForm(text)
            XCTAssertEqual(fast, storedForm ? reference : nil, "« \(text) »")
            if fast != nil { accepted += 1 }
        }
        XCTAssertGreaterThanOrEqual(accepted, 10, "the valid IBANs written in their stored form are accepted on bytes")
    }

    /// Digits read on bytes are the digits read as Characters (`TextNormalization.digits`, also used for SIRENs).
    func testDigitsOnBytesAreTheDigitsOfTheCharacterDefinition() {
        for text in samples + ["", "0", "0123456789", "1\u{301}", "１", "٣", "12 3", "12\u{00A0}3", "+1", "-1"] {
            let oracle: [UInt8]? = text.allSatisfy({ $0.isASCII && $0.isNumber })
                ? text.compactMap(\.asciiValue).map { $0 - UInt8(ascii: "0") } : nil
            XCTAssertEqual(TextNormalization.digits(text), oracle, "« \(text) »")
        }
    }

    /// RPPS, team codes and dates: the byte-level shortcut taken for the usual cell gives what the Character-level
    /// path (kept below as the oracle) gives, on every sample and on shapes around the edges.
    func testRPPSTeamAndDateShortcutsDecideAsTheCharacterPaths() {
        func rppsOracle(_ text: String) -> String? {
            let compact = String(text.filter { !$0.isWhitespace })
            guard compact.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            let digits = compact.compactMap(\.asciiValue).map { $0 - UInt8(ascii: "0") }
            guard digits.count == RPPS.digitCount, Checksum.luhnIsValid(digits) else { return nil }
            return compact
        }
        func teamOracle(_ text: String) -> String? {
            let trimmed = TextNormalization.trimmingWhitespace(text)
            guard TeamID.lengthRange.contains(trimmed.count),
                  trimmed.allSatisfy({ TextNormalization.isASCIIUppercaseAlphanumeric($0) || $0 == "-" }) else { return nil }
            return trimmed
        }
        let rpps = ["10145493390", "10145493391", "1014549339", "101454933900", " 10145493390", "10145493390\u{00A0}",
                    "1014 5493 390", "１0145493390", "10145493390\u{301}", "00000000000", "0", ""]
        let teams = ["T044-001", "t044-001", "T0", "T04", String(repeating: "T", count: 20), String(repeating: "T", count: 21),
                     " T044-001", "T044-001 ", "T044_001", "TÉ44", "T044-001\u{301}", "---", "Ｔ044"]
        let dates = ["31/03/2026", "2026-03-31", "31/02/2026", "2026-02-31", "1/03/2026", "01/3/2026", " 1/03/2026", "31/03/2026 ",
                     "00/01/2026", "31-03-2026", "2026/03/31", "3١/03/2026", "29/02/2024", "29/02/2025", "01/01/0000", ""]
        for text in samples + rpps + teams + dates {
            XCTAssertEqual(try? RPPS.parse(text).get().rawValue, rppsOracle(text), "« \(text) »")
            XCTAssertEqual(try? TeamID.parse(text).get().rawValue, teamOracle(text), "« \(text) »")
            let reference: Day? = { () -> Day? in
                guard !text.isEmpty, FieldParsers.dateShape(text) != nil else { return nil }
                return Day.parse(text)
            }()
            XCTAssertEqual(try? FieldParsers.date(text).get(), reference, "« \(text) »")
        }
        XCTAssertEqual(try? RPPS.parse("10145493390").get().rawValue, "10145493390")
        XCTAssertEqual(try? TeamID.parse("T044-001").get().rawValue, "T044-001")
        XCTAssertEqual(try? FieldParsers.date("31/03/2026").get(), Day(year: 2026, month: 3, day: 31))
    }
}

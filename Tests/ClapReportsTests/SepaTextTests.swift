import XCTest
@testable import ClapReports

final class SepaTextTests: XCTestCase {
    func testAccentsAreDropped() {
        XCTAssertEqual(EPCText.transliterate("Élodie Müller-Françoise à l'hôpital"),
                       "Elodie Muller-Francoise a l'hopital")
    }

    func testLigaturesAreSpelledOut() {
        XCTAssertEqual(EPCText.transliterate("Œuvre cœur Æsop ærø Straße"), "OEuvre coeur AEsop aero Strasse")
    }

    func testAmpersandBecomesPlus() {
        XCTAssertEqual(EPCText.transliterate("Dupont & Fils"), "Dupont + Fils")
    }

    func testTypographicApostropheAndDashBecomeASCII() {
        XCTAssertEqual(EPCText.transliterate("Jeanne d’Arc – Orléans"), "Jeanne d'Arc - Orleans")
    }

    func testUnknownCharactersBecomeOneSpaceAndEndsAreTrimmed() {
        XCTAssertEqual(EPCText.transliterate("  a\"b  c\t€ d ; e_f\n "), "a b c d e f")
        XCTAssertEqual(EPCText.transliterate("€€€"), "")
    }

    func testTheEPCSetIsKeptAsIs() {
        let all = "abcxyz ABCXYZ 0189 / - ? : ( ) . , ' +"
        XCTAssertEqual(EPCText.transliterate(all), all)
    }

    func testAnyInputEndsInTheEPCSet() {
        let wild = "Zoë 🎉 中文 ﬁnal ½ «guillemets» “quotes” @#%*=_[]{}<>|\\~^$ \u{0301}x ẞ Ł ı 𝔄"
        let out = EPCText.transliterate(wild)
        XCTAssertTrue(EPCText.isEPCText(out), out)
        XCTAssertFalse(out.contains("  "))
        XCTAssertTrue(out.hasPrefix("Zoe final 1 2"), out)
    }

    func testTruncateCutsAndDropsTheTrailingSpace() {
        XCTAssertEqual(EPCText.truncate("abcdef", to: 3), "abc")
        XCTAssertEqual(EPCText.truncate("ab cdef", to: 3), "ab")
        XCTAssertEqual(EPCText.truncate("abc", to: 70), "abc")
        XCTAssertEqual(EPCText.truncate(String(repeating: "x", count: 150), to: 140).count, 140)
    }

    func testIdentifiers() {
        for valid in ["A", "CLAP-2026-10", "PAY/2026/10/0001", String(repeating: "9", count: 35), "a b"] {
            XCTAssertTrue(EPCText.isValidIdentifier(valid), valid)
        }
        for invalid in ["", String(repeating: "9", count: 36), "/abc", "abc/", "a//b", "é", " a", "a ", "a_b", "a&b"] {
            XCTAssertFalse(EPCText.isValidIdentifier(invalid), invalid)
        }
    }

    /// Plain text skips the mapping: whatever the text, the result is the one the character-by-character mapping gives.
    func testTheFastPathGivesWhatTheMappingGives() {
        let texts = ["", " ", "  ", "Hugo ROUX", " Hugo ROUX", "Hugo ROUX ", "Hugo  ROUX", "ESP CLAP indemnites 2026-01",
                     "O'Connor (Dr) / 12, rue: + ? .", "Agnès MORIN", "Dupont & Fils", "a\tb", "a\nb", "a\r\nb", "e\u{0301}",
                     "x_y", "x\"y", "x;y", "ZOË", "Œuvre", "~", "\u{7F}", "A B C", "-", "/"]
        for text in texts {
            XCTAssertEqual(EPCText.transliterate(text), EPCText.mapped(text), text.debugDescription)
            XCTAssertEqual(EPCText.isTransliterated(text), EPCText.mapped(text) == text, text.debugDescription)
        }
        for byte in UInt8.min...UInt8.max {
            let character = Character(Unicode.Scalar(byte))
            XCTAssertEqual(EPCText.isAllowed(byte: byte), byte < 0x80 && EPCText.isAllowed(character), "\(byte)")
        }
    }

    /// The byte-level identifier check agrees with its definition on characters.
    func testIdentifierCheckOnBytesMatchesTheDefinition() {
        func definition(_ id: String) -> Bool {
            guard (1...35).contains(id.count), id.allSatisfy(EPCText.isAllowed),
                  let first = id.first, let last = id.last else { return false }
            return first != "/" && last != "/" && first != " " && last != " " && !id.contains("//")
        }
        let ids = ["", "A", "/", "//", "a/b", "a//b", "é", "ée", "VIR-2026-01-10000079763", String(repeating: "é", count: 20),
                   String(repeating: "a", count: 35), String(repeating: "a", count: 36), " a", "a ", "a b", "a\tb", "a_b",
                   "e\u{0301}", "(x)", "a/", "/a"]
        for id in ids { XCTAssertEqual(EPCText.isValidIdentifier(id), definition(id), id.debugDescription) }
    }

    func testIBANIsNormalisedAndItsCheckDigitsVerified() {
        XCTAssertEqual(SepaAccountRules.normalizedIBAN("fr76 3000 6000 0112 3456 7890 189"),
                       "FR7630006000011234567890189")
        XCTAssertEqual(SepaAccountRules.normalizedIBAN("FR1420041010050500013M02606"), "FR1420041010050500013M02606")
        XCTAssertEqual(SepaAccountRules.normalizedIBAN("GB82 WEST 1234 5698 7654 32"), "GB82WEST12345698765432")
        XCTAssertNil(SepaAccountRules.normalizedIBAN("FR7630006000011234567890188"))
        XCTAssertNil(SepaAccountRules.normalizedIBAN("FR76-3000-6000"))
        XCTAssertNil(SepaAccountRules.normalizedIBAN(""))
        XCTAssertNil(SepaAccountRules.normalizedIBAN("FRÉ630006000011234567890189"))
    }

    func testBICIsNormalisedAndChecked() {
        XCTAssertEqual(SepaAccountRules.normalizedBIC("bnpa fr pp"), "BNPAFRPP")
        XCTAssertEqual(SepaAccountRules.normalizedBIC("CEPAFRPP751"), "CEPAFRPP751")
        for invalid in ["BNPAFRP", "BNPAFRPPX", "BNPAFRPP75", "1NPAFRPP", "BNPAFRPO", ""] {
            XCTAssertNil(SepaAccountRules.normalizedBIC(invalid), invalid)
        }
    }

    func testCreationTimestamp() {
        XCTAssertTrue(SepaAccountRules.isLocalTimestamp("2026-10-31T09:30:00"))
        for invalid in ["2026-02-30T09:30:00", "2026-10-31 09:30:00", "2026-10-31T24:00:00",
                        "2026-10-31T09:30:00Z", "2026-10-31T09:30", "2026-1a-31T09:30:00"] {
            XCTAssertFalse(SepaAccountRules.isLocalTimestamp(invalid), invalid)
        }
    }
}

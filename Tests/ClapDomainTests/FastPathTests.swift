@testable import ClapDomain
import Foundation
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
        for value in samples + ["  ", "\u{00A0}", "\t x \t", "x\u{2009}", "\u{202F}x"] {
            XCTAssertEqual(TextNormalization.trimmingWhitespace(value), value.trimmingCharacters(in: .whitespaces), "« \(value) »")
        }
    }
}

import Foundation
import XCTest
@testable import ClapDomain

final class CSVTextDecodingTests: XCTestCase {
    private func decoded(_ bytes: [UInt8]) throws -> String {
        try TextDecoding.decode(Data(bytes)).get()
    }

    func testUTF8WithoutBOM() throws {
        XCTAssertEqual(try decoded(Array("équipe;coût €".utf8)), "équipe;coût €")
    }

    func testUTF8WithBOMDropsTheBOM() throws {
        XCTAssertEqual(try decoded([0xEF, 0xBB, 0xBF] + Array("équipe".utf8)), "équipe")
    }

    func testWindows1252Accents() throws {
        // « é è à ç œ € » as Excel's « CSV (séparateur : point-virgule) » writes it.
        let bytes: [UInt8] = [0xE9, 0x20, 0xE8, 0x20, 0xE0, 0x20, 0xE7, 0x20, 0x9C, 0x20, 0x80]
        XCTAssertEqual(try decoded(bytes), "é è à ç œ €")
    }

    func testWindows1252QuotesAndDashes() throws {
        XCTAssertEqual(try decoded([0x93, 0x61, 0x94, 0x96, 0x92, 0x8C]), "\u{201C}a\u{201D}\u{2013}\u{2019}Œ")
    }

    func testCRLFAndCRBecomeLF() throws {
        XCTAssertEqual(try decoded(Array("a\r\nb\rc\nd\r\n".utf8)), "a\nb\nc\nd\n")
    }

    func testNFCNormalisation() throws {
        // `e` + combining acute accent, as macOS file names and some exports write it.
        let text = try decoded(Array("e\u{0301}quipe".utf8))
        XCTAssertEqual(Array(text.unicodeScalars), Array("\u{00E9}quipe".unicodeScalars))
    }

    func testNULBytesAreRefusedAsBinary() {
        XCTAssertEqual(TextDecoding.decode(Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00])).firstIssueCode, "csv.binary")
    }

    func testUTF16IsRefusedAsBinary() {
        XCTAssertEqual(TextDecoding.decode(Data([0xFF, 0xFE, 0x61, 0x00])).firstIssueCode, "csv.binary")
    }

    func testEmptyDataDecodesToEmptyText() throws {
        XCTAssertEqual(try decoded([]), "")
    }
}

extension Result {
    /// The stable code of a failure, nil on success.
    var firstIssueCode: String? {
        guard case .failure(let error) = self else { return nil }
        if let issue = error as? InputIssue { return issue.code }
        if let rejected = error as? InputRejected { return rejected.issues.first?.issue.code }
        return String(describing: error)
    }
}

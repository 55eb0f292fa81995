import Foundation
import XCTest
@testable import ClapDomain

final class CSVLimitsTests: XCTestCase {
    private let schema = CSVSchema(required: ["equipe", "nom"])

    private func codes(_ text: String, _ limits: InputLimits) -> [String] {
        guard case .failure(let rejected) = CSVTable.read(
            data: Data(text.utf8), fileName: "equipes.csv", schema: schema, limits: limits) else { return [] }
        return rejected.issues.map(\.issue.code)
    }

    func testStandardLimits() {
        XCTAssertEqual(InputLimits.standard.fileBytesMax, 64 * 1024 * 1024)
        XCTAssertEqual(InputLimits.standard.rowsMax, 1_000_000)
        XCTAssertEqual(InputLimits.standard.columnsMax, 64)
        XCTAssertEqual(InputLimits.standard.fieldCharactersMax, 2_000)
    }

    func testFileTooLarge() {
        XCTAssertEqual(codes("equipe;nom\nT;x\n", InputLimits(fileBytesMax: 10)), ["csv.file_too_large"])
        XCTAssertEqual(codes("equipe;nom\nT;x\n", InputLimits(fileBytesMax: 15)), [])
    }

    func testTooManyRows() {
        XCTAssertEqual(codes("equipe;nom\nT;1\nT;2\nT;3\n", InputLimits(rowsMax: 2)), ["csv.too_many_rows"])
        XCTAssertEqual(codes("equipe;nom\nT;1\nT;2\n", InputLimits(rowsMax: 2)), [])
    }

    func testTooManyColumns() {
        XCTAssertEqual(codes("equipe;nom;a;b\n", InputLimits(columnsMax: 3)), ["csv.too_many_columns"])
        XCTAssertEqual(codes("equipe;nom\nT;x;;;;;;\n", InputLimits(columnsMax: 3)), ["csv.too_many_columns"])
    }

    func testFieldTooLongIsReportedForEveryField() {
        let limits = InputLimits(fieldCharactersMax: 6)
        XCTAssertEqual(codes("equipe;nom\nT;ééééééé\nT;\"abc\n\"\"def\"\nT;1234567\n", limits),
                       ["csv.field_too_long", "csv.field_too_long", "csv.field_too_long"])
        let sixQuotes = "\"" + String(repeating: "\"\"", count: 6) + "\""
        XCTAssertEqual(codes("equipe;nom\nT;éééééé\nT;\(sixQuotes)\n", limits), [])
    }

    func testFiveMegabyteSingleLineIsRefusedQuicklyAndClearly() throws {
        let line = String(repeating: "x", count: 5 * 1024 * 1024)
        let started = Date()
        let result = CSVTable.read(data: Data(("equipe;nom\nT;" + line).utf8), fileName: "gros.csv", schema: schema)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        guard case .failure(let rejected) = result else { return XCTFail("expected a refusal") }
        let issue = try XCTUnwrap(rejected.issues.first)
        XCTAssertEqual(rejected.issues.count, 1)
        XCTAssertEqual(issue.issue.code, "csv.line_too_long")
        XCTAssertEqual(issue.location.line, 2)
        XCTAssertTrue(issue.issue.message.contains("La ligne 2 fait 5242882 octets"), issue.issue.message)
    }

    func testLineGuardCountsLinesWithAnyLineEnd() {
        // At most 2 columns of 6 characters: a line of more than 2 × (6 × 4 + 3) = 54 bytes cannot be valid.
        let limits = InputLimits(columnsMax: 2, fieldCharactersMax: 6)
        let long = String(repeating: "x", count: 60)
        for end in ["\n", "\r\n", "\r"] {
            let text = ["equipe;nom", "T;x", "T;" + long, "T;y"].joined(separator: end)
            guard case .failure(let rejected) = CSVTable.read(
                data: Data(text.utf8), fileName: "e.csv", schema: schema, limits: limits) else { return XCTFail(end) }
            XCTAssertEqual(rejected.issues.map(\.issue.code), ["csv.line_too_long"], end)
            XCTAssertEqual(rejected.issues.first?.location.line, 3, end)
        }
        // A long value in a quoted field spanning short lines is the field limit's business.
        XCTAssertEqual(codes("equipe;nom\nT;\"abcd\nefgh\"\n", limits), ["csv.field_too_long"])
    }

    func testBinaryFileIsRefused() {
        let result = CSVTable.read(data: Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x1A]), fileName: "photo.csv", schema: schema)
        XCTAssertEqual(result.firstIssueCode, "csv.binary")
    }
}

import Foundation
import XCTest
@testable import ClapDomain

final class CSVWriterTests: XCTestCase {
    private let writer = CSVWriter()

    func testFormulaInjectionIsNeutralised() {
        XCTAssertEqual(writer.cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"")
        XCTAssertEqual(writer.cell("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(writer.cell("+33 6 12"), "'+33 6 12")
        XCTAssertEqual(writer.cell("-1+1"), "'-1+1")
        XCTAssertEqual(writer.cell("-"), "'-")
        XCTAssertEqual(writer.cell("\tcmd"), "'\tcmd")
        XCTAssertEqual(writer.cell("\r=1"), "\"'\r=1\"")
    }

    func testNegativeNumbersStayNumbers() {
        XCTAssertEqual(writer.cell("-12,50"), "-12,50")
        XCTAssertEqual(writer.cell("-3"), "-3")
        XCTAssertEqual(writer.cell("-3.5"), "-3.5")
        XCTAssertEqual(writer.cell("12,50"), "12,50")
    }

    func testQuotingOnlyWhenNeeded() {
        XCTAssertEqual(writer.cell("Nantes Nord"), "Nantes Nord")
        XCTAssertEqual(writer.cell("a;b"), "\"a;b\"")
        XCTAssertEqual(writer.cell("a,b"), "a,b")
        XCTAssertEqual(CSVWriter(separator: ",").cell("a,b"), "\"a,b\"")
        XCTAssertEqual(writer.cell("ligne\nsuivante"), "\"ligne\nsuivante\"")
        XCTAssertEqual(writer.cell("dit \"oui\""), "\"dit \"\"oui\"\"\"")
        XCTAssertEqual(writer.cell(""), "")
    }

    func testDocumentWithCRLFAndBOM() {
        let text = CSVWriter(includesBOM: true).document(header: ["équipe", "montant"], rows: [["T1", "-12,50"], ["T2", "=1+1"]])
        XCTAssertEqual(text, "\u{FEFF}équipe;montant\r\nT1;-12,50\r\nT2;'=1+1\r\n")
        XCTAssertEqual(writer.document(header: ["a"], rows: [[String]]()), "a\r\n")
    }

    func testStreamingToAClosure() {
        var chunks: [String] = []
        writer.stream(header: ["a", "b"], rows: [["1", "2"], ["3", "@x"]]) { chunks.append($0) }
        XCTAssertEqual(chunks, ["a;b\r\n", "1;2\r\n", "3;'@x\r\n"])
    }

    func testStreamingToATextOutputStream() {
        var output = ""
        writer.write(header: ["a"], to: &output)
        for value in ["1", "-2"] { writer.write(row: [value], to: &output) }
        XCTAssertEqual(output, "a\r\n1\r\n-2\r\n")
    }

    func testWhatTheWriterWritesReadsBack() throws {
        let schema = CSVSchema(required: ["equipe", "nom"])
        let text = writer.document(header: ["équipe", "nom"], rows: [["T1", "a;\"b\"\nc"], ["T2", "x"]])
        let table = try CSVTable.read(data: Data(text.utf8), fileName: "t.csv", schema: schema).get()
        XCTAssertEqual(table.rows.map { $0["nom"] }, ["a;\"b\"\nc", "x"])
        XCTAssertEqual(table.rows.map(\.line), [2, 4])
    }
}

import CSV
import Foundation
import XCTest
@testable import ClapDomain

/// `CSVRecordReader` reads the records CSV.swift (the library it replaced, kept as the oracle) reads, on every text
/// `CSVScanner` lets through, with the same physical line numbers.
final class CSVRecordReaderTests: XCTestCase {
    private func ours(_ text: String, separator: UInt8 = UInt8(ascii: ";")) -> [CSVRecord] {
        Array(text.utf8).withUnsafeBufferPointer { CSVRecordReader.records(bytes: $0, separator: separator) }
    }

    /// What CSV.swift reads, with the line numbers counted as the import counted them on its records; nil when it
    /// refuses the text.
    private func oracle(_ text: String, separator: UInt8) -> [CSVRecord]? {
        guard let reader = try? CSVReader(string: text, hasHeaderRow: false, trimFields: false,
                                          delimiter: Unicode.Scalar(separator)) else { return nil }
        var records: [CSVRecord] = []
        var line = 1
        while let fields = reader.next() {
            records.append(CSVRecord(line: line, fields: fields.map(CSVRecordReader.trimmed)))
            line += 1 + fields.reduce(0) { $0 + $1.utf8.filter { $0 == UInt8(ascii: "\n") }.count }
        }
        return reader.error == nil ? records : nil
    }

    private func isSound(_ text: String, separator: UInt8) -> Bool {
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            var scanner = CSVScanner(fileName: "f.csv", limits: .standard, separator: separator)
            return scanner.scan(bytes) && scanner.collector.rejection == nil
        }
    }

    func testEdgeCases() {
        XCTAssertEqual(ours(""), [])
        XCTAssertEqual(ours("a;b"), [CSVRecord(line: 1, fields: ["a", "b"])])
        XCTAssertEqual(ours("a;b\n"), [CSVRecord(line: 1, fields: ["a", "b"])], "a last line feed ends the record")
        XCTAssertEqual(ours("a;\n;b;"), [CSVRecord(line: 1, fields: ["a", ""]), CSVRecord(line: 2, fields: ["", "b", ""])])
        XCTAssertEqual(ours("a\n\nb\n"), [CSVRecord(line: 1, fields: ["a"]), CSVRecord(line: 2, fields: [""]), CSVRecord(line: 3, fields: ["b"])])
        XCTAssertEqual(ours("\"x;\ny\"\"z\";w\nv"), [CSVRecord(line: 1, fields: ["x;\ny\"z", "w"]), CSVRecord(line: 3, fields: ["v"])],
                       "a quoted field keeps separators and line feeds, two quotes stand for one, and the next record starts lines later")
        XCTAssertEqual(ours("a\"b; \"\" ;\"\""), [CSVRecord(line: 1, fields: ["a\"b", "\"\"", ""])],
                       "a quote opens a quoted field only as its first byte")
        XCTAssertEqual(ours(" é ;\t€\t", separator: UInt8(ascii: ";")), [CSVRecord(line: 1, fields: ["é", "€"])], "fields are trimmed")
        XCTAssertEqual(ours("a,b;c", separator: UInt8(ascii: ",")), [CSVRecord(line: 1, fields: ["a", "b;c"])])
    }

    func testReadsWhatCSVSwiftReadsOnEveryTextTheScannerLetsThrough() {
        let pieces = ["a", "bc", "é", "€", "😀", ";", ",", "\"", "\"\"", "\n", "\n", " ", "\t", "12,50", "T044-001"]
        var generator = FuzzGenerator(seed: 4180)
        var compared = 0, refusedByOracle: [String] = []
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...24, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            for separator in [UInt8(ascii: ";"), UInt8(ascii: ",")] where isSound(text, separator: separator) {
                guard let expected = oracle(text, separator: separator) else {
                    refusedByOracle.append(text)
                    continue
                }
                compared += 1
                XCTAssertEqual(ours(text, separator: separator), expected, text.debugDescription)
            }
        }
        XCTAssertGreaterThan(compared, 10_000, "most texts were compared")
        XCTAssertEqual(refusedByOracle, [], "CSV.swift read every text the scanner lets through")
    }
}

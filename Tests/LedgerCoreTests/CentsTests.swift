import LedgerCore
import XCTest

final class CentsTests: XCTestCase {
    func testParsesCommaDotAndWholeAmounts() throws {
        XCTAssertEqual(try Cents.parse("1234,56").get(), Cents(123_456))
        XCTAssertEqual(try Cents.parse("1234.5").get(), Cents(123_450))
        XCTAssertEqual(try Cents.parse("10000").get(), Cents(1_000_000))
        XCTAssertEqual(try Cents.parse("-12,05").get(), Cents(-1205))
        XCTAssertEqual(try Cents.parse("1 234,56 €").get(), Cents(123_456))
        XCTAssertEqual(try Cents.parse(",5").get(), Cents(50))
    }

    func testRefusesThreeDecimalsGarbageAndHugeAmounts() {
        XCTAssertEqual(Cents.parse("12,345"), .failure(.tooManyDecimals))
        XCTAssertEqual(Cents.parse("12,3,4"), .failure(.notANumber))
        XCTAssertEqual(Cents.parse("1e3"), .failure(.notANumber))
        XCTAssertEqual(Cents.parse(""), .failure(.empty))
        XCTAssertEqual(Cents.parse("12."), .failure(.notANumber))
        XCTAssertEqual(Cents.parse("99999999999999"), .failure(.tooLarge))
    }

    func testFormatsForFecSepaAndPeople() {
        let amount = Cents(-1_234_567)
        XCTAssertEqual(amount.plainString, "-12345.67")
        XCTAssertEqual(amount.commaString, "-12345,67")
        XCTAssertEqual(amount.frenchString, "-12\u{202F}345,67")
        XCTAssertEqual(Cents(5).commaString, "0,05")
        XCTAssertEqual(Cents(100_000_000).frenchString, "1\u{202F}000\u{202F}000,00")
    }

    func testNoFloatingPointTouchesAnAmountAnywhereInSources() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sources = root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        XCTAssertGreaterThan(files.count, 10, "the scan must actually read the sources")
        let pattern = try NSRegularExpression(pattern: #"\b(Double|Float|Float32|Float64|CGFloat|Decimal)\b"#)
        var offenders: [String] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let s = String(line)
                // Timings of the benchmark are durations, not amounts; they say so with a `seconds` name.
                if s.contains("seconds") || s.contains("Seconds") { continue }
                if pattern.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil {
                    offenders.append("\(file.lastPathComponent):\(index + 1): \(s)")
                }
            }
        }
        XCTAssertEqual(offenders, [], "floating point in Sources")
    }
}

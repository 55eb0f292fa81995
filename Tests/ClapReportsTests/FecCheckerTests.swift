import ClapReports
import Foundation
import LedgerCore
import XCTest

/// Each rule of accounting.md's FEC section, broken by hand in a good file, is named by the checker at its line.
/// The sample (`ExportSample.fec2026`): 1 header, 2–4 AN, 5–6 OD n° 1, 7–8 IND n° 1, 9–10 BQ n° 1, 11–12 IND n° 2.
final class FecCheckerTests: XCTestCase {
    func testTheSampleIsClean() throws {
        XCTAssertEqual(try check(try ExportSample.fec2026(), fiscalYear: 2026), [])
    }

    func testLineFeedsAloneAreAccepted() throws {
        let text = try ExportSample.fec2026().replacingOccurrences(of: "\r\n", with: "\n")
        XCTAssertEqual(try check(text), [])
    }

    func testAByteOrderMark() throws {
        try assertFinds("fec.encoding.bom", line: 1, in: "\u{FEFF}" + ExportSample.fec2026())
    }

    func testInvalidUTF8() throws {
        var data = Data(try ExportSample.fec2026().utf8)
        let start = try XCTUnwrap(data.range(of: Data("Banque".utf8)))
        data.replaceSubrange(start, with: [0x42, 0xE9, 0x6E])
        let findings = FecChecker.check(data: data, thirdPartyAccounts: try ExportSample.thirdPartyAccounts())
        XCTAssertTrue(findings.contains { $0.code == "fec.encoding.utf8" && $0.line == 2 }, "\(findings)")
    }

    func testAnEmptyFile() throws {
        try assertFinds("fec.empty", line: 0, in: "")
    }

    func testAWrongHeader() throws {
        try assertFinds("fec.header", line: 1, in: try edited(line: 1, zone: 10, to: "PieceDte"))
        var zones = try sample()
        zones[0].removeLast()
        try assertFinds("fec.header", line: 1, in: joined(zones))
    }

    func testALineWithoutEighteenZones() throws {
        var zones = try sample()
        zones[5].append("")
        try assertFinds("fec.line.zones", line: 6, in: joined(zones))
        zones = try sample()
        zones[6][10] = "RCP\tfévrier"
        try assertFinds("fec.line.zones", line: 7, in: joined(zones))
    }

    func testALineBreakInsideAZone() throws {
        try assertFinds("fec.zone.line_break", line: 7, in: try edited(line: 7, column: "EcritureLib", to: "RCP\rfévrier"))
    }

    func testInvalidDates() throws {
        try assertFinds("fec.date.format", line: 2, in: try edited(line: 2, column: "EcritureDate", to: "20260230"))
        try assertFinds("fec.date.format", line: 3, in: try edited(line: 3, column: "PieceDate", to: "2026-01-01"))
        try assertFinds("fec.date.format", line: 4, in: try edited(line: 4, column: "ValidDate", to: "2026012"))
    }

    func testADateOutsideTheFiscalYear() throws {
        let text = try edited(line: 5, column: "EcritureDate", to: "20250120")
        XCTAssertTrue(try check(text, fiscalYear: 2026).contains { $0.code == "fec.date.fiscal_year" && $0.line == 5 })
    }

    func testAmountsNotWrittenDigitsCommaTwoDecimals() throws {
        for bad in ["200.00", "200", "200,0", "1 200,00", "-200,00", "200,000"] {
            try assertFinds("fec.amount.format", line: 7, in: try edited(line: 7, column: "Debit", to: bad))
        }
    }

    func testAnUnusedSideLeftEmpty() throws {
        try assertFinds("fec.amount.missing", line: 7, in: try edited(line: 7, column: "Credit", to: ""))
    }

    func testAnUnbalancedEntry() throws {
        try assertFinds("fec.entry.unbalanced", line: 7, in: try edited(line: 8, column: "Credit", to: "200,01"))
    }

    func testNumberingWithAGapOrNotStartingAtOne() throws {
        let gap = try edited(lines: [11, 12], column: "EcritureNum", to: "3")
        try assertFinds("fec.numbering.gap", line: 11, in: gap)
        let start = try edited(lines: [5, 6], column: "EcritureNum", to: "2")
        try assertFinds("fec.numbering.gap", line: 5, in: start)
        try assertFinds("fec.numbering.format", line: 11, in: try edited(lines: [11, 12], column: "EcritureNum", to: "02"))
    }

    func testTheLinesOfAnEntryApart() throws {
        var zones = try sample()
        zones.swapAt(7, 8)
        try assertFinds("fec.entry.scattered", line: 9, in: joined(zones))
    }

    func testOpeningEntriesAfterOtherEntries() throws {
        var zones = try sample()
        let opening = Array(zones[1...3])
        zones.removeSubrange(1...3)
        zones.insert(contentsOf: opening, at: 3)
        try assertFinds("fec.order.an_first", line: 4, in: joined(zones))
    }

    func testValidDatesGoingBack() throws {
        try assertFinds("fec.order.valid_date", line: 11, in: try edited(lines: [11, 12], column: "ValidDate", to: "20260228"))
    }

    func testThirdPartyZonesOnTheWrongLines() throws {
        let onRevenue = try edited(line: 6, column: "CompAuxNum", to: "T044-001")
        try assertFinds("fec.aux.not_third_party", line: 6, in: onRevenue)
        try assertFinds("fec.aux.missing", line: 8, in: try edited(line: 8, column: "CompAuxNum", to: ""))
        try assertFinds("fec.aux.missing", line: 8, in: try edited(line: 8, column: "CompAuxLib", to: ""))
    }

    func testAnAccountNumberNotStartingWithThreeDigits() throws {
        try assertFinds("fec.account.number", line: 2, in: try edited(line: 2, column: "CompteNum", to: "51A000"))
        try assertFinds("fec.account.number", line: 2, in: try edited(line: 2, column: "CompteNum", to: "51"))
    }

    func testMandatoryZonesLeftEmpty() throws {
        for column in ["JournalCode", "JournalLib", "EcritureDate", "CompteNum", "CompteLib", "PieceRef", "PieceDate",
                       "EcritureLib", "ValidDate"] {
            try assertFinds("fec.zone.empty", line: 9, in: try edited(line: 9, column: column, to: ""))
        }
    }

    func testLetteringHalfFilled() throws {
        try assertFinds("fec.lettering.incomplete", line: 8, in: try edited(line: 8, column: "DateLet", to: ""))
        try assertFinds("fec.lettering.incomplete", line: 7, in: try edited(line: 7, column: "EcritureLet", to: "AB"))
    }

    func testCurrencyZonesFilled() throws {
        try assertFinds("fec.currency.filled", line: 2, in: try edited(line: 2, column: "Idevise", to: "EUR"))
    }

    func testFindingsAreCapped() throws {
        var zones = try sample()
        for _ in 0..<(FecChecker.findingsMax + 10) { zones.append(["x"]) }
        let findings = try check(joined(zones))
        XCTAssertEqual(findings.count, FecChecker.findingsMax + 1)
        XCTAssertEqual(findings.last?.code, "fec.findings.truncated")
    }

    // MARK: - Helpers

    private func sample() throws -> [[String]] {
        try ExportSample.fec2026().components(separatedBy: "\r\n").dropLast().map { $0.components(separatedBy: "\t") }
    }

    private func joined(_ zones: [[String]]) -> String {
        zones.map { $0.joined(separator: "\t") + "\r\n" }.joined()
    }

    /// The sample with one zone of the given 1-based lines replaced.
    private func edited(lines: [Int], column: String, to value: String) throws -> String {
        let index = try XCTUnwrap(FecFormat.columns.firstIndex(of: column))
        var zones = try sample()
        for line in lines { zones[line - 1][index] = value }
        return joined(zones)
    }

    private func edited(line: Int, column: String, to value: String) throws -> String {
        try edited(lines: [line], column: column, to: value)
    }

    private func edited(line: Int, zone: Int, to value: String) throws -> String {
        try edited(line: line, column: FecFormat.columns[zone - 1], to: value)
    }

    private func check(_ text: String, fiscalYear: Int? = nil) throws -> [FecFinding] {
        FecChecker.check(text: text, thirdPartyAccounts: try ExportSample.thirdPartyAccounts(), fiscalYear: fiscalYear)
    }

    private func assertFinds(_ code: String, line: Int, in text: String, file: StaticString = #filePath, lineNo: UInt = #line) throws {
        let findings = try check(text)
        XCTAssertTrue(findings.contains { $0.code == code && $0.line == line },
                      "expected \(code) at line \(line), got:\n" + findings.map(\.description).joined(separator: "\n"),
                      file: file, line: lineNo)
    }
}

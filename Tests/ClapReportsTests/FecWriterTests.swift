import ClapDomain
import ClapReports
import ClapStore
import Foundation
import LedgerCore
import XCTest

/// The FEC written from a real ledger passes every rule, and the writer refuses what would break one.
final class FecWriterTests: XCTestCase {
    func testBothYearsOfARealLedgerPassTheChecker() throws {
        let ledger = try ExportLedger.twoYears()
        for year in [2025, 2026] {
            let (text, summary) = try fec(ledger, year: year)
            let findings = FecChecker.check(text: text, thirdPartyAccounts: try ExportSample.thirdPartyAccounts(), fiscalYear: year)
            XCTAssertEqual(findings, [], "FEC \(year):\n" + findings.map(\.description).joined(separator: "\n") + "\n" + text)
            let postingLines = try ledger.fecEntries(fiscalYear: year).reduce(0) { $0 + $1.draft.lines.count }
            XCTAssertEqual(summary.lines, postingLines)
            XCTAssertEqual(text.components(separatedBy: "\r\n").count, postingLines + 2, "header + lines + the empty tail")
            XCTAssertEqual(summary.totalDebit, summary.totalCredit)
        }
    }

    func testTheHeaderLinesAndZonesHaveTheFecShape() throws {
        let ledger = try ExportLedger.twoYears()
        let (text, _) = try fec(ledger, year: 2025)
        XCTAssertFalse(text.utf8.starts(with: [0xEF, 0xBB, 0xBF]), "no BOM")
        XCTAssertTrue(text.hasSuffix("\r\n"))
        let lines = text.components(separatedBy: "\r\n").dropLast().map { $0.components(separatedBy: "\t") }
        XCTAssertEqual(lines.first, FecFormat.columns)
        let grant = try XCTUnwrap(lines.dropFirst().first)
        XCTAssertEqual(grant, ["OD", "Opérations diverses", "1", "20250115", "441100", "ARS – subventions FIR à recevoir",
                               "T044-001", "ESP CLAP Nantes Nord", "ARS-T044-001-2025", "20250115", "Dotation FIR 2025 T044-001",
                               "10000,00", "0,00", "", "", "20250115", "", ""])
        let revenue = lines[2]
        XCTAssertEqual(Array(revenue[4...7]), ["741000", "Subventions d'exploitation – ARS (FIR)", "", ""])
        XCTAssertEqual(Array(revenue[11...12]), ["0,00", "10000,00"])
        let action = try XCTUnwrap(lines.first { $0[8] == "ACT-2025-0002;bis" })
        XCTAssertEqual(action[10], "Réunion PPS suivi (2 h)", "tab and line break become spaces")
        XCTAssertEqual(action[3], "20250308")
        XCTAssertEqual(action[15], "20250312", "ValidDate is the posting day")
        let yearEnd = try XCTUnwrap(lines.last)
        XCTAssertEqual([yearEnd[0], yearEnd[2], yearEnd[3], yearEnd[15]], ["OD", "3", "20251231", "20260102"])
    }

    func testTheOpeningEntriesComeFirstEvenWhenPostedLater() throws {
        let ledger = try ExportLedger.twoYears()
        let chainOrder = try ledger.entriesInChainOrder().filter { $0.ref.fiscalYear == 2026 }.map(\.ref.journal)
        XCTAssertEqual(chainOrder, [.bq, .an, .od])
        let (text, _) = try fec(ledger, year: 2026)
        let journals = text.components(separatedBy: "\r\n").dropFirst().compactMap { $0.components(separatedBy: "\t").first }
            .filter { !$0.isEmpty }
        XCTAssertEqual(Array(journals.prefix(3)), ["AN", "AN", "AN"])
        XCTAssertEqual(Array(journals.suffix(4)), ["BQ", "BQ", "OD", "OD"])
    }

    func testLetteringFillsEcritureLetAndDateLet() throws {
        let lines = try ExportSample.fec2026().components(separatedBy: "\r\n").map { $0.components(separatedBy: "\t") }
        XCTAssertEqual(Array(lines[7][13...14]), ["AA", "20260301"], "the action's payable line")
        XCTAssertEqual(Array(lines[8][13...14]), ["AA", "20260301"], "the payout's payable line")
        XCTAssertEqual(Array(lines[6][13...14]), ["", ""])
        XCTAssertEqual(Array(lines[9][13...14]), ["", ""])
    }

    func testTheSinkGetsOneWholeLineAtATime() throws {
        var calls: [String] = []
        _ = try FecWriter.write(ExportSample.year2026(), fiscalYear: 2026, chart: try exportChart(),
                                auxiliaryLabel: ExportNames.label) { calls.append($0) }
        XCTAssertEqual(calls.count, 12)
        for call in calls {
            XCTAssertTrue(call.hasSuffix("\r\n"))
            XCTAssertEqual(call.unicodeScalars.filter { $0 == "\n" || $0 == "\r" }.count, 2, call)
        }
    }

    func testAnEmptyYearIsJustTheHeader() throws {
        var text = ""
        let summary = try FecWriter.write([], fiscalYear: 2027, chart: try exportChart(), auxiliaryLabel: ExportNames.label) { text += $0 }
        XCTAssertEqual(summary.lines, 0)
        XCTAssertEqual(text, FecFormat.columns.joined(separator: "\t") + "\r\n")
        XCTAssertEqual(FecChecker.check(text: text, thirdPartyAccounts: []), [])
    }

    func testTheFileNameCarriesTheSirenAndTheClosingDate() {
        XCTAssertEqual(FecFormat.fileName(siren: "882413578", fiscalYear: 2025), "882413578FEC20251231.txt")
        XCTAssertNil(FecFormat.fileName(siren: "88241357", fiscalYear: 2025))
        XCTAssertNil(FecFormat.fileName(siren: "88241357A", fiscalYear: 2025))
    }

    // MARK: - Refusals

    func testEntriesInChainOrderAreRefusedWhenAnOpeningEntryComesLate() throws {
        let ledger = try ExportLedger.twoYears()
        let chainOrder = try ledger.entriesInChainOrder().filter { $0.ref.fiscalYear == 2026 }
        XCTAssertThrowsError(try FecWriter.write(chainOrder, fiscalYear: 2026, chart: ledger.chart,
                                                 auxiliaryLabel: ExportNames.label) { _ in }) { error in
            guard case FecWriteError.outOfOrder(let ref, let after)? = error as? FecWriteError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(ref.journal, .an)
            XCTAssertEqual(after.journal, .bq)
        }
    }

    func testValidDatesGoingBackAreRefused() throws {
        var entries = ExportSample.year2026()
        entries.swapAt(2, 3)
        assertRefused(entries) { if case .outOfOrder = $0 { true } else { false } }
    }

    func testAMissingEntryIsRefusedAsANumberingGap() throws {
        var entries = ExportSample.year2026()
        entries.remove(at: 2)
        assertRefused(entries) {
            if case .numberingBroken(let ref, 1) = $0 { ref.journal == .ind && ref.number == 2 } else { false }
        }
    }

    func testAnEntryOfAnotherYearIsRefused() throws {
        var entries = ExportSample.year2026()
        entries.append(ExportSample.posted(20, 1, valid: "2026-04-01", grant("T044-001", cents: 100, on: "2027-01-02", year: 2027)))
        assertRefused(entries) { if case .wrongFiscalYear(_, 2026) = $0 { true } else { false } }
    }

    func testLinesTheChartOrTheThirdPartyRulesForbidAreRefused() throws {
        let cases: [(PostingLine, (FecWriteError) -> Bool)] = [
            (.credit("999999", Cents(100)), { if case .unknownAccount(_, "999999") = $0 { true } else { false } }),
            (.credit("401100", Cents(100)), { if case .missingAuxiliary(_, 2, "401100") = $0 { true } else { false } }),
            (.credit("741000", Cents(100), auxiliary: "T044-001"),
             { if case .auxiliaryOnNonThirdPartyAccount(_, 2, "741000") = $0 { true } else { false } }),
            (.credit("512000", Cents(0)), { if case .nonPositiveAmount(_, 2) = $0 { true } else { false } }),
            (.credit("512000", Cents(99)), { if case .unbalanced = $0 { true } else { false } }),
        ]
        for (line, expected) in cases {
            var entries = ExportSample.year2026()
            entries.append(ExportSample.posted(20, 2, valid: "2026-04-01",
                                               draft(.bq, "2026-04-01", "X-1", "Essai", [.debit("512000", Cents(100)), line])))
            assertRefused(entries, expected)
        }
    }

    func testEmptyMandatoryZonesAndUnknownJournalsAreRefused() throws {
        var entries = ExportSample.year2026()
        entries.append(ExportSample.posted(20, 2, valid: "2026-04-01",
                                           draft(.bq, "2026-04-01", " \t", "Essai", [.debit("512000", Cents(1)), .credit("512000", Cents(1))])))
        assertRefused(entries) { if case .emptyZone(_, "PieceRef") = $0 { true } else { false } }
        var other = ExportSample.year2026()
        other.append(ExportSample.posted(20, 1, valid: "2026-04-01",
                                         draft(JournalCode("XX"), "2026-04-01", "X-1", "Essai", [.debit("512000", Cents(1)), .credit("512000", Cents(1))])))
        assertRefused(other) { if case .unknownJournal(JournalCode("XX")) = $0 { true } else { false } }
    }

    func testARefusedEntryWritesNoneOfItsLinesAndTheWriterClosesOnce() throws {
        var text = ""
        var writer = FecWriter(fiscalYear: 2026, chart: try exportChart(), auxiliaryLabel: ExportNames.label) { text += $0 }
        let entries = ExportSample.year2026()
        try writer.write(entries[0])
        let before = text
        var bad = entries[1].draft
        bad.lines.append(.credit("512000", Cents(1)))
        XCTAssertThrowsError(try writer.write(ExportSample.posted(11, 1, valid: "2026-01-20", bad)))
        XCTAssertEqual(text, before)
        _ = try writer.finish()
        XCTAssertThrowsError(try writer.write(entries[1]))
    }

    // MARK: - Helpers

    private func fec(_ ledger: ExportLedger, year: Int) throws -> (String, FecWriter.Summary) {
        var text = ""
        let summary = try FecWriter.write(try ledger.fecEntries(fiscalYear: year), fiscalYear: year, chart: ledger.chart,
                                          auxiliaryLabel: ExportNames.label) { text += $0 }
        return (text, summary)
    }

    private func assertRefused(_ entries: [PostedEntry], file: StaticString = #filePath, line: UInt = #line,
                               _ expected: (FecWriteError) -> Bool) {
        guard let chart = try? exportChart() else { return XCTFail("no chart", file: file, line: line) }
        do throws(FecWriteError) {
            _ = try FecWriter.write(entries, fiscalYear: 2026, chart: chart, auxiliaryLabel: ExportNames.label) { _ in }
            XCTFail("the writer accepted it", file: file, line: line)
        } catch {
            XCTAssertTrue(expected(error), "unexpected refusal: \(error)", file: file, line: line)
        }
    }
}

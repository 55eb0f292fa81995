import ClapDomain
import ClapReports
import Foundation
import LedgerCore
import XCTest

/// The FEC and journal-CSV writers write bytes (issue 8): they must write exactly what the `String` writers wrote
/// (`ReferenceFecEntryLines`, the code as it was), for ordinary values and for every value that needs making safe,
/// and refuse exactly the same entries with the same reason.
final class FecBytesTests: XCTestCase {
    func testTheByteWritersWriteWhatTheStringWritersWroteEvenForValuesThatNeedMakingSafe() throws {
        let chart = try Self.oddChart()
        let entries = ExportSample.year2026() + Self.oddEntries()
        let reference = try Self.referenceFec(entries, chart: chart)
        XCTAssertTrue(reference.contains("Tab here"), "the odd values reached the file")

        var lines: [String] = []
        var text = ""
        let summary = try FecWriter.write(entries, fiscalYear: 2026, chart: chart, auxiliaryLabel: Self.oddLabel,
                                          lettering: Self.oddLettering) { lines.append($0); text += $0 }
        XCTAssertEqual(text, reference)
        XCTAssertEqual(lines.count, summary.lines + 1, "one call per line, and the header")
        XCTAssertTrue(lines.allSatisfy { $0.hasSuffix("\r\n") && $0.dropLast(2).allSatisfy { $0 != "\r" && $0 != "\n" } })

        var bytes: [UInt8] = []
        var writer = FecWriter(fiscalYear: 2026, chart: chart, auxiliaryLabel: Self.oddLabel) { bytes.append(contentsOf: $0) }
        for entry in entries {
            try writer.write(entry) { Self.oddLettering(entry.ref, $0) }
        }
        let byteSummary = try writer.finish()
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), reference)
        XCTAssertEqual(Array(reference.utf8), bytes)
        XCTAssertEqual(byteSummary, summary)
        XCTAssertEqual(FecChecker.check(data: Data(bytes), thirdPartyAccounts: Set(chart.accounts.filter(\.isThirdParty).map(\.number)),
                                        fiscalYear: 2026).map(\.description), [])
    }

    func testTheJournalCsvBytesAreWhatCsvWriterMadeOfEachCell() throws {
        let chart = try Self.oddChart()
        let entries = ExportSample.year2026() + Self.oddEntries()
        let csv = CSVWriter(separator: ";", includesBOM: true)
        var reference = CSVWriter.byteOrderMark + csv.line(JournalCSVWriter.header)
        var referenceLines = 0
        for entry in entries {
            let made = try ReferenceFecEntryLines.make(entry, accounts: Self.accounts(chart), journalLabel: FecJournalLabels.standard[entry.ref.journal],
                                                       auxiliaryLabel: Self.oddLabel, lettering: Self.oddLettering)
            for (zones, analytic) in zip(made.zones, made.analytics) {
                reference += csv.line(zones + [analytic])
                referenceLines += 1
            }
        }
        XCTAssertTrue(reference.contains("\"\"\"guillemets\"\" ;\""), "a cell with a quote and the separator is quoted")
        XCTAssertTrue(reference.contains(";'=SOMME(A1);"), "a formula is neutralised")

        var text = ""
        var writer = JournalCSVWriter(chart: chart, auxiliaryLabel: Self.oddLabel, lettering: Self.oddLettering) { text += $0 }
        for entry in entries { try writer.write(entry) }
        writer.finish()
        XCTAssertEqual(text, reference)
        XCTAssertEqual(writer.lineCount, referenceLines)

        var bytes: [UInt8] = []
        var byteWriter = JournalCSVWriter(chart: chart, auxiliaryLabel: Self.oddLabel) { bytes.append(contentsOf: $0) }
        for entry in entries { try byteWriter.write(entry) { Self.oddLettering(entry.ref, $0) } }
        byteWriter.finish()
        XCTAssertEqual(bytes, Array(reference.utf8))
    }

    func testEveryRefusalIsTheStringWritersAndNoneOfTheEntryIsWritten() throws {
        let chart = try Self.oddChart()
        let good = ExportSample.year2026()
        let bad: [EntryDraft] = [
            draft(.bq, "2026-04-01", "X-1", "Essai", [.debit("512000", Cents(100)), .credit("999999", Cents(100))]),
            draft(.bq, "2026-04-01", "X-1", "Essai", [.debit("512000", Cents(100)), .credit("401100", Cents(100))]),
            draft(.bq, "2026-04-01", "X-1", "Essai", [.debit("512000", Cents(100)), .credit("401100", Cents(100), auxiliary: " \t ")]),
            draft(.bq, "2026-04-01", "X-1", "Essai", [.debit("512000", Cents(100)), .credit("741000", Cents(100), auxiliary: "T044-001")]),
            draft(.bq, "2026-04-01", "X-1", "Essai", [.debit("512000", Cents(100)), .credit("741000", Cents(100), auxiliary: "\u{3000}x")]),
            draft(.bq, "2026-04-01", "X-1", "Essai", [.debit("512000", Cents(100)), .credit("512000", Cents(0))]),
            draft(.bq, "2026-04-01", "X-1", "Essai", [.debit("512000", Cents(100)), .credit("512000", Cents(-100))]),
            draft(.bq, "2026-04-01", "X-1", "Essai", [.debit("512000", Cents(100)), .credit("512000", Cents(99))]),
            draft(.bq, "2026-04-01", "X-1", "Essai", [.debit("512000", Cents(100)), .credit("999998", Cents(100))]),
            draft(.bq, "2026-04-01", " \u{2028} ", "Essai", [.debit("512000", Cents(1)), .credit("512000", Cents(1))]),
            draft(.bq, "2026-04-01", "X-1", "\u{00A0}", [.debit("512000", Cents(1)), .credit("512000", Cents(1))]),
            draft(.bq, "2026-04-01", "X-1", "Essai", []),
            draft(JournalCode("XX"), "2026-04-01", "X-1", "Essai", [.debit("512000", Cents(1)), .credit("512000", Cents(1))]),
        ]
        for (index, draft) in bad.enumerated() {
            let number = draft.journal == .bq ? 2 : 1
            let entry = ExportSample.posted(20, number, valid: "2026-04-01", draft)
            var expected: FecWriteError?
            do {
                _ = try ReferenceFecEntryLines.make(entry, accounts: Self.accounts(chart), journalLabel: FecJournalLabels.standard[draft.journal],
                                                    auxiliaryLabel: Self.oddLabel, lettering: { _, _ in nil })
            } catch {
                expected = error
            }
            let refusal = try XCTUnwrap(expected, "case \(index) is refused by the reference")
            var bytes: [UInt8] = []
            var writer = FecWriter(fiscalYear: 2026, chart: chart, auxiliaryLabel: Self.oddLabel) { bytes.append(contentsOf: $0) }
            for entry in good { try writer.write(entry) }
            let before = bytes
            XCTAssertThrowsError(try writer.write(entry)) { XCTAssertEqual($0 as? FecWriteError, refusal, "case \(index)") }
            XCTAssertEqual(bytes, before, "case \(index): nothing of the refused entry")
            var csvText = ""
            var journal = JournalCSVWriter(chart: chart, auxiliaryLabel: Self.oddLabel) { csvText += $0 }
            XCTAssertThrowsError(try journal.write(entry)) { XCTAssertEqual($0 as? FecWriteError, refusal, "case \(index)") }
            XCTAssertEqual(csvText, CSVWriter.byteOrderMark + CSVWriter(separator: ";").line(JournalCSVWriter.header), "case \(index)")
        }
    }

    // MARK: - Odd values

    /// The default chart plus accounts whose labels need making safe (and one whose label is blank).
    static func oddChart() throws -> Chart {
        let extra = [
            ChartAccount(number: "628100", label: "  Frais\tdivers ", role: nil, isThirdParty: false),
            ChartAccount(number: "628200", label: "=Formule;x", role: nil, isThirdParty: false),
            ChartAccount(number: "467000", label: "Débiteurs divers é", role: nil, isThirdParty: true),
            ChartAccount(number: "999998", label: " \u{3000} ", role: nil, isThirdParty: false),
        ]
        return try XCTUnwrap(Chart(accounts: try exportChart().accounts + extra))
    }

    static func accounts(_ chart: Chart) -> [String: ChartAccount] {
        Dictionary(chart.accounts.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static let oddNames = [
        "10003456789": "Dr Marie Dupont",
        "10101010101": "Jean Martin, infirmier",
        "T044-001": "ESP CLAP Nantes Nord",
        " 10202020202 ": "Nom\tavec tabulation",
        "10303030303": " \u{00A0} ",
        "10404040404": "\"Guillemets\" ; et point-virgule",
        "10505050505": "-12,50",
        "10606060606": "e\u{301}",
        "10707070707": "Zoë\u{2029}",
    ]

    static func oddLabel(account: String, auxiliary: String) -> String { oddNames[auxiliary] ?? "" }

    /// OD n° 2 onwards: entries after `ExportSample.year2026()`, in FEC order, with values that need making safe.
    static func oddEntries() -> [PostedEntry] {
        let lines: [(String, String, String?, String?)] = [
            // (label, piece, auxiliary, analytic)
            ("Tab\there", " P-1 ", "10003456789", "T044-001/2026"),
            ("Ligne\r\nsuite", "P-2\u{2028}", " 10202020202 ", "a;b"),
            ("  espaces  ", "\u{00A0}P-3", "10303030303", "=x"),
            ("Réunion é", "P-4", "10404040404", "ligne\nsuite"),
            ("\u{3000}idéo\u{3000}", "P-5é", "10505050505", "\"q\""),
            ("e\u{301}", "é", "10606060606", "-3"),
            (";point-virgule", "\"guillemets\" ;", "10707070707", "+33"),
            ("=SOMME(A1)", "@x", "10101010101", "\t"),
            ("-12,50", "-12,50", "T044-001", nil),
            ("+33 \u{85}", "\u{0B}P-6\u{0C}", "10003456789", ""),
        ]
        var entries: [PostedEntry] = []
        for (index, (label, piece, auxiliary, analytic)) in lines.enumerated() {
            let amount = Cents(Int64(1_000 + index * 1_234_567))
            let expense = index % 3 == 0 ? "628100" : index % 3 == 1 ? "628200" : "622600"
            let payable = index % 4 == 3 ? "467000" : "401100"
            let lines: [PostingLine] = [
                .debit(expense, amount, analytic: analytic),
                .credit(payable, amount, auxiliary: auxiliary),
                .debit(payable, Cents(1), auxiliary: auxiliary),
                // A blank third party on an account that takes none is no third party (not a refusal).
                .credit("512000", Cents(1), auxiliary: index == 4 ? "\u{3000}" : index == 5 ? " \t" : nil),
            ]
            let day = String(format: "2026-04-%02d", index + 1)
            entries.append(ExportSample.posted(Int64(30 + index), index + 2, valid: day,
                                               draft(.od, day, piece, label, lines)))
        }
        return entries
    }

    /// Letters for the odd entries too, some of which need making safe or are blank.
    static func oddLettering(_ ref: EntryRef, _ lineNo: Int) -> (letter: String, date: Day)? {
        if let letter = ExportSample.lettering(ref, lineNo) { return letter }
        guard ref.journal == .od, ref.number >= 2 else { return nil }
        let letters = ["A", " AB", "ZZZ ", "\t", "", "B\u{2028}C", "C", "D", "E", "F", "G"]
        guard lineNo == 2 || lineNo == 3 else { return nil }
        return (letters[(ref.number - 2) % letters.count], exportDay("2026-05-0\(lineNo)"))
    }

    /// The FEC as the `String` writer wrote it, line by line.
    static func referenceFec(_ entries: [PostedEntry], chart: Chart) throws -> String {
        var text = FecFormat.columns.joined(separator: FecFormat.separator) + FecFormat.lineEnding
        for entry in entries {
            let made = try ReferenceFecEntryLines.make(entry, accounts: accounts(chart), journalLabel: FecJournalLabels.standard[entry.ref.journal],
                                                       auxiliaryLabel: oddLabel, lettering: oddLettering)
            for line in made.text { text += line + FecFormat.lineEnding }
        }
        return text
    }
}

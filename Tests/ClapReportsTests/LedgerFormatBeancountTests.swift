import ClapDomain
import ClapReports
import Foundation
import LedgerCore
import XCTest

/// No beancount checker is installed: the file is checked here against beancount's grammar for what clap writes
/// (account names, `open` before use, one balanced transaction per entry, metadata), and its sums against the ledger.
final class LedgerFormatBeancountTests: XCTestCase {
    func testTheFileIsWellFormedAndSumsToTheTrialBalance() throws {
        let ledger = try ExportLedger.twoYears()
        var text = ""
        try BeancountWriter.write(try ledger.wholeHistory(), chart: ledger.chart, title: "Association \"test\"",
                                  openingDate: exportDay("2025-01-01")) { text += $0 }
        let parsed = try BeancountSyntax.parse(text)
        XCTAssertEqual(parsed.problems, [], text)
        XCTAssertEqual(parsed.transactions, try ledger.wholeHistory().count)
        var byChartAccount: [String: Cents] = [:]
        for (name, amount) in parsed.balances {
            let number = String(name.split(separator: ":")[1].dropFirst())
            byChartAccount[number, default: .zero] += amount
        }
        let expected = try ledger.trialBalance(byAuxiliary: false)
        XCTAssertEqual(byChartAccount.filter { $0.value != .zero },
                       Dictionary(uniqueKeysWithValues: expected.map { ($0.account, $0.balance) }).filter { $0.value != .zero })
    }

    func testTransactionsCarryTheirReferenceAndAnalyticCode() throws {
        var text = ""
        try BeancountWriter.write(ExportSample.year2026(), chart: try exportChart(), title: "Essai",
                                  openingDate: exportDay("2026-01-01")) { text += $0 }
        XCTAssertEqual(try BeancountSyntax.parse(text).problems, [])
        XCTAssertTrue(text.contains("""
            2026-01-01 open Liabilities:C401100:10003456789 EUR
            2026-02-09 * "RCP février — ACT-2026-0001"
              journal: "IND"
              ecriture: "IND/2026/1"
              piece: "ACT-2026-0001"
              validation: 2026-02-10
              Expenses:C622600                        200.00 EUR
                analytique: "T044-001/2026"
              Liabilities:C401100:10003456789         -200.00 EUR

            """), text)
        XCTAssertTrue(text.contains("2026-01-01 open Assets:C441100:T044-002 EUR\n"))
        XCTAssertTrue(text.contains("2026-01-01 open Equity:C194000 EUR\n"))
        XCTAssertTrue(text.contains("2026-01-01 open Income:C741000 EUR\n"))
        XCTAssertEqual(text.components(separatedBy: " open Liabilities:C401100:10003456789 ").count, 2, "opened once")
    }

    func testNamesAndStringsAreMadeValid() throws {
        XCTAssertEqual(LedgerAccountNames.component("t 44:x/é"), "Xt-44-x--")
        XCTAssertEqual(LedgerAccountNames.component("T044-001"), "T044-001")
        let entry = ExportSample.posted(1, 1, valid: "2026-01-02", draft(.bq, "2026-01-02", "P\"1\\", "Dit \"oui\"\nfin",
                                                                            [.debit("512000", Cents(5)), .credit("401100", Cents(5), auxiliary: "ab:c d")]))
        var text = ""
        try BeancountWriter.write([entry], chart: try exportChart(), title: "", openingDate: exportDay("2026-01-01")) { text += $0 }
        XCTAssertEqual(try BeancountSyntax.parse(text).problems, [], text)
        XCTAssertTrue(text.contains(#"2026-01-02 * "Dit \"oui\" fin — P\"1\\""#), text)
        XCTAssertTrue(text.contains("Liabilities:C401100:Xab-c-d"), text)
    }

    func testAnEntryBeforeTheOpeningDateIsRefused() throws {
        let entries = ExportSample.year2026()
        XCTAssertThrowsError(try BeancountWriter.write(entries, chart: try exportChart(), title: "",
                                                       openingDate: exportDay("2026-01-02")) { _ in }) {
            XCTAssertEqual($0 as? LedgerFormatError, .beforeOpening(entries[0].ref, date: exportDay("2026-01-01"), opening: exportDay("2026-01-02")))
        }
    }

    func testTheSyntaxCheckCatchesBrokenFiles() throws {
        var text = ""
        try BeancountWriter.write(ExportSample.year2026(), chart: try exportChart(), title: "Essai",
                                  openingDate: exportDay("2026-01-01")) { text += $0 }
        let broken = [
            text.replacingOccurrences(of: "2026-01-01 open Equity:C194000 EUR\n", with: ""),
            text.replacingOccurrences(of: "-200.00 EUR", with: "-200.01 EUR"),
            text.replacingOccurrences(of: "Expenses:C622600", with: "Expenses:c622600"),
            text.replacingOccurrences(of: "Expenses:C622600", with: "Charges:C622600"),
            text.replacingOccurrences(of: "  journal: \"IND\"", with: "  journal: IND"),
            text.replacingOccurrences(of: "2026-01-01 open Income:C741000", with: "2026-12-31 open Income:C741000"),
        ]
        for (index, file) in broken.enumerated() {
            XCTAssertFalse(try BeancountSyntax.parse(file).problems.isEmpty, "broken file \(index) passed")
        }
    }
}

/// A reader for the subset of beancount's grammar clap writes, reporting every deviation.
struct BeancountSyntax {
    var problems: [String] = []
    var transactions = 0
    var balances: [String: Cents] = [:]

    static let string = #""(?:[^"\\]|\\.)*""#
    static let date = #"\d{4}-\d{2}-\d{2}"#
    static let account = #"(?:Assets|Liabilities|Equity|Income|Expenses)(?::[A-Z0-9][A-Za-z0-9-]*)+"#

    static func parse(_ text: String) throws -> BeancountSyntax {
        let option = try Regex("option \(string) \(string)")
        let open = try Regex("(\(date)) open (\(account)) EUR")
        let header = try Regex("(\(date)) \\* \(string)")
        let meta = try Regex("  [a-z][A-Za-z0-9_-]*: (?:\(string)|\(date))")
        let posting = try Regex("  (\(account)) +(-?\\d+\\.\\d{2}) EUR")
        let postingMeta = try Regex("    [a-z][A-Za-z0-9_-]*: \(string)")

        var result = BeancountSyntax()
        var opened: [String: String] = [:]
        var current: (date: String, line: Int, postings: Int, sum: Cents)?
        func closeTransaction() {
            guard let open = current else { return }
            if open.postings < 2 { result.problems.append("line \(open.line): fewer than two postings") }
            if open.sum != .zero { result.problems.append("line \(open.line): transaction does not balance (\(open.sum))") }
            current = nil
        }
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            let number = index + 1
            if let match = line.wholeMatch(of: posting), current != nil {
                let name = String(match.output[1].substring ?? "")
                let amountText = String(match.output[2].substring ?? "")
                guard case .success(let amount) = Cents.parse(amountText) else {
                    result.problems.append("line \(number): amount \(amountText)"); continue
                }
                let isOpen = opened[name].map { $0 <= (current?.date ?? "") } ?? false
                if !isOpen { result.problems.append("line \(number): \(name) used before its open directive") }
                current?.postings += 1
                current?.sum += amount
                result.balances[name, default: .zero] += amount
            } else if line.wholeMatch(of: postingMeta) != nil, (current?.postings ?? 0) > 0 {
            } else if line.wholeMatch(of: meta) != nil, current?.postings == 0 {
            } else if let match = line.wholeMatch(of: header) {
                closeTransaction()
                result.transactions += 1
                current = (String(match.output[1].substring ?? ""), number, 0, .zero)
            } else if let match = line.wholeMatch(of: open) {
                closeTransaction()
                let name = String(match.output[2].substring ?? "")
                if opened[name] != nil { result.problems.append("line \(number): \(name) opened twice") }
                opened[name] = String(match.output[1].substring ?? "")
            } else if line.isEmpty || line.hasPrefix(";") || line.wholeMatch(of: option) != nil {
                closeTransaction()
            } else {
                result.problems.append("line \(number): not beancount: \(line)")
            }
        }
        closeTransaction()
        return result
    }
}

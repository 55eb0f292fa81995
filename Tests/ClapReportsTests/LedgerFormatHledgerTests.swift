import ClapReports
import ClapStore
import Foundation
import LedgerCore
import XCTest

/// The hledger journal, read by hledger itself, gives the ledger's trial balance to the cent.
/// hledger must be installed (`apt-get install hledger`, as .ci/run does): without it these tests fail.
final class LedgerFormatHledgerTests: XCTestCase {
    func testHledgerBalancesEqualTheTrialBalanceAccountByAccount() throws {
        let ledger = try ExportLedger.twoYears()
        let file = try write(ledger)
        let general = try HledgerTool.balances(file, ["--depth", "1"])
        let expected = try ledger.trialBalance(byAuxiliary: false)
        XCTAssertFalse(expected.isEmpty)
        XCTAssertEqual(nonZero(general), nonZero(Dictionary(uniqueKeysWithValues: expected.map { ($0.account, $0.balance) })))
        XCTAssertEqual(general.values.reduce(.zero, +), .zero)
    }

    func testHledgerBalancesEqualTheAuxiliaryTrialBalance() throws {
        let ledger = try ExportLedger.twoYears()
        let flat = try HledgerTool.balances(try write(ledger), [])
        let expected = try ledger.trialBalance(byAuxiliary: true).map {
            (LedgerAccountNames.hledger(account: $0.account, auxiliary: $0.auxiliary), $0.balance)
        }
        XCTAssertEqual(nonZero(flat), nonZero(Dictionary(uniqueKeysWithValues: expected)))
    }

    func testTheAnalyticTagSelectsOneEnvelope() throws {
        let ledger = try ExportLedger.twoYears()
        let tagged = try HledgerTool.balances(try write(ledger), ["--depth", "1", "tag:analytique=^T044-001/2025$"])
        let consumed = try ledger.database.read { try Balances.balance(account: "622600", analytic: "T044-001/2025", in: $0) }
        XCTAssertEqual(consumed, Cents(27_345))
        XCTAssertEqual(tagged["622600"], consumed)
    }

    func testTransactionsCarryTheReferenceThePieceAndSafeText() throws {
        var text = ""
        try HledgerWriter.write(ExportSample.year2026(), chart: try exportChart(), title: "Essai") { text += $0 }
        XCTAssertTrue(text.contains("account 401100  ; type:L\n"), text)
        XCTAssertTrue(text.contains("account 441100  ; type:A\n"), text)
        XCTAssertTrue(text.contains("2026-02-09 * (IND/2026/1) RCP février — ACT-2026-0001  ; journal:IND, piece:ACT-2026-0001, validation:2026-02-10\n"), text)
        XCTAssertTrue(text.contains("    401100:10003456789              -200.00 EUR\n"), text)
        XCTAssertTrue(text.contains("    622600                          200.00 EUR  ; analytique:T044-001/2026\n"), text)

        var odd = ""
        let entry = ExportSample.posted(1, 1, valid: "2026-01-02", draft(.od, "2026-01-02", "P;1,2", "Libellé ; avec\nretour",
                                                                            [.debit("512000", Cents(1)), .credit("741000", Cents(1))]))
        try HledgerWriter.write([entry], chart: try exportChart(), title: "Essai") { odd += $0 }
        XCTAssertTrue(odd.contains("(OD/2026/1) Libellé , avec retour — P,1,2  ; journal:OD, piece:P 1 2, validation:"), odd)
    }

    func testAnUnknownAccountOrAnUnbalancedEntryIsRefused() throws {
        let unknown = ExportSample.posted(1, 1, valid: "2026-01-02",
                                          draft(.od, "2026-01-02", "P", "L", [.debit("512000", Cents(1)), .credit("999000", Cents(1))]))
        XCTAssertThrowsError(try HledgerWriter.write([unknown], chart: try exportChart(), title: "") { _ in }) {
            XCTAssertEqual($0 as? LedgerFormatError, .unknownAccount(unknown.ref, account: "999000"))
        }
        let unbalanced = ExportSample.posted(1, 1, valid: "2026-01-02",
                                             draft(.od, "2026-01-02", "P", "L", [.debit("512000", Cents(2)), .credit("741000", Cents(1))]))
        XCTAssertThrowsError(try HledgerWriter.write([unbalanced], chart: try exportChart(), title: "") { _ in }) {
            XCTAssertEqual($0 as? LedgerFormatError, .unbalanced(unbalanced.ref, debit: Cents(2), credit: Cents(1)))
        }
    }

    // MARK: - Helpers

    private func write(_ ledger: ExportLedger) throws -> URL {
        var text = ""
        try HledgerWriter.write(try ledger.wholeHistory(), chart: ledger.chart, title: "Association test") { text += $0 }
        let file = ledger.folder.appendingPathComponent("clap.journal")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    private func nonZero(_ balances: [String: Cents]) -> [String: Cents] { balances.filter { $0.value != .zero } }
}

/// Runs `hledger balance` in a child process and reads its CSV.
enum HledgerTool {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// `hledger -f FILE balance --flat --no-total -E -O csv [arguments]` as account → balance (debit positive).
    static func balances(_ file: URL, _ arguments: [String]) throws -> [String: Cents] {
        let found = try run(["sh", "-c", "command -v hledger"])
        guard found.status == 0 else {
            throw Failure(description: "hledger not found: install it (apt-get install -y hledger), as .ci/run does")
        }
        let result = try run(["hledger", "-f", file.path, "balance", "--flat", "--no-total", "-E", "-O", "csv"] + arguments)
        guard result.status == 0 else { throw Failure(description: "hledger refused the journal:\n" + result.output) }
        var balances: [String: Cents] = [:]
        for line in result.output.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            guard fields.count == 2 else { throw Failure(description: "unexpected hledger CSV line: \(line)") }
            let amount = fields[1].hasSuffix(" EUR") ? String(fields[1].dropLast(4)) : fields[1]
            guard case .success(let cents) = Cents.parse(amount) else {
                throw Failure(description: "unexpected hledger amount: \(fields[1])")
            }
            balances[fields[0], default: .zero] += cents
        }
        return balances
    }

    static func run(_ arguments: [String]) throws -> ExternalTool.Outcome { try ExternalTool.run(arguments) }
}

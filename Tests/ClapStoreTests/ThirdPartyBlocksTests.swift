@testable import ClapStore
import GRDB
import LedgerCore
import XCTest

/// A third party's lines are found block by block through `posting_by_account` (Schema/0013).
final class ThirdPartyBlocksTests: XCTestCase {
    func testTheConditionNamesEveryBlockFromTheFirstLineToTheLast() {
        XCTAssertEqual(ThirdPartyBlocks.condition(alias: "p", sequences: 1, 16_383), "(p.entry_seq >> 14) IN (0)")
        XCTAssertEqual(ThirdPartyBlocks.condition(alias: "p", sequences: 1, 16_384), "(p.entry_seq >> 14) IN (0, 1)")
        XCTAssertEqual(ThirdPartyBlocks.condition(alias: "x", sequences: 1, 40_000), "(x.entry_seq >> 14) IN (0, 1, 2)")
        XCTAssertEqual(ThirdPartyBlocks.condition(alias: "p", sequences: 0, 0), "(p.entry_seq >> 14) IN (0)", "an empty ledger")
    }

    /// Lines of one professional in three blocks (entries 5, 20,000 and 40,000 of the chain): the balance, the
    /// grand livre and the statement's query find all three, by seeking the index in each block.
    func testAThirdPartysLinesInEveryBlockAreFoundThroughTheIndex() throws {
        let ledger = try TestLedger()
        let rpps = "10000000001"
        var sql = ""
        for (number, seq) in [5, 20_000, 40_000].enumerated() {
            let hash = String(repeating: "0", count: 64)
            sql += """
                INSERT INTO entry (seq, journal, fiscal_year, number, entry_date, piece_date, valid_date, piece_ref, label,
                                   request_digest, prev_hash, hash)
                VALUES (\(seq), 'IND', 2025, \(number + 1), '2025-0\(number + 1)-10', '2025-0\(number + 1)-10', '2025-0\(number + 1)-10',
                        'T/\(seq)', 'RCP', 'x', '\(hash)', '\(hash)');
                INSERT INTO posting (entry_seq, line_no, account, auxiliary, analytic, debit_cents, credit_cents)
                VALUES (\(seq), 1, '622600', NULL, 'T/2025', \(100 * (number + 1)), 0),
                       (\(seq), 2, '401100', '\(rpps)', NULL, 0, \(100 * (number + 1)));

                """
        }
        try ledger.tamper(sql)

        try ledger.database.read { db in
            XCTAssertEqual(try Balances.balance(account: "401100", auxiliary: rpps, in: db), Cents(-600))
            XCTAssertEqual(try Balances.balance(account: "401100", auxiliary: rpps, through: day("2025-02-28"), in: db), Cents(-300))
            var credits: [Cents] = []
            _ = try AccountLedger.read(AccountLedgerRequest(account: "401100", auxiliary: rpps, from: nil, to: nil), in: db) {
                credits.append($0.credit)
            }
            XCTAssertEqual(credits, [Cents(100), Cents(200), Cents(300)])

            let condition = try ThirdPartyBlocks.condition(alias: "p", in: db)
            XCTAssertEqual(condition, "(p.entry_seq >> 14) IN (0, 1, 2)")
            let plan = try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT p.credit_cents FROM posting p JOIN entry e ON e.seq = p.entry_seq
                WHERE p.account = ? AND \(condition) AND p.auxiliary = ? AND e.journal <> 'AN'
                """, arguments: ["401100", rpps]).map { $0["detail"] as String }
            XCTAssertTrue(plan.contains { $0.contains("posting_by_account (account=? AND <expr>=? AND auxiliary=?)") }, "\(plan)")
        }
    }
}

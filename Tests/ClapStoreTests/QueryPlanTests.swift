@testable import ClapStore
import GRDB
import XCTest

/// The per-team and per-professional queries that run once per team or declaration must seek an index: since
/// Schema/0012–0014 the only indexes by team on actions are partial, and SQLite uses a partial index only when the
/// query's conditions say so in its own terms. A full scan here costs minutes at ten years.
final class QueryPlanTests: XCTestCase {
    private func plan(_ sql: String, _ arguments: StatementArguments, in db: Database) throws -> String {
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }.joined(separator: " | ")
    }

    /// The ARS report reads the year's actions once, through their date: no index reads a team's actions since
    /// Schema/0017, and a scan of every action per team cost 44 s at ten years.
    func testTheARSReportReadsTheYearsActionsThroughTheirDate() throws {
        let ledger = try TestLedger()
        try ledger.database.read { db in
            for sql in [ArsReportQueries.actionCountsSQL, ArsReportQueries.participantsSQL] {
                let detail = try plan(sql, ["2025-01-01", "2025-12-31"], in: db)
                XCTAssertTrue(detail.contains("USING INDEX action_by_date (action_date>? AND action_date<?)"), detail)
                XCTAssertFalse(detail.contains("SCAN a") || detail.contains("SCAN action"), detail)
            }
        }
    }

    /// Each declaration of an import is checked by one statement for its reference (a seek for the paid action, one for
    /// a rejected one with the same content) and one seek for its case, on indexes keyed by reference then team
    /// (Schema/0017): a month's new rows fall together instead of once in every team's run.
    func testADeclarationsReferenceAndCaseAreSoughtByReferenceThenTeam() throws {
        let ledger = try TestLedger()
        try ledger.database.read { db in
            let reference = try plan(ActionStore.referenceSQL, ["T044-001", "RCP-2025-001", "digest"], in: db)
            XCTAssertTrue(reference.contains("SEARCH action USING INDEX action_paid_reference (reference=? AND team_id=?)"), reference)
            XCTAssertTrue(reference.contains("INDEX action_rejected_by_ref (reference=? AND team_id=? AND declaration_digest=?)"),
                          reference)
            XCTAssertFalse(reference.contains("SCAN"), reference)
            let detail = try plan(EligibilityBatch.caseThisYearSQL, ["T044-001", "CAS-1", "PPS", "2025-01-01", "2025-12-31"], in: db)
            XCTAssertEqual(detail, "SEARCH action USING INDEX action_by_case (case_ref=? AND team_id=?)")
        }
    }

    /// `statement --all` reads the period's 401100 lines once: from the period's entries, each entry's lines by
    /// primary key, never by scanning the account's whole history.
    func testStatementsForEveryoneReadThePeriodsLinesThroughItsEntries() throws {
        let ledger = try TestLedger()
        try ledger.database.read { db in
            let detail = try plan(StatementQueries.periodLinesSQL, ["2025-06-01", "2025-06-30", "401100"], in: db)
            XCTAssertTrue(detail.contains("SEARCH e USING INDEX entry_by_date (entry_date>? AND entry_date<?)"), detail)
            XCTAssertTrue(detail.contains("SEARCH p USING PRIMARY KEY (entry_seq=?)"), detail)
            XCTAssertFalse(detail.contains("posting_by_account"), detail)
        }
    }

    /// Each line of a statement is explained by the row behind its entry, found by one seek: before Schema/0015
    /// the action behind an entry was found by scanning every action (0.9 s for one professional's year at ten years).
    func testEachStatementLineFindsTheRowBehindItsEntryThroughAnIndex() throws {
        let ledger = try TestLedger()
        try ledger.database.read { db in
            let lookups: [(String, StatementArguments, String)] = [
                (StatementQueries.Collector.valuedActionSQL, ["10000000001", 1], "SEARCH a USING INDEX action_by_entry (entry_seq=?)"),
                (StatementQueries.Collector.cancellationSQL, [1], "SEARCH a USING INDEX action_by_cancel_entry (cancel_entry_seq=?)"),
                (StatementQueries.Collector.paymentSQL, ["10000000001", 1], "(entry_seq=?)"),
                (StatementQueries.Collector.rejectionSQL, [1], "(reject_entry_seq=?)"),
            ]
            for (sql, arguments, seek) in lookups {
                let detail = try plan(sql, arguments, in: db)
                XCTAssertTrue(detail.contains(seek), detail)
                XCTAssertFalse(detail.contains("SCAN"), detail)
            }
        }
    }

    /// The import reads each team's envelope once: two or three rows of its totals, never its lines (Schema/0016).
    func testAnEnvelopeIsReadFromItsTotalsByPrimaryKey() throws {
        let ledger = try TestLedger()
        try ledger.database.read { db in
            let detail = try plan(EnvelopeStore.statusSQL, ["741000", "789400", "689400", "T044-001/2025"], in: db)
            XCTAssertEqual(detail, "SEARCH analytic_total USING PRIMARY KEY (analytic=?)")
        }
    }
}

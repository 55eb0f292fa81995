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

    func testTheARSReportReadsEachTeamsActionsThroughAnIndex() throws {
        let ledger = try TestLedger()
        try ledger.database.read { db in
            let arguments: StatementArguments = ["T044-001", "2025-01-01", "2025-12-31"]
            for sql in [ArsReportQueries.actionCountsSQL, ArsReportQueries.participantsSQL] {
                let detail = try plan(sql, arguments, in: db)
                XCTAssertTrue(detail.contains("SEARCH a USING INDEX action_paid_reference (team_id=?)")
                              || detail.contains("SEARCH action USING INDEX action_paid_reference (team_id=?)"), detail)
            }
        }
    }
}

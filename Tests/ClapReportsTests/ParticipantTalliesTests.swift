import ClapAssets
@testable import ClapStore
import Foundation
import GRDB
import XCTest

/// Schema/0018 fills participant_year_tally from the actions already recorded, and its triggers keep it as actions
/// are paid and cancelled. On the demo year (paid, rejected and cancelled actions), the table holds the sums this
/// test makes itself from the actions, and the migration's filling statement, run again on the emptied table, gives
/// the same rows.
final class ParticipantTalliesTests: XCTestCase {
    func testTheTriggersKeepTheSumsTheMigrationFills() throws {
        let demo = try ReportDemo()
        let kept = try Self.table(demo.database)
        XCTAssertGreaterThan(kept.count, 20)

        // The sums, made here from every paid action's participant lines.
        var expected: [String: (actions: Int, cents: Int64)] = [:]
        try demo.database.read { db in
            let lines = try Row.fetchAll(db, sql: """
                SELECT a.action_date, a.type, a.status, p.rpps, p.amount_cents
                FROM action a JOIN action_participant p ON p.action_id = a.id
                """)
            XCTAssertTrue(lines.contains { $0["status"] as String == "annulee" }, "the demo cancels an action")
            XCTAssertTrue(lines.contains { $0["status"] as String == "rejetee" }, "the demo rejects actions")
            for line in lines where line["status"] as String == "validee" {
                let key = "\((line["action_date"] as String).prefix(4))|\(line["rpps"] as String)|\(line["type"] as String)"
                expected[key, default: (0, 0)].actions += 1
                expected[key, default: (0, 0)].cents += (line["amount_cents"] as Int64?) ?? 0
            }
        }
        XCTAssertEqual(kept, expected.map { "\($0.key)|\($0.value.actions)|\($0.value.cents)" }.sorted())

        let migration = try String(contentsOf: ClapAssets.schemaDirectory.appendingPathComponent("0018_participant_tallies.sql"),
                                   encoding: .utf8)
        let start = try XCTUnwrap(migration.range(of: "INSERT INTO participant_year_tally (year, rpps, type, actions, amount_cents)\n    SELECT"))
        let end = try XCTUnwrap(migration.range(of: ";\n", range: start.upperBound..<migration.endIndex))
        let fill = String(migration[start.lowerBound..<end.upperBound])
        let queue = try DatabaseQueue(path: demo.path)
        try queue.write { db in
            try db.execute(sql: "DELETE FROM participant_year_tally")
            try db.execute(sql: fill)
        }
        try queue.close()
        XCTAssertEqual(try Self.table(demo.database), kept)
        XCTAssertTrue(try demo.database.read { try ParticipantTallies.check(in: $0) }.isEmpty)
    }

    /// The table's rows, `year|rpps|type|actions|amount_cents`, in that order.
    static func table(_ database: ClapDatabase) throws -> [String] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT year, rpps, type, actions, amount_cents FROM participant_year_tally").map {
                "\($0[0] as Int)|\($0[1] as String)|\($0[2] as String)|\($0[3] as Int)|\($0[4] as Int64)"
            }.sorted()
        }
    }
}

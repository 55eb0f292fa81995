@testable import ClapStore
import Foundation
import GRDB
import XCTest

/// `RowInserter` writes the rows it is given a hundred to a statement, and the last ones when its body ends: every
/// row, once, in order, whatever their number; an `ON CONFLICT` clause applies to each row as it would alone.
final class RowInserterTests: XCTestCase {
    func testEveryRowIsWrittenOnceInOrderWhateverTheirNumber() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE row_test (batch INTEGER NOT NULL, n INTEGER NOT NULL, label TEXT, PRIMARY KEY (batch, n))")
            for count in [0, 1, 99, 100, 101, 250] {
                try RowInserter.insert(into: "row_test (batch, n, label)", columns: 3, in: db) { rows in
                    for n in 0..<count { try rows.add(count, n, n % 3 == 0 ? nil : "ligne \(n)", in: db) }
                }
                let written = try Row.fetchAll(db, sql: "SELECT n, label FROM row_test WHERE batch = ? ORDER BY rowid", arguments: [count])
                XCTAssertEqual(written.map { $0["n"] as Int }, Array(0..<count), "\(count) rows")
                XCTAssertEqual(written.map { $0["label"] as String? }, (0..<count).map { $0 % 3 == 0 ? nil : "ligne \($0)" })
            }
        }
    }

    /// The values are bound straight to SQLite: each reads back as GRDB binds it (text, integers at their limits,
    /// NULL, the empty string, a real, bytes).
    func testValuesReadBackAsGRDBWouldBindThem() throws {
        let queue = try DatabaseQueue()
        let values: [(any DatabaseValueConvertible)?] = [
            "Hélène L'HÔPITAL-ŒUVRE « 1 € »", "", nil, Int64.max, Int64.min, 0, -42, 3.5, Data([0, 1, 255]), "T044-001", 7, "a\u{0}b",
        ]
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE value_test (n INTEGER PRIMARY KEY, v)")
            try RowInserter.insert(into: "value_test (n, v)", columns: 2, in: db) { rows in
                for (n, value) in values.enumerated() { try rows.add(row: [n, value][...], in: db) }
            }
            let stored = try DatabaseValue.fetchAll(db, sql: "SELECT v FROM value_test ORDER BY n")
            // Text ends at a NUL byte, as GRDB's C string does.
            XCTAssertEqual(stored, values.map { $0?.databaseValue ?? .null }.dropLast() + ["a".databaseValue])
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT typeof(v) FROM value_test ORDER BY n"),
                           ["text", "text", "null", "integer", "integer", "integer", "integer", "real", "blob", "text", "integer", "text"])
            try db.execute(sql: "CREATE TABLE grdb_test (v)")
            try db.execute(sql: "INSERT INTO grdb_test (v) VALUES (?)", arguments: ["a\u{0}b"])
            XCTAssertEqual(try DatabaseValue.fetchOne(db, sql: "SELECT v FROM grdb_test"), stored.last, "as GRDB binds it")
            // The same values, each of its own type, in one row.
            try db.execute(sql: "CREATE TABLE typed_test (a, b, c, d, e, f, g, h, i, j, k, l)")
            try RowInserter.insert(into: "typed_test (a, b, c, d, e, f, g, h, i, j, k, l)", columns: 12, in: db) { rows in
                try rows.add("Hélène L'HÔPITAL-ŒUVRE « 1 € »", "", String?.none, Int64.max, Int64.min, 0, -42, 3.5, Data([0, 1, 255]),
                             Optional("T044-001"), Int?.some(7), "a\u{0}b", in: db)
            }
            XCTAssertEqual(try Row.fetchOne(db, sql: "SELECT * FROM typed_test").map { Array($0.databaseValues) }, stored)
        }
    }

    func testAConflictClauseAddsEachRowToTheTotalsAsAloneItWould() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE total_test (account TEXT PRIMARY KEY, cents INTEGER NOT NULL)")
            try db.execute(sql: "INSERT INTO total_test VALUES ('401100', 5)")
            try LedgerWriter.insertRows(into: "total_test (account, cents)", columns: 2,
                                        values: (0..<230).flatMap { n -> [(any DatabaseValueConvertible)?] in [n % 2 == 0 ? "401100" : "622600", n] },
                                        conflict: "ON CONFLICT (account) DO UPDATE SET cents = cents + excluded.cents", in: db)
            let totals = try Row.fetchAll(db, sql: "SELECT account, cents FROM total_test ORDER BY account").map { "\($0["account"] as String) \($0["cents"] as Int)" }
            let even = stride(from: 0, to: 230, by: 2).reduce(5, +), odd = stride(from: 1, to: 230, by: 2).reduce(0, +)
            XCTAssertEqual(totals, ["401100 \(even)", "622600 \(odd)"])
        }
    }
}

@testable import ClapStore
import GRDB
import XCTest

/// `BinaryCollation` orders text as SQLite's `ORDER BY` does by default: SQLite itself is the oracle.
final class BinaryCollationTests: XCTestCase {
    func testOrdersTextAsSQLiteDoes() throws {
        var texts = ["", "a", "A", "ab", "abc", "b", "401100", "4011", "40110", "622600", "2035-01", "2035-01-31", "2034-12",
                     "é", "e", "f", "Hélène", "Helene", "HÉLÈNE", "Œuvre", "z", "€", "T044-001", "T044-0010", "T049-001"]
        // Every text of up to three characters over an alphabet of ASCII, accented and multi-byte characters.
        let alphabet = ["0", "9", "a", "Z", "é", "€", "-", " "]
        var shorter = [""]
        for _ in 1...3 {
            shorter = shorter.flatMap { prefix in alphabet.map { prefix + $0 } }
            texts += shorter
        }
        let queue = try DatabaseQueue()
        let sqlite = try queue.write { db -> [String] in
            try db.execute(sql: "CREATE TABLE t (v TEXT NOT NULL)")
            for text in texts { try db.execute(sql: "INSERT INTO t (v) VALUES (?)", arguments: [text]) }
            return try String.fetchAll(db, sql: "SELECT v FROM t ORDER BY v")
        }
        XCTAssertEqual(texts.sorted { BinaryCollation.precedes($0, $1) }, sqlite)
        for (left, right) in zip(texts, texts.reversed()) {
            let order = BinaryCollation.compare(left, right)
            XCTAssertEqual(order == 0, left == right, "\(left) \(right)")
            XCTAssertEqual(order < 0, BinaryCollation.precedes(left, right))
            XCTAssertEqual(order.signum(), -BinaryCollation.compare(right, left).signum(), "\(left) \(right)")
        }
    }

    func testTheNextColumnDecidesATie() {
        XCTAssertTrue(BinaryCollation.precedes("2035-01", "2035-01", then: BinaryCollation.precedes("401100", "622600")))
        XCTAssertFalse(BinaryCollation.precedes("2035-01", "2035-01", then: BinaryCollation.precedes("622600", "401100")))
        XCTAssertFalse(BinaryCollation.precedes("2035-02", "2035-01", then: true), "the first column decides when it differs")
    }
}

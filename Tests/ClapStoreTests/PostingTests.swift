import ClapStore
import Foundation
import GRDB
import LedgerCore
import XCTest

final class PostingTests: XCTestCase {
    func testTheDatabaseFileIsTheOwnersOnlyAndIsNeverOverwritten() throws {
        let ledger = try TestLedger()
        let attributes = try FileManager.default.attributesOfItem(atPath: ledger.path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertThrowsError(try ClapDatabase.create(at: ledger.path)) {
            XCTAssertEqual(($0 as? StoreError)?.code, "db.exists")
        }
    }

    func testNumbersAreGaplessPerJournalAndFiscalYearAndTheChainLinks() throws {
        let ledger = try TestLedger()
        let a = try ledger.post(grant("T044-001")).entry
        let b = try ledger.post(grant("T049-001")).entry
        let nextYear = try ledger.post(grant("T049-001", on: "2026-01-02")).entry
        var receipt = grant("T044-001")
        receipt.journal = .bq
        let c = try ledger.post(receipt).entry
        XCTAssertEqual([a.ref.number, b.ref.number, nextYear.ref.number, c.ref.number], [1, 2, 1, 1])
        XCTAssertEqual(nextYear.ref.fiscalYear, 2026)
        XCTAssertEqual(a.previousHash, CanonicalHash.genesis)
        XCTAssertEqual(b.previousHash, a.hash)
        XCTAssertEqual(c.previousHash, nextYear.hash)
        let report = try ledger.verify()
        XCTAssertTrue(report.isClean, "\(report.violations)")
        XCTAssertEqual(report.entryCount, 4)
        XCTAssertEqual(report.lineCount, 8)
        XCTAssertEqual(report.headHash, c.hash)
    }

    func testTheSameKeyAndContentPostsOnceAndReturnsTheOriginal() throws {
        let ledger = try TestLedger()
        let first = try ledger.post(grant("T044-001", key: "grant/T044-001/2025"))
        let second = try ledger.post(grant("T044-001", key: "grant/T044-001/2025"))
        XCTAssertTrue(first.isNew)
        XCTAssertFalse(second.isNew)
        XCTAssertEqual(second.entry, first.entry)
        XCTAssertEqual(try ledger.database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM entry") }, 1)
    }

    func testTheSameKeyWithOtherContentIsRefusedAndWritesNothing() throws {
        let ledger = try TestLedger()
        try ledger.post(grant("T044-001", key: "k1"))
        XCTAssertThrowsError(try ledger.post(grant("T044-001", cents: 5, key: "k1"))) {
            XCTAssertEqual(($0 as? StoreError)?.code, "idempotency.conflict")
        }
        XCTAssertEqual(try ledger.database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM entry") }, 1)
        XCTAssertEqual(try ledger.database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM audit_log") }, 2)
    }

    func testAnUnbalancedDraftOrUnknownAccountIsRefused() throws {
        let ledger = try TestLedger()
        var draft = grant("T044-001")
        draft.lines[1].amount = Cents(1)
        XCTAssertThrowsError(try ledger.post(draft)) { XCTAssertEqual(($0 as? StoreError)?.code, "entry.unbalanced") }
        draft = grant("T044-001")
        draft.lines[1].account = "999999"
        XCTAssertThrowsError(try ledger.post(draft)) { XCTAssertEqual(($0 as? StoreError)?.code, "account.unknown") }
    }

    func testEntriesDatedInAClosedPeriodAreRefusedWithTheFirstOpenDay() throws {
        let ledger = try TestLedger()
        try ledger.database.write(ledger.context) { db in
            try LedgerWriter.lock(through: day("2025-03-31"), kind: "month", context: ledger.context, in: db)
            return ((), "lock")
        }
        XCTAssertThrowsError(try ledger.post(grant("T044-001", on: "2025-03-31"))) {
            XCTAssertEqual($0 as? StoreError, .posting(.periodClosed(entryDate: day("2025-03-31"), firstOpenDay: day("2025-04-01"))))
        }
        XCTAssertNoThrow(try ledger.post(grant("T044-001", on: "2025-04-01")))
        XCTAssertEqual(try ledger.database.read { try LedgerReader.firstOpenDay(onOrAfter: day("2025-02-10"), in: $0) }, day("2025-04-01"))
    }

    func testPostedRowsCannotBeUpdatedOrDeletedThroughSQL() throws {
        let ledger = try TestLedger()
        try ledger.post(grant("T044-001"))
        XCTAssertThrowsError(try ledger.database.write(ledger.context) { db in
            try db.execute(sql: "UPDATE posting SET debit_cents = 1 WHERE entry_seq = 1 AND line_no = 1")
            return ((), "x")
        })
        XCTAssertThrowsError(try ledger.database.write(ledger.context) { db in
            try db.execute(sql: "DELETE FROM entry WHERE seq = 1")
            return ((), "x")
        })
        XCTAssertTrue(try ledger.verify().isClean)
    }

    func testAFailedCommandLeavesNothingBehind() throws {
        let ledger = try TestLedger()
        struct Boom: Error {}
        XCTAssertThrowsError(try ledger.database.write(ledger.context) { db -> ((), String) in
            _ = try LedgerWriter.post(grant("T044-001"), validDate: ledger.context.today, in: db)
            throw Boom()
        })
        XCTAssertEqual(try ledger.database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM entry") }, 0)
        XCTAssertEqual(try ledger.database.read { try LedgerReader.head(in: $0).lastSeq }, 0)
    }

    func testASecondWriterWaitsForTheFirstInsteadOfFailing() throws {
        let ledger = try TestLedger()
        let second = try ClapDatabase.open(at: ledger.path)
        let holding = expectation(description: "first writer holds the lock")
        let done = expectation(description: "first writer done")
        let context = ledger.context
        DispatchQueue.global().async {
            do {
                try ledger.database.write(context) { db in
                    _ = try LedgerWriter.post(grant("T044-001"), validDate: context.today, in: db)
                    holding.fulfill()
                    Thread.sleep(forTimeInterval: 0.5)
                    return ((), "slow")
                }
            } catch { XCTFail("first writer: \(error)") }
            done.fulfill()
        }
        wait(for: [holding], timeout: 10)
        // This write starts while the first transaction is open: it must wait, then succeed.
        let entry = try second.write(context) { db in
            (try LedgerWriter.post(grant("T049-001"), validDate: context.today, in: db).entry, "fast")
        }
        wait(for: [done], timeout: 10)
        XCTAssertEqual(entry.ref.number, 2)
        XCTAssertTrue(try ledger.verify().isClean)
    }
}

@testable import ClapStore
import Foundation
import GRDB
import LedgerCore
import XCTest

/// `SnapshotPipeline`: work decided on a reader connection, on the snapshot the write transaction began from, and
/// written chunk by chunk by the writer connection. The chunks here are audit-log rows, which any connection can count.
final class SnapshotPipelineTests: XCTestCase {
    private static let countSQL = "SELECT COUNT(*) FROM audit_log WHERE command = 'chunk'"

    private static func writeChunk(_ number: inout Int, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO audit_log (at, operator, command, summary) VALUES ('2025-12-31T12:00:00', 'test', 'chunk', ?)",
                       arguments: ["\(number)"])
    }

    private func chunksWritten(_ ledger: TestLedger) throws -> [String] {
        try ledger.database.read { try String.fetchAll($0, sql: "SELECT summary FROM audit_log WHERE command = 'chunk' ORDER BY id") }
    }

    /// The decider counts the chunk rows before each hand-off: on the snapshot it sees none of them, though the
    /// writer has written them (it writes each while the next is decided), and every chunk is written, in order.
    func testTheDeciderReadsTheFileAsTheTransactionBeganWhileTheWriterWritesEveryChunkInOrder() throws {
        let ledger = try TestLedger()
        let (seen, writtenInTransaction) = try ledger.database.writeWithSnapshot(ledger.context) { db, snapshot in
            let seen = try SnapshotPipeline.run(snapshot, writer: db, decide: { reader, handOff in
                var seen: [Int] = []
                for number in 0..<40 {
                    seen.append(try Int.fetchOne(reader, sql: Self.countSQL) ?? -1)
                    try handOff(number)
                }
                return seen
            }, write: Self.writeChunk)
            return ((seen, try Int.fetchOne(db, sql: Self.countSQL) ?? -1), "pipeline")
        }
        XCTAssertEqual(seen, Array(repeating: 0, count: 40))
        XCTAssertEqual(writtenInTransaction, 40)
        XCTAssertEqual(try chunksWritten(ledger), (0..<40).map(String.init))
    }

    /// Without a snapshot, or once the writer has written in its transaction (a snapshot would not show that row),
    /// everything runs on the writer connection: each chunk is written as it is handed off, and read back at once.
    func testWithoutASnapshotOrAfterTheWriterWroteEverythingRunsOnTheWriter() throws {
        for writesFirst in [false, true] {
            for givesSnapshot in [false, true] where writesFirst || !givesSnapshot {
                let ledger = try TestLedger()
                let seen = try ledger.database.writeWithSnapshot(ledger.context) { db, snapshot in
                    var first = -1
                    if writesFirst { try Self.writeChunk(&first, db) }
                    let seen = try SnapshotPipeline.run(givesSnapshot ? snapshot : nil, writer: db, decide: { reader, handOff in
                        var seen: [Int] = []
                        for number in 0..<5 {
                            try handOff(number)
                            seen.append(try Int.fetchOne(reader, sql: Self.countSQL) ?? -1)
                        }
                        return seen
                    }, write: Self.writeChunk)
                    return (seen, "pipeline")
                }
                let already = writesFirst ? 1 : 0
                XCTAssertEqual(seen, (1...5).map { $0 + already }, "writes first: \(writesFirst), snapshot: \(givesSnapshot)")
            }
        }
    }

    private struct Refused: Error, Equatable {
        let chunk: Int
    }

    /// A chunk the writer cannot write stops the decider (its next hand-off throws) and fails the command with the
    /// writer's own error: nothing is committed.
    func testAChunkTheWriterCannotWriteStopsTheDeciderAndNothingIsCommitted() throws {
        let ledger = try TestLedger()
        let decided = Locked(0)
        XCTAssertThrowsError(try ledger.database.writeWithSnapshot(ledger.context) { db, snapshot in
            try SnapshotPipeline.run(snapshot, writer: db, decide: { _, handOff in
                for number in 0..<10_000 {
                    try handOff(number)
                    decided.set(number + 1)
                }
            }, write: { number, db in
                guard number < 3 else { throw Refused(chunk: number) }
                try Self.writeChunk(&number, db)
            })
            return ((), "pipeline")
        }) { error in
            XCTAssertEqual(error as? Refused, Refused(chunk: 3))
        }
        XCTAssertLessThan(decided.value, 10_000, "the decider stopped")
        XCTAssertEqual(try chunksWritten(ledger), [])
    }

    /// A decision that fails fails the command with its error, whatever chunks were written before: nothing is committed.
    func testADecisionThatFailsFailsTheCommandAndNothingIsCommitted() throws {
        let ledger = try TestLedger()
        XCTAssertThrowsError(try ledger.database.writeWithSnapshot(ledger.context) { db, snapshot in
            try SnapshotPipeline.run(snapshot, writer: db, decide: { _, handOff in
                for number in 0..<5 { try handOff(number) }
                throw Refused(chunk: 5)
            }, write: Self.writeChunk)
            return ((), "pipeline")
        }) { error in
            XCTAssertEqual(error as? Refused, Refused(chunk: 5))
        }
        XCTAssertEqual(try chunksWritten(ledger), [])
    }

    /// An entry handed off to the writer cannot be compared with a later request under the same idempotency key
    /// (the reader does not see it): the batch refuses that key rather than post it twice.
    func testAKeyHandedOffIsRefusedAgain() throws {
        let ledger = try TestLedger()
        let draft = grant("T044-001", on: "2025-03-01", key: "once")
        let refusal = try ledger.database.write(ledger.context) { db in
            var batch = try PostingBatch(in: db)
            XCTAssertTrue(try batch.post(draft, validDate: ledger.context.today, in: db).isNew)
            var held = batch.takeHeld()
            try held.write(in: db)
            do {
                _ = try batch.post(draft, validDate: ledger.context.today, in: db)
                return (nil as StoreError?, "batch")
            } catch let error as StoreError {
                return (error, "batch")
            }
        }
        guard case .posting(.idempotencyConflict(key: "once", _)) = refusal else {
            return XCTFail("the second post under the key was not refused: \(String(describing: refusal))")
        }
    }
}

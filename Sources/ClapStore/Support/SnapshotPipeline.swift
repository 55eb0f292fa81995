import Dispatch
import Foundation
import GRDB

/// A second connection's view of the file as a write transaction found it (`ClapDatabase.writeWithSnapshot`).
///
/// Why the two connections see the same thing: the writer began with `BEGIN IMMEDIATE`, so it holds the write lock
/// and no process can commit until it ends; a read transaction opened after that sees the last commit, which is what
/// the writer started from. That holds as long as the writer itself has written nothing: `SnapshotPipeline` checks
/// the writer's count of changed rows against `changesAtBegin` before it opens the reader.
public struct SnapshotReads: Sendable {
    let pool: DatabasePool
    /// The writer connection's count of rows changed since it opened (`sqlite3_total_changes`), when its
    /// transaction began.
    let changesAtBegin: Int
}

/// Work decided on one core and written on the other, inside the command's one write transaction.
///
/// `decide` runs on a reader connection holding the snapshot the transaction began from (`SnapshotReads`), and hands
/// its rows over a chunk at a time; the writer connection writes each chunk while the next one is decided. The reader
/// never sees the chunks: whatever `decide` needs to know of what it handed off, it keeps in memory (the import does
/// so already for the rows it holds: `ActionRows`, `EligibilityBatch`).
///
/// Without a snapshot, or when the writer has already written in its transaction (the snapshot would miss it),
/// everything runs on the writer connection and each chunk is written as it is handed off.
enum SnapshotPipeline {
    /// Chunks decided and not yet written, at most: the decider runs no further ahead, and holds no more memory.
    static let depth = 2

    static func run<Chunk: Sendable, Outcome: Sendable>(
        _ snapshot: SnapshotReads?, writer db: Database,
        decide: @escaping @Sendable (_ reader: Database, _ handOff: (Chunk) throws -> Void) throws -> Outcome,
        write: (inout Chunk, Database) throws -> Void) throws -> Outcome {
        guard let snapshot, db.isInsideTransaction, db.totalChangesCount == snapshot.changesAtBegin else {
            return try decide(db) { chunk in
                var chunk = chunk
                try write(&chunk, db)
            }
        }
        let queue = HandOffQueue<Chunk>(depth: depth)
        let outcome = Locked<Result<Outcome, any Error>?>(nil)
        let decided = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let result = Result { try snapshot.pool.read { reader in try decide(reader) { try queue.send($0) } } }
            outcome.set(result)
            if case .failure = result { queue.cancel() } else { queue.close() }
            decided.signal()
        }
        var writeFailure: (any Error)?
        while var chunk = queue.receive() {
            do {
                try write(&chunk, db)
            } catch {
                writeFailure = error
                queue.cancel()
                break
            }
        }
        decided.wait()
        if let writeFailure { throw writeFailure }
        guard let result = outcome.value else { preconditionFailure("the deciding thread sets its outcome before it signals") }
        return try result.get()
    }
}

/// Chunks going from one thread to another, in order: `send` waits while `depth` chunks wait, `receive` while none
/// does. `close` lets the receiver take what was sent and then ends; `cancel` drops it all and makes `send` throw.
final class HandOffQueue<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let depth: Int
    private var items: [Item] = []
    private var closed = false
    private var cancelled = false

    init(depth: Int) { self.depth = max(1, depth) }

    /// Thrown by `send` once the queue is cancelled: the receiver stopped, and nothing more will be written.
    struct Cancelled: Error {}

    func send(_ item: Item) throws {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= depth && !cancelled { condition.wait() }
        guard !cancelled else { throw Cancelled() }
        items.append(item)
        condition.broadcast()
    }

    /// The next chunk, or nil once the queue is closed and empty, or cancelled.
    func receive() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed && !cancelled { condition.wait() }
        guard !cancelled, !items.isEmpty else { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

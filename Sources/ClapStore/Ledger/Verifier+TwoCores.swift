import Dispatch
import Foundation
import GRDB

extension Verifier {
    /// `clap verify`: what `verify(in:extraChecks:)` finds, with its two fast passes run at once on two read
    /// connections, one a core. Both must read the same state of the file: the write lock is taken (`BEGIN IMMEDIATE`
    /// on the writer connection, so no process can commit) while each reader opens its snapshot, and released as soon
    /// as both are open; the checks then run without holding it. The references of the checks the passes do not
    /// prove clean run afterwards, shared between both connections (the same snapshot). When the lock cannot be
    /// taken (a read-only file), everything runs on one connection.
    public static func verify(_ database: ClapDatabase, extraChecks: [Check] = []) throws -> VerificationReport {
        let pool = database.pool
        let plan = plan(extraChecks)
        let kinds = Set(plan.map(\.check.kind))
        let ledgerOpened = DispatchSemaphore(value: 0), sideOpened = DispatchSemaphore(value: 0)
        let sideDone = DispatchSemaphore(value: 0), ledgerDone = DispatchSemaphore(value: 0)
        let sideFinished = DispatchSemaphore(value: 0)
        // Signalled once the second connection's share is set (or when the first stops short: it then has none).
        let sideAssigned = Once(DispatchSemaphore(value: 0))
        let side = Locked<SideOutcome?>(nil)
        // The references the second connection runs, and what they found.
        let sideShare = Locked<[Int]>([]), sideRuns = Locked<[Int: ReferenceRun]>([:])
        let report = Locked<VerificationReport?>(nil)
        var started = false
        do {
            try pool.writeWithoutTransaction { writer in
                try writer.execute(sql: "BEGIN IMMEDIATE")
                defer { try? writer.execute(sql: "ROLLBACK") }
                started = true
                DispatchQueue.global().async {
                    let opened = Once(sideOpened)
                    _ = try? pool.read { db in
                        try openSnapshot(db)
                        opened.signal()
                        var outcome = SideOutcome()
                        runSide(plan, kinds: kinds, in: db, into: &outcome)
                        side.set(outcome)
                        sideDone.signal()
                        // Then its share of the references the passes left, in the same snapshot.
                        sideAssigned.wait()
                        var runs: [Int: ReferenceRun] = [:]
                        for index in sideShare.value { runs[index] = runReference(at: index, plan, in: db) }
                        sideRuns.set(runs)
                    }
                    opened.signal()
                    sideDone.signal()
                    sideFinished.signal()
                }
                DispatchQueue.global().async {
                    let opened = Once(ledgerOpened)
                    _ = try? pool.read { db in
                        try openSnapshot(db)
                        opened.signal()
                        var ledger: LedgerScan.Outcome?
                        let ledgerTime = VerifyTiming(ledgerPass) { ledger = try? LedgerScan.run(in: db) }
                        sideDone.wait()
                        var runs: [Int: ReferenceRun] = [:]
                        let sideOutcome: SideOutcome
                        if let done = side.value {
                            sideOutcome = done
                            // The references left are shared: the heaviest first, each to the connection with less.
                            let left = pending(plan, clean: provenClean(ledger: ledger, side: done.scan), side: done)
                            var mine: [Int] = [], theirs: [Int] = [], load = (mine: 0, theirs: 0)
                            for index in left.sorted(by: { weight(plan[$0].check.kind) > weight(plan[$1].check.kind) }) {
                                if load.mine <= load.theirs {
                                    mine.append(index)
                                    load.mine += weight(plan[index].check.kind)
                                } else {
                                    theirs.append(index)
                                    load.theirs += weight(plan[index].check.kind)
                                }
                            }
                            sideShare.set(theirs)
                            sideAssigned.signal()
                            for index in mine { runs[index] = runReference(at: index, plan, in: db) }
                            sideFinished.wait()
                            runs.merge(sideRuns.value) { mine, _ in mine }
                            for index in theirs where runs[index] == nil {
                                // The second connection stopped short: its share runs here.
                                runs[index] = runReference(at: index, plan, in: db)
                            }
                        } else {
                            // The side pass failed to open its connection: everything else runs here, in this snapshot.
                            var outcome = SideOutcome()
                            runSide(plan, kinds: kinds, in: db, into: &outcome)
                            sideOutcome = outcome
                            let clean = provenClean(ledger: ledger, side: outcome.scan)
                            for index in pending(plan, clean: clean, side: outcome) { runs[index] = runReference(at: index, plan, in: db) }
                        }
                        report.set(assemble(plan, ledger: ledger, ledgerTime: ledgerTime, side: sideOutcome, runs: runs, in: db))
                    }
                    opened.signal()
                    sideAssigned.signal()
                    ledgerDone.signal()
                }
                ledgerOpened.wait()
                sideOpened.wait()
            }
        } catch {
            if started { throw error }
        }
        if started {
            ledgerDone.wait()
            if let report = report.value { return report }
        }
        return try pool.read { try verify(in: $0, extraChecks: extraChecks) }
    }

    /// Starts the read transaction's snapshot (the first read of the file does).
    private static func openSnapshot(_ db: Database) throws {
        _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master")
    }
}

/// A value handed from one thread to another.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    func set(_ value: Value) { lock.withLock { stored = value } }
}

/// A semaphore signalled at most once, whichever path gets there first.
private final class Once: @unchecked Sendable {
    private let semaphore: DispatchSemaphore
    private let lock = NSLock()
    private var done = false

    init(_ semaphore: DispatchSemaphore) { self.semaphore = semaphore }

    func wait() { semaphore.wait() }

    func signal() {
        let first = lock.withLock { () -> Bool in
            defer { done = true }
            return !done
        }
        if first { semaphore.signal() }
    }
}

import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A writing command to kill at many moments, and how to build the database it starts from.
struct KillScenario {
    let name: String
    /// `CLAP_TODAY` for every run.
    let today: String
    /// Builds the before-state in `cli.databasePath` (files the command reads go in `cli.folder`) and returns the
    /// command's arguments. `KillHarness.runFolder` in an argument is replaced by a folder of each run's own.
    let prepare: (CLI) throws -> [String]
    /// SQL whose output joins the compared state (for example the payout transfers), one query per line.
    var extraStateSQL: [String] = []
    /// Whether running the command again after it committed writes an audit line (an import or a payout run
    /// does; a year close that finds the year closed writes nothing at all).
    var rerunIsAudited = true
}

/// A database reduced to what must be exactly before or exactly after: the row count of every table, the trial
/// balance by account and third party (computed in SQL, so a kill point costs no extra run of clap), the chain head
/// and the registry seal heads, plus what the scenario adds.
struct DatabaseState: Equatable, CustomStringConvertible {
    let text: String
    var description: String { text }

    /// The line of the state that starts with `prefix` (for clearer failures).
    func lines(startingWith prefix: String) -> [Substring] {
        text.split(separator: "\n").filter { $0.hasPrefix(prefix) }
    }

    /// The tables of a database, to count their rows.
    static func tables(of path: String) throws -> [String] {
        try sqlite3(path, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .split(separator: "\n").map(String.init)
    }

    /// The state of a database: one sqlite3 run (after `clap verify` has opened a crashed file, so its WAL is recovered).
    static func read(_ path: String, tables: [String], extraSQL: [String] = []) throws -> DatabaseState {
        let counts = tables.map { "SELECT 'rows \($0) ' || COUNT(*) FROM \"\($0)\"" }.joined(separator: " UNION ALL ") + ";"
        let sql = [
            counts,
            "SELECT 'balance ' || account || ' ' || COALESCE(auxiliary, '-') || ' ' || SUM(debit_cents) || ' ' || SUM(credit_cents) FROM posting GROUP BY account, auxiliary ORDER BY account, auxiliary;",
            "SELECT 'head ' || last_seq || ' ' || hash FROM ledger_head;",
            "SELECT 'seal ' || kind || ' ' || COUNT(*) || ' ' || MAX(row_id) FROM registry_seal GROUP BY kind ORDER BY kind;",
        ] + extraSQL
        let result = try runTool("sqlite3", [path, sql.joined(separator: "\n")])
        guard result.status == 0 else { throw CocoaError(.fileReadCorruptFile, userInfo: ["sqlite3": result.stderr]) }
        return DatabaseState(text: result.stdout)
    }

    /// The state without the audit log's row count: running a command again records that second run, rightly.
    var withoutAuditLog: DatabaseState {
        DatabaseState(text: text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("rows audit_log ") }.joined(separator: "\n"))
    }
}

/// What one harness run saw, for the test to assert on and report.
struct KillReport {
    var duration: TimeInterval = 0
    var points = 0
    /// Kills that hit the process while it still ran (the others came after it had ended).
    var killedMidRun = 0
    var foundBefore = 0
    var foundAfter = 0
    var elapsed: TimeInterval = 0
    /// Time spent in `verify` and in running the command again, over all points.
    var verifying: TimeInterval = 0
    var rerunning: TimeInterval = 0
}

/// SplitMix64: a small seeded generator, so that a failing kill point can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A child started with posix_spawn and reaped only by us: its pid cannot be reused before we wait for it,
/// so a late SIGKILL can never reach another process.
final class ChildProcess {
    let pid: pid_t
    private var finished: Int32?

    private init(pid: pid_t) { self.pid = pid }

    static func spawn(_ executable: String, _ arguments: [String], environment: [String: String], folder: String) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, folder + "/stdout.txt", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, folder + "/stderr.txt", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let status = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL) }
        return ChildProcess(pid: pid)
    }

    /// Sends SIGKILL; true when the child was still running (it had not exited yet).
    func sigkill() -> Bool {
        guard finished == nil else { return false }
        var status: Int32 = 0
        // A child that has exited stays a zombie until it is waited for: WNOHANG tells, reaping only this pid.
        if waitpid(pid, &status, WNOHANG) == pid {
            finished = status
            return false
        }
        return kill(pid, SIGKILL) == 0
    }

    /// True while the child has not exited.
    func isRunning() -> Bool {
        guard finished == nil else { return false }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid {
            finished = status
            return false
        }
        return true
    }

    /// Waits for the child; its exit status, or nil when a signal ended it.
    func wait() -> Int32? {
        var status: Int32 = 0
        if let finished {
            status = finished
        } else {
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            finished = status
        }
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : nil
    }
}

/// Runs a writing command, kills it with SIGKILL at many moments spread over its run, and checks after each kill
/// that `clap verify` passes, the database is exactly before or exactly after, and running the command again
/// completes the work once (product.md §8: nothing is ever lost or half-done).
struct KillHarness {
    /// Placeholder in a scenario's arguments for a folder of the run's own (payout files, exports).
    static let runFolder = "{run}"

    let scenario: KillScenario
    /// At least 50 in CI; the soak script raises it with `CLAP_KILL_POINTS`.
    var killPoints = Int(ProcessInfo.processInfo.environment["CLAP_KILL_POINTS"] ?? "") ?? 50
    var seed = UInt64(ProcessInfo.processInfo.environment["CLAP_KILL_SEED"] ?? "") ?? 20_260_115

    func run(file: StaticString = #filePath, line: UInt = #line) throws -> KillReport {
        let started = Date()
        var report = KillReport()
        let prep = try CLI(today: scenario.today)
        let arguments = try scenario.prepare(prep)
        // One self-contained file (no -wal or -shm) to copy for every run.
        let before = prep.folder.appendingPathComponent("before.sqlite")
        try sqlite3(prep.databasePath, "VACUUM INTO '\(before.path)'")
        let tables = try DatabaseState.tables(of: before.path)

        let beforeState = try state(of: try copy(before, tag: "before").databasePath, tables: tables)
        // The after-state, and how long the command takes when left alone (the quicker of two runs: the first
        // one pays for cold caches).
        var afterState: DatabaseState?
        var reference: CLI?
        report.duration = .infinity
        for attempt in 0..<2 {
            let cli = try copy(before, tag: "after-\(attempt)")
            let clock = Date()
            let child = try ChildProcess.spawn(CLI.executable.path, resolved(arguments, in: cli), environment: cli.environment,
                                               folder: cli.folder.path)
            XCTAssertEqual(child.wait(), 0, "\(scenario.name) left alone must succeed: \(errors(of: cli))", file: file, line: line)
            report.duration = min(report.duration, Date().timeIntervalSince(clock))
            let state = try state(of: cli.databasePath, tables: tables)
            XCTAssertEqual(afterState ?? state, state, "\(scenario.name) must do the same each time", file: file, line: line)
            afterState = state
            reference = cli
        }
        guard let afterState, let reference else { return report }
        XCTAssertNotEqual(beforeState, afterState, "\(scenario.name) must change the database", file: file, line: line)
        XCTAssertEqual(try reference.runLong(["verify"]).status, 0, file: file, line: line)

        var generator = SeededGenerator(seed: seed)
        for point in 0..<killPoints {
            // Stratified, from just after spawn to past the end: nine points in ten fall in their slice of
            // [0, 1.1 × duration]; the last tenth in [1.1, 2.5] × duration, so that a slower run on a busy machine
            // is still killed after its commit too.
            let late = max(1, killPoints / 10), early = killPoints - late
            let jitter = Double(generator.next() % 1_000) / 1_000
            let delay = point < early
                ? report.duration * 1.1 * (Double(point) + jitter) / Double(early)
                : report.duration * (1.1 + 1.4 * (Double(point - early) + jitter) / Double(late))
            let run = try copy(before, tag: "kill-\(point)")
            let context = "\(scenario.name), kill point \(point) at \(Int(delay * 1_000)) ms (seed \(seed))"
            let child = try ChildProcess.spawn(CLI.executable.path, resolved(arguments, in: run), environment: run.environment,
                                               folder: run.folder.path)
            usleep(useconds_t(delay * 1_000_000))
            if child.sigkill() { report.killedMidRun += 1 }
            let exit = child.wait()
            XCTAssertTrue(exit == nil || exit == 0, "\(context): the command exited \(exit ?? -1): \(errors(of: run))", file: file, line: line)

            var clock = Date()
            let verify = try run.runLong(["verify"])
            report.verifying += Date().timeIntervalSince(clock)
            XCTAssertEqual(verify.status, 0, "\(context): verify after the kill: \(verify.stderr)", file: file, line: line)
            let killed = try state(of: run.databasePath, tables: tables)
            if killed == beforeState {
                report.foundBefore += 1
            } else if killed == afterState {
                report.foundAfter += 1
            } else {
                XCTFail("\(context): the database is neither before nor after:\n\(difference(killed, beforeState, afterState))", file: file, line: line)
            }
            clock = Date()
            let again = try runProgram(CLI.executable, resolved(arguments, in: run), environment: run.environment, folder: run.folder)
            report.rerunning += Date().timeIntervalSince(clock)
            XCTAssertEqual(again.status, 0, "\(context): running the command again: \(again.stderr)", file: file, line: line)
            let final = try state(of: run.databasePath, tables: tables)
            XCTAssertEqual(final.withoutAuditLog, afterState.withoutAuditLog,
                           "\(context): running again must give exactly the after-state (nothing done twice):\n"
                           + difference(final, afterState, afterState), file: file, line: line)
            XCTAssertEqual(final.lines(startingWith: "rows audit_log "), killed == afterState && scenario.rerunIsAudited
                           ? ["rows audit_log \(auditRows(afterState) + 1)"] : afterState.lines(startingWith: "rows audit_log "),
                           "\(context): the audit log holds each run that committed, once", file: file, line: line)
            try? FileManager.default.removeItem(at: run.folder)
        }
        report.points = killPoints
        report.elapsed = Date().timeIntervalSince(started)
        return report
    }

    func auditRows(_ state: DatabaseState) -> Int {
        Int(state.lines(startingWith: "rows audit_log ").first?.split(separator: " ").last ?? "") ?? -1
    }

    /// A folder of its own with a copy of the before database.
    func copy(_ before: URL, tag: String) throws -> CLI {
        let cli = try CLI(today: scenario.today)
        try FileManager.default.copyItem(at: before, to: URL(fileURLWithPath: cli.databasePath))
        return cli
    }

    func resolved(_ arguments: [String], in cli: CLI) -> [String] {
        arguments.map { $0.replacingOccurrences(of: Self.runFolder, with: cli.folder.appendingPathComponent("sorties").path) }
    }

    func errors(of cli: CLI) -> String {
        (try? String(contentsOf: cli.folder.appendingPathComponent("stderr.txt"), encoding: .utf8)) ?? ""
    }

    func state(of path: String, tables: [String]) throws -> DatabaseState {
        try DatabaseState.read(path, tables: tables, extraSQL: scenario.extraStateSQL)
    }

    func difference(_ found: DatabaseState, _ before: DatabaseState, _ after: DatabaseState) -> String {
        let lines = Set(found.text.split(separator: "\n"))
        let expected = Set(before.text.split(separator: "\n")).union(after.text.split(separator: "\n"))
        return "lines in neither: \(lines.subtracting(expected).sorted().prefix(10))\n"
            + "after lines missing: \(Set(after.text.split(separator: "\n")).subtracting(lines).sorted().prefix(10))"
    }
}

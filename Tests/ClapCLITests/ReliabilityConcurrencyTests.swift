import Foundation
import XCTest

/// Concurrency (product.md §8, accounting.md invariant 5): several `clap` processes writing the same database at
/// once. None fails with « database is locked » (a writer waits for the other: busy timeout, IMMEDIATE transactions),
/// no envelope is overspent, nothing is paid twice, and `verify` passes. (Four importers on one envelope:
/// ActionsCLITests.testConcurrentImportsForOneTeamNeverOverspendItsEnvelope.)
final class ReliabilityConcurrencyTests: XCTestCase {
    /// Starts `clap` once per argument list, all at once, each writing its output in a folder of its own.
    func together(_ cli: CLI, _ commands: [[String]], staggerMilliseconds: [Int] = []) throws -> [(status: Int32?, stderr: String)] {
        var children: [(ChildProcess, URL)] = []
        for (index, arguments) in commands.enumerated() {
            if index < staggerMilliseconds.count { usleep(useconds_t(staggerMilliseconds[index] * 1_000)) }
            let folder = cli.folder.appendingPathComponent("process-\(index)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            children.append((try ChildProcess.spawn(CLI.executable.path, arguments, environment: cli.environment, folder: folder.path), folder))
        }
        return children.map { child, folder in
            (child.wait(), (try? String(contentsOf: folder.appendingPathComponent("stderr.txt"), encoding: .utf8)) ?? "")
        }
    }

    func assertAllSucceeded(_ results: [(status: Int32?, stderr: String)], file: StaticString = #filePath, line: UInt = #line) {
        for (index, result) in results.enumerated() {
            XCTAssertEqual(result.status, 0, "process \(index): \(result.stderr)", file: file, line: line)
            XCTAssertFalse(result.stderr.lowercased().contains("locked"), result.stderr, file: file, line: line)
        }
    }

    /// Granted and consumed cents of every envelope of 2025.
    func envelopes(_ cli: CLI) throws -> [String: (granted: Int, consumed: Int)] {
        let json = try cli.ok(["envelope", "status", "--year", "2025", "--json"]).stdout
        let statuses = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        var result: [String: (granted: Int, consumed: Int)] = [:]
        for status in statuses {
            let granted = (status["granted"] as? [String: Any])?["value"] as? Int ?? -1
            let consumed = (status["consumed"] as? [String: Any])?["value"] as? Int ?? -1
            result[(status["team"] as? [String: Any])?["rawValue"] as? String ?? "?"] = (granted, consumed)
        }
        return result
    }

    func paidActions(_ cli: CLI) throws -> Int {
        Int(try sqlite3(cli.databasePath, "SELECT COUNT(*) FROM action WHERE status = 'validee'").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// The same file imported by two processes at once: its actions are paid once.
    func testTwoProcessesImportingTheSameFileAtOncePayEachActionOnce() throws {
        let cli = try CLI(today: "2025-11-03")
        try KillScenarios.registry(cli, teams: 2)
        let file = try KillScenarios.actionsFile(cli, teams: 2, perTeam: 12)
        assertAllSucceeded(try together(cli, [["actions", "import", file], ["actions", "import", file]]))
        XCTAssertEqual(try paidActions(cli), 24)
        XCTAssertEqual(try sqlite3(cli.databasePath, "SELECT COUNT(*) FROM action").trimmingCharacters(in: .whitespacesAndNewlines), "24",
                       "the second import found every declaration already known")
        for (team, envelope) in try envelopes(cli) {
            XCTAssertEqual(envelope.consumed, 12 * 40_500, team)
        }
        try cli.ok(["verify"])
    }

    /// Four processes, each with ten RCPs for each of two teams: 40 asked per team, 24 fit (the envelope and the
    /// yearly count cap both stop at 24 × 405 € = 9 720 €), whatever order the processes commit in.
    func testFourProcessesImportingForTheSameTeamsNeverOverspend() throws {
        let cli = try CLI(today: "2025-11-03")
        try KillScenarios.registry(cli, teams: 2)
        var commands: [[String]] = []
        for process in 0..<4 {
            var rows = ["equipe;action;type;date;duree_minutes;ref_cas;ref_protocole;rpps;role"]
            for t in 0..<2 {
                for k in 0..<10 {
                    for n in KillScenarios.members(t) {
                        rows.append("\(KillScenarios.team(t));P\(process)-\(k);RCP;\(String(format: "%02d", 1 + k))/0\(1 + process)/2025;30;;;\(TestIDs.rpps(n));participant")
                    }
                }
            }
            commands.append(["actions", "import", try KillScenarios.write(cli, "p\(process).csv", rows)])
        }
        assertAllSucceeded(try together(cli, commands))
        let statuses = try envelopes(cli)
        XCTAssertEqual(statuses.count, 2)
        for (team, envelope) in statuses {
            XCTAssertLessThanOrEqual(envelope.consumed, envelope.granted, "\(team) overspent")
            XCTAssertEqual(envelope.consumed, 24 * 40_500, team)
        }
        XCTAssertEqual(try paidActions(cli), 48)
        try cli.ok(["verify"])
    }

    /// A payout run started while a large import is writing: it waits, runs before or after the import's commit,
    /// and pays exactly what was owed at its moment; a verify reading meanwhile sees a consistent snapshot.
    func testAPayoutRunDuringAnImportWaitsAndPaysWhatWasOwed() throws {
        let cli = try CLI(today: "2025-11-03")
        try KillScenarios.registry(cli, teams: 3)
        // What is owed before the import: four RCPs per team, already imported.
        try cli.ok(["actions", "import", try KillScenarios.actionsFile(cli, teams: 3, perTeam: 4, prefix: "A")])
        let big = try KillScenarios.actionsFile(cli, teams: 3, perTeam: 20, prefix: "B")
        let out = cli.folder.appendingPathComponent("virements").path
        let results = try together(cli, [
            ["actions", "import", big],
            ["payout", "run", "--month", "2025-10", "--execution-date", "05/11/2025", "--out", out],
            ["verify"],
        ], staggerMilliseconds: [0, 150, 50])
        assertAllSucceeded(results)
        // Either order is right; in both, what was paid plus what is still owed is every indemnity, once.
        let totals = try sqlite3(cli.databasePath, """
            SELECT (SELECT COALESCE(SUM(amount_cents), 0) FROM payout_transfer) || ' ' ||
                   (SELECT SUM(credit_cents - debit_cents) FROM posting WHERE account = '401100') || ' ' ||
                   (SELECT SUM(credit_cents) FROM posting p JOIN entry e ON e.seq = p.entry_seq WHERE e.journal = 'IND' AND p.account = '401100')
            """).split(separator: " ").map { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1 }
        XCTAssertEqual(totals.count, 3)
        XCTAssertEqual(totals[0] + totals[1], totals[2], "paid + owed = indemnities: \(totals)")
        XCTAssertTrue([3 * 4 * 40_500, 3 * 24 * 40_500].contains(totals[0]), "the run paid the balances of one moment: \(totals)")
        XCTAssertEqual(try paidActions(cli), 72)
        try cli.ok(["verify"])
    }
}

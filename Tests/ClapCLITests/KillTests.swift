import Foundation
import XCTest

/// Crash safety (product.md §8): each writing command below is killed with SIGKILL at 50 moments spread over its run;
/// after each kill `verify` passes, the database is exactly before or after, and running the command again finishes
/// the work once. `scripts/soak-kill.sh` runs the same with more kill points.
final class KillTests: XCTestCase {
    func testAnActionsImportKilledAnywhereLeavesBeforeOrAfter() throws {
        let report = try KillHarness(scenario: KillScenarios.actionsImport).run()
        assertMeaningful(report)
    }

    func testAPayoutRunKilledAnywhereLeavesBeforeOrAfterAndNeverPaysTwice() throws {
        let report = try KillHarness(scenario: KillScenarios.payoutRun).run()
        assertMeaningful(report)
    }

    func testAYearCloseKilledAnywhereLeavesTheYearOpenOrClosedWithItsOpeningEntries() throws {
        let report = try KillHarness(scenario: KillScenarios.yearClose).run()
        assertMeaningful(report)
    }

    /// The kills must really have hit the command while it ran, and both outcomes must have been seen.
    func assertMeaningful(_ report: KillReport, file: StaticString = #filePath, line: UInt = #line) {
        print("kill harness: \(report.points) points over a run of \(Int(report.duration * 1_000)) ms; "
              + "\(report.killedMidRun) killed while running; \(report.foundBefore) before, \(report.foundAfter) after; "
              + "\(Int(report.elapsed)) s in all (verify \(Int(report.verifying)) s, runs again \(Int(report.rerunning)) s)")
        XCTAssertGreaterThanOrEqual(report.points, 50, file: file, line: line)
        XCTAssertGreaterThanOrEqual(report.killedMidRun, report.points / 3, "kills must land while the command runs", file: file, line: line)
        XCTAssertGreaterThan(report.foundBefore, 0, "some kills must land before the commit", file: file, line: line)
        XCTAssertGreaterThan(report.foundAfter, 0, "some kills must land after the commit", file: file, line: line)
        XCTAssertEqual(report.foundBefore + report.foundAfter, report.points, file: file, line: line)
    }
}

/// The scenarios the harness kills. Their data is generated: teams with a grant each, six doctors and six nurses
/// per team, and 24 thirty-minute RCPs per team with all twelve (the barème's caps: 24 RCP per professional,
/// 10 000 € per team and year; each RCP is worth 405 €). `CLAP_KILL_TEAMS` scales it (the soak script raises it).
enum KillScenarios {
    static let teams = Int(ProcessInfo.processInfo.environment["CLAP_KILL_TEAMS"] ?? "") ?? 6
    static let doctorsPerTeam = 6
    static let actionsPerTeam = 24

    /// 6 teams × 24 actions × 12 participants = 1 728 participant rows (the soak script imports more).
    static var actionsImport: KillScenario {
        KillScenario(name: "actions import", today: "2025-11-03") { cli in
            try registry(cli)
            return ["actions", "import", try actionsFile(cli)]
        }
    }

    /// Four RCPs per team imported first (verify stays quick); the run pays every professional's October balance
    /// (72 transfers).
    static var payoutRun: KillScenario {
        KillScenario(name: "payout run", today: "2025-11-03", prepare: { cli in
            try registry(cli)
            try cli.ok(["actions", "import", try actionsFile(cli, perTeam: 4)])
            return ["payout", "run", "--month", "2025-10", "--execution-date", "05/11/2025", "--out", KillHarness.runFolder]
        }, extraStateSQL: [
            "SELECT 'transfers ' || COUNT(*) || ' ' || COALESCE(SUM(amount_cents), 0) FROM payout_transfer;",
            "SELECT 'owed ' || COALESCE(SUM(credit_cents - debit_cents), 0) FROM posting WHERE account = '401100';",
        ])
    }

    /// Four RCPs per team in 2025, then on 20/01/2026 the close of 2025: one dedicated-funds entry per team, the
    /// year lock and the à-nouveaux of 2026, all or nothing.
    static var yearClose: KillScenario {
        KillScenario(name: "close year", today: "2026-01-20", prepare: { cli in
            try registry(cli)
            try cli.ok(["actions", "import", try actionsFile(cli, perTeam: 4)])
            return ["close", "year", "2025"]
        }, extraStateSQL: [
            "SELECT 'locks ' || COUNT(*) || ' ' || COALESCE(MAX(closed_through), '') FROM period_lock;",
            "SELECT 'dedicated ' || COALESCE(SUM(credit_cents), 0) FROM posting WHERE account = '194000';",
        ], rerunIsAudited: false)
    }

    static func team(_ t: Int) -> String { String(format: "T044-%03d", t + 1) }
    /// The professionals of team t: doctors at even numbers, nurses at odd ones.
    static func members(_ t: Int) -> [Int] { (0..<(2 * doctorsPerTeam)).map { 1_000 + t * 100 + $0 } }

    /// Barème, teams, professionals, memberships and one grant per team.
    static func registry(_ cli: CLI, teams count: Int = teams) throws {
        try cli.initialize()
        let barème = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/bareme-defaut.toml").path
        try cli.ok(["tariff", "import", barème])
        var teams = ["equipe;nom;departement;numero_ars;date_enregistrement_ars;date_convention;forme_juridique;actions"]
        var pros = ["rpps;nom;prenom;profession;iban;bic;email;date_convention"]
        var memberships = ["equipe;rpps;date_debut;date_fin"]
        for t in 0..<count {
            teams.append("\(team(t));ESP CLAP \(t);44;ARS-\(t);01/01/2024;01/02/2024;aucune;RCP")
            for n in members(t) {
                let profession = n % 2 == 0 ? "medecin_generaliste" : "infirmier"
                pros.append("\(TestIDs.rpps(n));Nom\(n);Prénom;\(profession);\(TestIDs.iban(n));;;01/01/2024")
                memberships.append("\(team(t));\(TestIDs.rpps(n));01/01/2024;")
            }
        }
        try cli.ok(["team", "import", try write(cli, "equipes.csv", teams)])
        try cli.ok(["professional", "import", try write(cli, "professionnels.csv", pros)])
        try cli.ok(["member", "import", try write(cli, "membres.csv", memberships)])
        for t in 0..<count {
            try cli.ok(["envelope", "grant", "--team", team(t), "--year", "2025", "--date", "15/01/2025"])
        }
    }

    /// Every team's RCPs of the year (24 unless told), one row per participant, referenced `R-team-k`.
    static func actionsFile(_ cli: CLI, teams count: Int = teams, perTeam: Int = actionsPerTeam, prefix: String = "R") throws -> String {
        var rows = ["equipe;action;type;date;duree_minutes;ref_cas;ref_protocole;rpps;role"]
        for t in 0..<count {
            for k in 0..<perTeam {
                let date = String(format: "%02d/%02d/2025", 1 + (k * 3) % 28, 1 + k % 10)
                for n in members(t) {
                    rows.append("\(team(t));\(prefix)-\(t)-\(k);RCP;\(date);30;;;\(TestIDs.rpps(n));participant")
                }
            }
        }
        return try write(cli, "actions-\(prefix).csv", rows)
    }

    static func write(_ cli: CLI, _ name: String, _ lines: [String]) throws -> String {
        let url = cli.folder.appendingPathComponent(name)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url.path
    }
}

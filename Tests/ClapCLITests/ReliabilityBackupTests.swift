import Foundation
import XCTest

/// `clap backup` and `clap restore` (issue 7 §6): a backup is consistent even while another process writes, owner-only,
/// verified, and never overwrites; a restore refuses what is not a clap database (exit 1) or does not verify (exit 3),
/// replaces the database in one rename, keeps the replaced one, and is in the audit log.
final class ReliabilityBackupTests: XCTestCase {
    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    func testABackupTakenDuringAnImportIsTheDatabaseBeforeOrAfterAndVerifies() throws {
        let cli = try CLI(today: "2025-11-03")
        try KillScenarios.registry(cli, teams: 6)
        let file = try KillScenarios.actionsFile(cli, teams: 6)
        let tables = try DatabaseState.tables(of: cli.databasePath)
        let before = try DatabaseState.read(cli.databasePath, tables: tables)

        let folder = cli.folder.appendingPathComponent("import")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let importer = try ChildProcess.spawn(CLI.executable.path, ["actions", "import", file], environment: cli.environment,
                                              folder: folder.path)
        // Wait until the import holds the write lock (a zero-timeout BEGIN IMMEDIATE fails), then back up.
        var startedDuringImport = false
        while importer.isRunning() && !startedDuringImport {
            startedDuringImport = try runTool("sqlite3", ["-cmd", ".timeout 0", cli.databasePath, "BEGIN IMMEDIATE; ROLLBACK;"]).status != 0
        }
        let backupPath = cli.folder.appendingPathComponent("sauvegarde.sqlite").path
        let backup = try cli.runLong(["backup", backupPath])
        XCTAssertEqual(importer.wait(), 0, "the import is not disturbed")
        XCTAssertEqual(backup.status, 0, backup.stderr)
        XCTAssertTrue(startedDuringImport, "the backup must start while the import writes (make the import larger)")
        XCTAssertTrue(backup.stdout.contains("vérifiée"), backup.stdout)

        let after = try DatabaseState.read(cli.databasePath, tables: tables)
        XCTAssertNotEqual(before, after)
        let copy = try DatabaseState.read(backupPath, tables: tables)
        XCTAssertTrue(copy == before || copy == after, "the backup is one moment of the database:\n\(copy)")
        print("backup during an import: the copy is the database \(copy == before ? "before" : "after") the import")
        XCTAssertEqual(try mode(backupPath), 0o600)
        XCTAssertEqual(try cli.runLong(["verify", "--db", backupPath]).status, 0)
    }

    func testABackupNeverOverwritesAFile() throws {
        let s = try ActionsScenario()
        let path = s.cli.folder.appendingPathComponent("existe.sqlite").path
        try Data("précieux".utf8).write(to: URL(fileURLWithPath: path))
        let result = try s.cli.runLong(["backup", path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("existe déjà : clap n'écrase jamais une sauvegarde"), result.stderr)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "précieux")
        XCTAssertEqual(try s.cli.runLong(["backup", s.cli.databasePath]).status, 1)
    }

    func testARestoreReplacesTheDatabaseKeepsTheOldOneAndIsAudited() throws {
        let s = try ActionsScenario()
        let backupPath = s.cli.folder.appendingPathComponent("avant.sqlite").path
        try s.cli.ok(["backup", backupPath])
        let tables = try DatabaseState.tables(of: s.cli.databasePath)
        let saved = try DatabaseState.read(backupPath, tables: tables)
        try s.cli.ok(["actions", "import", try s.actionsFile("a.csv", [s.rcp("A1", on: "10/03/2025", minutes: 60)])])
        let changed = try DatabaseState.read(s.cli.databasePath, tables: tables)

        let restore = try s.cli.ok(["restore", backupPath])
        XCTAssertTrue(restore.stdout.contains("Base restaurée"), restore.stdout)
        let restored = try DatabaseState.read(s.cli.databasePath, tables: tables)
        XCTAssertEqual(restored.withoutAuditLog, saved.withoutAuditLog)
        try s.cli.ok(["verify"])
        XCTAssertEqual(try mode(s.cli.databasePath), 0o600)
        // The database it replaced is kept beside it, whole.
        let kept = try FileManager.default.contentsOfDirectory(atPath: s.cli.folder.path).filter { $0.contains(".avant-restauration-") }
        XCTAssertEqual(kept.count, 1, "\(kept)")
        XCTAssertEqual(try DatabaseState.read(s.cli.folder.appendingPathComponent(kept[0]).path, tables: tables), changed)
        // The restore is the last line of the audit log, with its operator.
        let log = try s.cli.ok(["audit-log", "--json"]).stdout
        let records = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(log.utf8)) as? [[String: Any]])
        XCTAssertEqual(records.last?["operatorName"] as? String, "tresorier-test")
        XCTAssertTrue((records.last?["summary"] as? String ?? "").hasPrefix("restauration depuis"), "\(records.last ?? [:])")
    }

    func testARestoreRefusesWhatIsNotAClapDatabase() throws {
        let s = try ActionsScenario()
        let before = try sqlite3(s.cli.databasePath, ".dump")
        let other = s.cli.folder.appendingPathComponent("autre.sqlite").path
        try sqlite3(other, "CREATE TABLE contacts (nom TEXT); INSERT INTO contacts VALUES ('x');")
        let garbage = s.cli.folder.appendingPathComponent("n-importe-quoi.sqlite").path
        try Data("SQLite format 3\u{0}et puis plus rien".utf8).write(to: URL(fileURLWithPath: garbage))
        let text = s.cli.folder.appendingPathComponent("texte.sqlite").path
        try Data("bonjour".utf8).write(to: URL(fileURLWithPath: text))
        for (path, reason) in [(other, "il y manque les tables d'un grand livre clap"), (garbage, "SQLite ne peut pas la lire"),
                               (text, "ce n'est pas une base SQLite"), ("/nexiste/pas.sqlite", "n'existe pas")] {
            let result = try s.cli.runLong(["restore", path])
            XCTAssertEqual(result.status, 1, "\(path): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(reason), "\(path): \(result.stderr)")
        }
        XCTAssertEqual(try sqlite3(s.cli.databasePath, ".dump"), before, "nothing changed")
    }

    func testARestoreRefusesABackupThatDoesNotVerify() throws {
        let s = try ActionsScenario()
        try s.cli.ok(["actions", "import", try s.actionsFile("a.csv", [s.rcp("A1", on: "10/03/2025", minutes: 60)])])
        let backupPath = s.cli.folder.appendingPathComponent("sauvegarde.sqlite").path
        try s.cli.ok(["backup", backupPath])
        try sqlite3(backupPath, behindClapsBack(dropping: ledgerGuards, "UPDATE posting SET credit_cents = credit_cents + 100 WHERE account = '401100';"))
        let before = try sqlite3(s.cli.databasePath, ".dump")
        let result = try s.cli.runLong(["restore", backupPath])
        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertTrue(result.stderr.contains("ne se vérifie pas : rien n'a été restauré"), result.stderr)
        XCTAssertTrue(result.stderr.contains("chain.content"), result.stderr)
        XCTAssertEqual(try sqlite3(s.cli.databasePath, ".dump"), before, "nothing changed")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: s.cli.folder.path).filter { $0.contains("restauration") }
        XCTAssertEqual(leftovers, [], "no temporary file left behind")
    }
}

import Foundation
import XCTest

final class LedgerCLITests: XCTestCase {
    func testDemoEndsWithATrialBalanceOfZero() throws {
        let cli = try CLI()
        let result = try cli.ok(["demo"])
        XCTAssertTrue(result.stdout.contains("Écart débit − crédit : 0,00"), result.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("clap-demo/clap.sqlite").path))
        // Run twice: the demo folder is clap's own and is recreated.
        try cli.ok(["demo"])
    }

    func testInitRefusesToOverwriteAndUsageErrorsExitTwo() throws {
        let cli = try CLI()
        try cli.initialize()
        let again = try cli.run(["init", "--name", "X", "--siren", "882413578", "--iban", "FR7615519391000002012340129"])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("existe déjà"), again.stderr)
        XCTAssertEqual(try cli.run(["balance", "--at", "31/02/2026"]).status, 2)
        XCTAssertEqual(try cli.run(["nimportequoi"]).status, 2)
        XCTAssertEqual(try cli.run(["--help"]).status, 0)
    }

    func testVerifyPassesOnAFreshLedgerAndPrintsTheAnchor() throws {
        let cli = try CLI()
        try cli.initialize()
        let clean = try cli.ok(["verify", "--anchor"])
        XCTAssertTrue(clean.stdout.contains("OK"), clean.stdout)
        XCTAssertTrue(clean.stdout.contains("Tête de chaîne"), clean.stdout)
    }

    func testAuditLogNamesTheOperatorAndCommand() throws {
        let cli = try CLI()
        try cli.initialize()
        let log = try cli.ok(["audit-log", "--json"])
        XCTAssertTrue(log.stdout.contains("tresorier-test"), log.stdout)
        XCTAssertTrue(log.stdout.contains("clap init"), log.stdout)
    }

    func testAMissingDatabaseIsAClearRefusal() throws {
        let cli = try CLI()
        let result = try cli.run(["balance"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("n'existe pas"), result.stderr)
    }
}

final class InitCLITests: XCTestCase {
    func testInitRefusesABadSirenAndIbanListingBothAndCreatesNothing() throws {
        let cli = try CLI()
        let result = try cli.run(["init", "--name", "Asso", "--siren", "882413579", "--iban", "FR7615519391000002012340128"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("siren.checksum"), result.stderr)
        XCTAssertTrue(result.stderr.contains("iban."), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.databasePath))
    }
}

final class TamperCLITests: XCTestCase {
    /// Edits the demo year's file with sqlite3, as someone would behind clap's back, and expects exit 3 naming the entry.
    func tamperedDemo(_ sql: String) throws -> CLIResult {
        let cli = try CLI()
        let db = cli.folder.appendingPathComponent("demo.sqlite").path
        try cli.ok(["demo", "--db", db])
        let triggers = ["entry_is_immutable_u", "entry_is_immutable_d", "posting_is_immutable_u", "posting_is_immutable_d"]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", db, triggers.map { "DROP TRIGGER \($0);" }.joined() + "PRAGMA foreign_keys = OFF;" + sql]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "sqlite3 must be installed and the SQL valid")
        let result = try cli.run(["verify", "--db", db])
        XCTAssertEqual(result.status, 3, result.stdout + result.stderr)
        return result
    }

    func testAChangedAmountIsNamed() throws {
        let result = try tamperedDemo("UPDATE posting SET credit_cents = credit_cents + 100 WHERE entry_seq = (SELECT seq FROM entry WHERE journal = 'IND' AND number = 7) AND credit_cents > 0 AND line_no = 2;")
        XCTAssertTrue(result.stderr.contains("écriture IND 2025 n° 7"), result.stderr)
        XCTAssertTrue(result.stderr.contains("chain.content"), result.stderr)
    }

    func testADeletedEntryIsNamedAtTheNextOne() throws {
        let result = try tamperedDemo("DELETE FROM posting WHERE entry_seq = (SELECT seq FROM entry WHERE journal = 'IND' AND number = 5); DELETE FROM entry WHERE journal = 'IND' AND number = 5;")
        XCTAssertTrue(result.stderr.contains("numbering.gap"), result.stderr)
        XCTAssertTrue(result.stderr.contains("écriture IND 2025 n° 6"), result.stderr)
    }

    func testARenumberedEntryIsNamed() throws {
        let result = try tamperedDemo("UPDATE entry SET number = 900 WHERE journal = 'BQ' AND number = 3;")
        XCTAssertTrue(result.stderr.contains("écriture BQ 2025 n° 900"), result.stderr)
    }

    func testAnInsertedEntryIsNamed() throws {
        let result = try tamperedDemo("""
            INSERT INTO entry (seq, journal, fiscal_year, number, entry_date, piece_date, valid_date, piece_ref, label, request_digest, prev_hash, hash)
            SELECT MAX(seq) + 1, 'IND', 2025, 9999, '2025-06-01', '2025-06-01', '2025-06-02', 'X', 'ajout', 'x', MAX(hash), printf('%064d', 1) FROM entry;
            """)
        XCTAssertTrue(result.stderr.contains("écriture IND 2025 n° 9999"), result.stderr)
    }
}

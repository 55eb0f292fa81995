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

    func testVerifyPassesThenExitsThreeNamingATamperedEntry() throws {
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

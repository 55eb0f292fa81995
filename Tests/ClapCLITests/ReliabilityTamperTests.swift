import Foundation
import XCTest

/// Tamper evidence for what the other tamper tests do not cover (TamperTests, TamperCLITests): swapped entry numbers,
/// edited action participants, an edited barème version, an edited IBAN history. Each change is made with
/// `sqlite3` on a copy of the demo year; `verify` must exit 3 and name what changed.
final class ReliabilityTamperTests: XCTestCase {
    func tampered(_ sql: String, dropping triggers: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let cli = try DemoDatabase.copy()
        XCTAssertEqual(try cli.runLong(["verify"]).status, 0, "the demo year verifies before it is touched", file: file, line: line)
        try sqlite3(cli.databasePath, behindClapsBack(dropping: triggers, sql), file: file, line: line)
        let result = try cli.runLong(["verify"])
        XCTAssertEqual(result.status, 3, result.stdout + result.stderr, file: file, line: line)
        return result.stderr
    }

    func assertNames(_ report: String, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
        for text in expected {
            XCTAssertTrue(report.contains(text), "« \(text) » missing from:\n\(report)", file: file, line: line)
        }
    }

    func testSwappedEntryNumbersAreNamedAtBothEntries() throws {
        let report = try tampered("""
            UPDATE entry SET number = -3 WHERE journal = 'IND' AND number = 3;
            UPDATE entry SET number = 3 WHERE journal = 'IND' AND number = 4;
            UPDATE entry SET number = 4 WHERE journal = 'IND' AND number = -3;
            """, dropping: ledgerGuards)
        // Numbering stays gap-free, so only the chain can tell: both entries' content no longer matches its hash.
        assertNames(report, ["[invariant 3 · chain.content] écriture IND 2025 n° 3", "[invariant 3 · chain.content] écriture IND 2025 n° 4"])
        XCTAssertFalse(report.contains("numbering.gap"), report)
    }

    func testAnEditedParticipantAmountIsNamed() throws {
        let report = try tampered("""
            UPDATE action_participant SET amount_cents = amount_cents + 500
            WHERE action_id = 5 AND rpps = (SELECT MIN(rpps) FROM action_participant WHERE action_id = 5);
            """, dropping: [])
        assertNames(report, ["[invariant 6 · action.participant_amount] écriture IND 2025 n° 4 : action n° 5 (T044-001 RCP-044-001)",
                             "ne sont pas ceux de sa valorisation"])
    }

    func testAnEditedParticipantTariffGroupIsNamed() throws {
        let report = try tampered("""
            UPDATE action_participant SET tariff_group = 'medecin'
            WHERE action_id = 5 AND tariff_group <> 'medecin' AND rpps = (SELECT MIN(rpps) FROM action_participant WHERE action_id = 5 AND tariff_group <> 'medecin');
            """, dropping: [])
        assertNames(report, ["[invariant 6 · indemnity.valuation] écriture IND 2025 n° 4 : action n° 5", "revalorisée, elle vaut"])
    }

    func testAParticipantSwappedForAnotherProfessionalIsNamed() throws {
        let report = try tampered("""
            UPDATE action_participant SET rpps = (SELECT rpps FROM professional WHERE rpps NOT IN (SELECT rpps FROM action_participant WHERE action_id = 5) LIMIT 1)
            WHERE action_id = 5 AND rpps = (SELECT MIN(rpps) FROM action_participant WHERE action_id = 5);
            """, dropping: [])
        assertNames(report, [
            "[invariant 6 · action.digest] : action n° 5 (T044-001 RCP-044-001) : sa déclaration enregistrée (équipe, date, durée, participants, rôles) ne correspond plus à l'empreinte prise à l'import",
            "[invariant 6 · indemnity.valuation] écriture IND 2025 n° 4 : action n° 5",
        ])
    }

    func testAnEditedBaremeRateIsNamed() throws {
        let report = try tampered("""
            UPDATE tariff_version SET source_toml = replace(source_toml, 'medecin = "80.00"', 'medecin = "85.00"');
            """, dropping: ["tariff_version_is_immutable_u"])
        assertNames(report, [
            "[structure · seal.mismatch] : la version n° 1 du barème « Barème ESP CLAP (défaut) » (en vigueur le 2025-01-01) ne correspond plus à son sceau",
            "son texte (taux, types, plafonds) n'est plus celui qui a été chargé",
        ])
    }

    /// The text, its SHA-256 column and the date column changed together: only the seal can tell.
    func testAnEditedBaremeEffectiveDateIsNamedEvenWithItsDigestRecomputed() throws {
        let cli = try DemoDatabase.copy()
        let text = try sqlite3(cli.databasePath, "SELECT source_toml FROM tariff_version WHERE id = 1")
            .replacingOccurrences(of: "effective_from = 2025-01-01", with: "effective_from = 2024-07-01")
        XCTAssertTrue(text.contains("2024-07-01"), "the test must really change the date")
        let textFile = cli.folder.appendingPathComponent("bareme-modifie.toml")
        try Data(text.dropLast().utf8).write(to: textFile)
        let sha = try runTool("sha256sum", [textFile.path]).stdout.prefix(64)
        try sqlite3(cli.databasePath, behindClapsBack(dropping: ["tariff_version_is_immutable_u"], """
            UPDATE tariff_version SET source_toml = readfile('\(textFile.path)'), sha256 = '\(sha)', effective_from = '2024-07-01';
            """))
        let result = try cli.runLong(["verify"])
        XCTAssertEqual(result.status, 3, result.stderr)
        assertNames(result.stderr, ["[structure · seal.mismatch] : la version n° 1 du barème « Barème ESP CLAP (défaut) » (en vigueur le 2024-07-01)"])
        XCTAssertFalse(result.stderr.contains("n'est plus celui qui a été chargé"), "the SHA-256 column was made to match: \(result.stderr)")
    }

    func testAChangedIbanIsNamedMasked() throws {
        let replacement = TestIDs.iban(777)
        let report = try tampered("UPDATE professional_iban SET iban = '\(replacement)' WHERE id = 3;",
                                  dropping: ["professional_iban_is_immutable_u"])
        assertNames(report, ["[structure · seal.mismatch] : la ligne n° 3 de l'historique des IBAN (professionnel",
                             "IBAN FR\(replacement.dropFirst(2).prefix(2)) **** **** **** **** **** \(replacement.suffix(3))",
                             "ne correspond plus à son sceau"])
        XCTAssertFalse(report.contains(replacement), "IBANs are masked outside the SEPA file")
    }

    func testAnInsertedIbanIsRefusedBySqliteAloneAndNamedOnceForced() throws {
        let cli = try DemoDatabase.copy()
        let insert = "INSERT INTO professional_iban (rpps, iban, bic, recorded_at) SELECT rpps, '\(TestIDs.iban(778))', NULL, '2025-06-01T10:00:00' FROM professional ORDER BY rpps LIMIT 1;"
        // The sealing trigger calls clap_seal, which only clap provides: the plain insert fails.
        let refused = try runTool("sqlite3", [cli.databasePath, insert])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("clap_seal"), refused.stderr)
        // Dropping the trigger, inserting, and putting the trigger back leaves a row without its seal.
        let trigger = try sqlite3(cli.databasePath, "SELECT sql FROM sqlite_master WHERE name = 'professional_iban_is_sealed'")
        try sqlite3(cli.databasePath, "DROP TRIGGER professional_iban_is_sealed; " + insert + trigger + ";")
        let result = try cli.runLong(["verify"])
        XCTAssertEqual(result.status, 3, result.stderr)
        assertNames(result.stderr, ["[structure · seal.missing]", "de l'historique des IBAN", "n'a pas de sceau : elle a été insérée hors de clap"])
        XCTAssertFalse(result.stderr.contains("guard.missing"), result.stderr)
    }

    func testADeletedIbanHistoryRowIsNamed() throws {
        let report = try tampered("DELETE FROM professional_iban WHERE id = 5;", dropping: ["professional_iban_is_immutable_d"])
        assertNames(report, ["[structure · seal.orphan] : l'IBAN n° 5 de l'historique a disparu : son sceau demeure."])
    }

    /// A database made before the seals existed is sealed when clap first opens it, and then verifies.
    func testADatabaseFromBeforeTheSealsIsSealedWhenOpened() throws {
        let cli = try DemoDatabase.copy()
        try sqlite3(cli.databasePath, """
            DROP TRIGGER tariff_version_is_sealed; DROP TRIGGER professional_iban_is_sealed;
            DROP TABLE registry_seal; DELETE FROM grdb_migrations WHERE identifier = '0007_registry_seals';
            """)
        let anchor = try cli.runLong(["verify", "--anchor"])
        XCTAssertEqual(anchor.status, 0, anchor.stderr)
        let rows = try sqlite3(cli.databasePath, "SELECT (SELECT COUNT(*) FROM professional_iban) || '/' || (SELECT COUNT(*) FROM tariff_version)")
        XCTAssertTrue(anchor.stdout.contains("Sceau des IBAN : "), anchor.stdout)
        XCTAssertTrue(anchor.stdout.contains("(\(rows.split(separator: "/")[0]) lignes)"), anchor.stdout + rows)
        // A professional imported afterwards is sealed by the trigger, in the same chain.
        try cli.ok(["professional", "add", "--rpps", TestIDs.rpps(901), "--last-name", "Nouveau", "--first-name", "Jean",
                    "--profession", "infirmier", "--iban", TestIDs.iban(901)])
        try cli.ok(["verify"])
    }
}

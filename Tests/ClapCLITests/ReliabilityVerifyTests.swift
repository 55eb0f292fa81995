import Foundation
import XCTest

/// `verify` never stops on damaged data: every value it cannot read back is a named violation (exit 3), and every
/// other check still runs. Each test damages a copy of the demo year with `sqlite3`, adds one plain change elsewhere
/// (a credit line of IND n° 7 raised by 1 cent) and expects both to be named: a check that stopped would miss it.
final class ReliabilityVerifyTests: XCTestCase {
    /// The plain change every test adds, and what `verify` must say about it whatever else is broken.
    let control = "UPDATE posting SET credit_cents = credit_cents + 1 WHERE line_no = 2 AND entry_seq = (SELECT seq FROM entry WHERE journal = 'IND' AND number = 7);"
    let controlFinding = "[invariant 3 · chain.content] écriture IND 2025 n° 7"

    /// Damages a demo copy, runs verify, expects exit 3, the control finding and no aborted check.
    func damaged(_ sql: String, dropping triggers: [String] = ledgerGuards, allowAborted: Bool = false,
                 file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let cli = try DemoDatabase.copy()
        try sqlite3(cli.databasePath, behindClapsBack(dropping: triggers + ledgerGuards, sql + control), file: file, line: line)
        let result = try cli.runLong(["verify"])
        XCTAssertEqual(result.status, 3, "verify must report, not stop: \(result.stderr)", file: file, line: line)
        XCTAssertTrue(result.stderr.contains(controlFinding), "the other checks went on: \(result.stderr)", file: file, line: line)
        if !allowAborted {
            XCTAssertFalse(result.stderr.contains("check.aborted"), result.stderr, file: file, line: line)
        }
        XCTAssertFalse(result.stderr.contains("Erreur inattendue"), result.stderr, file: file, line: line)
        return result.stderr
    }

    func assertNames(_ report: String, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
        for text in expected {
            XCTAssertTrue(report.contains(text), "« \(text) » missing from:\n\(report)", file: file, line: line)
        }
    }

    func testDatesThatAreNoDayAreNamed() throws {
        let report = try damaged("""
            UPDATE entry SET entry_date = '2025-02-31' WHERE journal = 'IND' AND number = 3;
            UPDATE entry SET piece_date = 'garbage' WHERE journal = 'BQ' AND number = 2;
            UPDATE entry SET valid_date = '' WHERE journal = 'OD' AND number = 2;
            """)
        assertNames(report, [
            "[structure · entry.unreadable] écriture IND 2025 n° 3", "entry_date vaut « 2025-02-31 » (texte), qui n'est pas une date AAAA-MM-JJ",
            "[structure · entry.unreadable] écriture BQ 2025 n° 2", "piece_date vaut « garbage »",
            "[structure · entry.unreadable] écriture OD 2025 n° 2", "valid_date vaut «  »",
            "[invariant 3 · chain.content] écriture IND 2025 n° 3",
        ])
    }

    /// The hash covers the day, not how it is written: a date rewritten `JJ/MM/AAAA` would read as the same day,
    /// but clap only ever writes `AAAA-MM-JJ` and text comparisons (closed periods, exports) rely on it.
    func testADateRewrittenInAnotherFormatIsNamed() throws {
        let report = try damaged("UPDATE entry SET entry_date = '15/01/2025' WHERE journal = 'OD' AND number = 1;")
        assertNames(report, ["[structure · entry.unreadable] écriture OD 2025 n° 1", "entry_date vaut « 15/01/2025 »"])
    }

    func testAmountsStoredAsTextDecimalsOrNullAreNamed() throws {
        let report = try damaged("""
            UPDATE posting SET debit_cents = 'abc' WHERE line_no = 1 AND entry_seq = (SELECT seq FROM entry WHERE journal = 'IND' AND number = 2);
            UPDATE posting SET debit_cents = 12.5 WHERE line_no = 1 AND entry_seq = (SELECT seq FROM entry WHERE journal = 'IND' AND number = 4);
            CREATE TABLE posting_copy AS SELECT * FROM posting; DROP TABLE posting; ALTER TABLE posting_copy RENAME TO posting;
            UPDATE posting SET credit_cents = NULL WHERE line_no = 2 AND entry_seq = (SELECT seq FROM entry WHERE journal = 'IND' AND number = 5);
            """)
        assertNames(report, [
            "écriture IND 2025 n° 2 : elle ne se relit plus", "débit « abc » (texte) ne se relit pas",
            "écriture IND 2025 n° 4 : elle ne se relit plus", "débit « 12.5 » (nombre à virgule)",
            "écriture IND 2025 n° 5 : elle ne se relit plus", "crédit NULL",
            "trial_balance.not_zero",
        ])
    }

    func testNullsInARebuiltEntryTableAreNamed() throws {
        // A table rebuilt without its NOT NULL constraints, as sqlite3 users do to get past them.
        let report = try damaged("""
            CREATE TABLE entry_copy AS SELECT * FROM entry; DROP TABLE entry; ALTER TABLE entry_copy RENAME TO entry;
            UPDATE entry SET label = NULL, hash = NULL WHERE journal = 'BQ' AND number = 3;
            UPDATE entry SET number = 'trois', journal = NULL WHERE journal = 'OD' AND number = 3;
            """)
        assertNames(report, [
            "écriture BQ 2025 n° 3 : elle ne se relit plus", "label vaut NULL ; hash vaut NULL",
            "journal vaut NULL", "number vaut « trois » (texte)",
            "entry.journal_unknown",
            "[invariant 3 · chain.link]",
        ])
    }

    func testUnknownJournalsAccountsAndLinesOfNoEntryAreNamed() throws {
        let report = try damaged("""
            UPDATE entry SET journal = 'XX' WHERE journal = 'OD' AND number = 4;
            UPDATE posting SET account = '999999' WHERE line_no = 1 AND entry_seq = (SELECT seq FROM entry WHERE journal = 'BQ' AND number = 1);
            INSERT INTO posting VALUES (99999, 1, '401100', '10088296016', NULL, 0, 5000), (99999, 2, '401100', '10504192187', NULL, 5000, 0);
            """)
        assertNames(report, [
            "[structure · entry.journal_unknown] écriture XX 2025 n° 4 : son journal XX n'est pas un journal de clap",
            "[structure · posting.account_unknown] écriture BQ 2025 n° 1 : sa ligne 1 porte le compte 999999",
            "[structure · posting.orphan]", "rattachée à l'écriture 99999, qui n'existe pas",
        ])
    }

    /// Two amounts near the largest integer make every sum overflow: the sums that cannot be taken are named as
    /// checks that could not finish, and the amounts themselves are named.
    func testAmountsBeyondAnyMeasureAreNamedAndSumsThatOverflowDoNotStopTheRest() throws {
        let report = try damaged("""
            UPDATE posting SET debit_cents = 9223372036854775807 WHERE line_no = 1 AND entry_seq = (SELECT seq FROM entry WHERE journal = 'OD' AND number = 1);
            UPDATE posting SET debit_cents = 9223372036854775807 WHERE line_no = 1 AND entry_seq = (SELECT seq FROM entry WHERE journal = 'OD' AND number = 2);
            """, allowAborted: true)
        assertNames(report, [
            "[invariant 1 · posting.amount_range] écriture OD 2025 n° 1", "[invariant 1 · posting.amount_range] écriture OD 2025 n° 2",
            "check.aborted", "la vérification « balance » n'a pas pu aller au bout (SQLite : integer overflow)",
        ])
    }

    func testDamagedActionsAreNamedOneByOne() throws {
        let report = try damaged("""
            UPDATE action SET action_date = 'garbage' WHERE id = 3;
            UPDATE action SET duration_minutes = 'une heure' WHERE id = 4;
            UPDATE action_participant SET role = 'chef' WHERE action_id = 5 AND rpps = (SELECT MIN(rpps) FROM action_participant WHERE action_id = 5);
            UPDATE action_participant SET tariff_group = 'astronaute' WHERE action_id = 6 AND rpps = (SELECT MIN(rpps) FROM action_participant WHERE action_id = 6);
            UPDATE action SET entry_seq = 'x' WHERE id = 8;
            """, dropping: [])
        assertNames(report, [
            "[invariant 6 · action.unreadable] : action n° 3", "action_date vaut « garbage »",
            "[invariant 6 · action.unreadable] : action n° 4", "duration_minutes vaut « une heure »",
            "[invariant 6 · action.unreadable] : action n° 5", "a le rôle « chef »",
            "action n° 6", "le groupe tarifaire « astronaute » (texte)",
            "[invariant 6 · indemnity.missing_entry] : action n° 8", "son écriture vaut « x »",
        ])
    }

    func testABaremeWhoseTextNoLongerParsesIsNamedAndItsActionsToo() throws {
        let report = try damaged("UPDATE tariff_version SET source_toml = 'ceci n''est plus un barème';",
                                 dropping: ["tariff_version_is_immutable_u"])
        assertNames(report, [
            "[invariant 6 · tariff.unreadable] : la version n° 1 du barème ne se relit plus",
            "[invariant 6 · indemnity.valuation] écriture IND 2025 n° 1", "est introuvable ou illisible",
            "[structure · seal.mismatch] : la version n° 1 du barème", "son texte (taux, types, plafonds) n'est plus celui qui a été chargé",
        ])
    }

    func testDamagedPayoutRowsAreNamed() throws {
        let report = try damaged("""
            UPDATE payout_transfer SET amount_cents = 'cent' WHERE batch_id = 'VIR-2025-03' AND rpps = (SELECT MIN(rpps) FROM payout_transfer WHERE batch_id = 'VIR-2025-03');
            CREATE TABLE lettering_copy AS SELECT * FROM lettering; DROP TABLE lettering; ALTER TABLE lettering_copy RENAME TO lettering;
            UPDATE lettering SET letter = NULL WHERE rowid = (SELECT MIN(rowid) FROM lettering WHERE batch_id = 'VIR-2025-04');
            """, dropping: ["payout_transfer_is_kept_u"])
        assertNames(report, [
            "[invariant 7 · payout.entry_mismatch]", "du lot VIR-2025-03 (« cent » (texte) au RPPS",
            "[invariant 7 · payable.mismatch]",
            "[invariant 7 · lettering.unbalanced] : le lettrage NULL",
        ])
    }

    func testAVanishedLedgerHeadIsNamed() throws {
        let report = try damaged("DROP TABLE ledger_head; CREATE TABLE ledger_head (id INTEGER PRIMARY KEY, last_seq, hash);")
        assertNames(report, ["[invariant 3 · chain.head] : la tête de chaîne (table ledger_head) a disparu ou ne se relit plus."])
    }
}

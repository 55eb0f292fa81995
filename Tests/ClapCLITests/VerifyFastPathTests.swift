@testable import ClapStore
import Foundation
import GRDB
import LedgerCore
import XCTest

/// `verify`'s fast passes (`LedgerScan`, `SideScan`) only ever prove checks clean; whatever they cannot vouch for runs
/// by its reference. These tests hold them to it: on the demo year they prove every check they know clean (so they
/// do the work), and on the demo year damaged in each way below, `verify` (one connection, and two at once) reports
/// exactly, finding for finding and in the same order, what the references alone report.
final class VerifyFastPathTests: XCTestCase {
    /// Every check a fast pass answers for.
    let provable: Set<Verifier.Kind> = [
        .storedValues, .entryBalances, .numbering, .chain, .periods, .trialBalance, .envelopes, .valuation, .closedYears,
        .registrySeals, .monthlyTotals, .analyticTotals, .openLines, .payables, .batchEntries, .letters,
    ]

    func testTheFastPassesProveEveryCheckOfTheDemoYearClean() throws {
        let cli = try DemoDatabase.copy()
        let database = try ClapDatabase.open(at: cli.databasePath)
        let clean = try database.read { Verifier.fastVerdicts(in: $0, extraChecks: StoreChecks.all) }
        XCTAssertEqual(clean, provable, "not proven: \(provable.subtracting(clean))")
        let report = try Verifier.verify(database, extraChecks: StoreChecks.all)
        let reference = try database.read { Verifier.verify(in: $0, extraChecks: StoreChecks.all, fastPasses: false) }
        XCTAssertTrue(report.isClean, "\(report.violations)")
        XCTAssertEqual(report.entryCount, reference.entryCount)
        XCTAssertEqual(report.lineCount, reference.lineCount)
        XCTAssertEqual(report.headHash, reference.headHash)
        XCTAssertEqual(report.entryCount, 221)
    }

    /// A cancelled action (its entry and the reversal that mirrors it), which the demo year does not hold.
    func testACancelledActionIsProvenClean() throws {
        let s = try ActionsScenario()
        try s.cli.ok(["actions", "import", try s.actionsFile("a.csv", [s.rcp("A1", on: "10/03/2025", minutes: 60),
                                                                      s.rcp("A2", on: "11/03/2025", minutes: 90)])])
        let id = try XCTUnwrap(try s.actions().first?["id"] as? Int)
        try s.cli.ok(["actions", "cancel", String(id), "--reason", "déclarée deux fois"])
        let database = try ClapDatabase.open(at: s.cli.databasePath)
        XCTAssertEqual(try database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM entry WHERE reverses_number IS NOT NULL") }, 1)
        let clean = try database.read { Verifier.fastVerdicts(in: $0, extraChecks: StoreChecks.all) }
        XCTAssertEqual(clean, provable, "not proven: \(provable.subtracting(clean))")
        XCTAssertTrue(try Verifier.verify(database, extraChecks: StoreChecks.all).isClean)
    }

    /// One change behind clap's back leaves the other checks to the fast passes.
    func testAChangedMonthlyTotalLeavesOnlyThatCheckToItsReference() throws {
        let cli = try DemoDatabase.copy()
        _ = try sqlite3(cli.databasePath, """
            UPDATE third_party_month SET credit_cents = credit_cents + 1
            WHERE (account, auxiliary, month) = (SELECT account, auxiliary, month FROM third_party_month LIMIT 1);
            """)
        let database = try ClapDatabase.open(at: cli.databasePath)
        let clean = try database.read { Verifier.fastVerdicts(in: $0, extraChecks: StoreChecks.all) }
        XCTAssertEqual(clean, provable.subtracting([.monthlyTotals]))
        XCTAssertEqual(try Verifier.verify(database, extraChecks: StoreChecks.all).violations.map(\.code), ["totals.mismatch"])
    }

    func testAChangedEnvelopeTotalLeavesOnlyThatCheckToItsReference() throws {
        let cli = try DemoDatabase.copy()
        _ = try sqlite3(cli.databasePath, """
            UPDATE analytic_total SET debit_cents = debit_cents + 1
            WHERE (analytic, account) = (SELECT analytic, account FROM analytic_total WHERE debit_cents > 0 LIMIT 1);
            """)
        let database = try ClapDatabase.open(at: cli.databasePath)
        let clean = try database.read { Verifier.fastVerdicts(in: $0, extraChecks: StoreChecks.all) }
        XCTAssertEqual(clean, provable.subtracting([.analyticTotals]))
        XCTAssertEqual(try Verifier.verify(database, extraChecks: StoreChecks.all).violations.map(\.code), ["analytic_totals.mismatch"])
    }

    /// One way of damaging the demo year: its SQL and the guards it must drop first.
    struct Damage {
        let name: String
        let sql: String
        var triggers: [String] = []
    }

    let damages: [Damage] = [
        Damage(name: "montant d'une ligne", sql: """
            UPDATE posting SET credit_cents = credit_cents + 1 WHERE line_no = 2 AND entry_seq = (SELECT seq FROM entry WHERE journal = 'IND' AND number = 7);
            """),
        Damage(name: "libellé", sql: "UPDATE entry SET label = 'autre chose' WHERE journal = 'OD' AND number = 2;"),
        Damage(name: "écriture supprimée", sql: "DELETE FROM posting WHERE entry_seq = 50; DELETE FROM entry WHERE seq = 50;"),
        Damage(name: "écriture renumérotée", sql: "UPDATE entry SET number = 999 WHERE journal = 'IND' AND number = 3;"),
        Damage(name: "empreinte recopiée", sql: "UPDATE entry SET hash = (SELECT hash FROM entry WHERE seq = 3) WHERE seq = 4;"),
        Damage(name: "compte inconnu", sql: "UPDATE posting SET account = '999999' WHERE entry_seq = 10 AND line_no = 1;"),
        Damage(name: "lignes sans écriture", sql: """
            INSERT INTO posting VALUES (99999, 1, '401100', '10088296016', NULL, 0, 5000), (99999, 2, '401100', '10504192187', NULL, 5000, 0);
            """),
        Damage(name: "journal inconnu", sql: "UPDATE entry SET journal = 'XX' WHERE journal = 'OD' AND number = 4;"),
        Damage(name: "écriture antidatée dans un mois clôturé", sql: """
            UPDATE entry SET entry_date = '2025-01-15' WHERE seq = (SELECT MAX(seq) FROM entry WHERE journal = 'IND');
            """),
        Damage(name: "clé d'idempotence réutilisée", sql: """
            CREATE TABLE entry_copy AS SELECT * FROM entry; DROP TABLE entry; ALTER TABLE entry_copy RENAME TO entry;
            UPDATE entry SET idempotency_key = (SELECT idempotency_key FROM entry WHERE seq = 30) WHERE seq = 31;
            """),
        Damage(name: "tête de chaîne", sql: "UPDATE ledger_head SET last_seq = last_seq - 1;"),
        Damage(name: "écriture ajoutée en fin de chaîne", sql: """
            INSERT INTO entry (seq, journal, fiscal_year, number, entry_date, piece_date, valid_date, piece_ref, label, request_digest, prev_hash, hash)
            VALUES (222, 'OD', 2026, 1, '2026-01-20', '2026-01-20', '2026-01-20', 'X', 'ajout', 'x',
                    (SELECT hash FROM entry WHERE seq = 221), '\(String(repeating: "a", count: 64))');
            INSERT INTO posting VALUES (222, 1, '622600', NULL, NULL, 500, 0), (222, 2, '512000', NULL, NULL, 0, 500);
            """),
        Damage(name: "total mensuel d'un compte", sql: """
            UPDATE account_month SET debit_cents = debit_cents + 1 WHERE account = '622600' AND month = '2025-03';
            """),
        Damage(name: "total mensuel d'un tiers", sql: """
            UPDATE third_party_month SET credit_cents = credit_cents + 1
            WHERE (account, auxiliary, month) = (SELECT account, auxiliary, month FROM third_party_month LIMIT 1);
            """),
        Damage(name: "total mensuel d'un tiers supprimé", sql: """
            DELETE FROM third_party_month
            WHERE (account, auxiliary, month) = (SELECT account, auxiliary, month FROM third_party_month ORDER BY month DESC LIMIT 1);
            """),
        Damage(name: "totaux mensuels à zéro ajoutés", sql: """
            INSERT INTO third_party_month (account, auxiliary, month, debit_cents, credit_cents) VALUES ('401100', '10475762596', '2024-06', 0, 0);
            INSERT INTO account_month VALUES ('512000', '2024-01', 0, 0);
            """),
        Damage(name: "mois de totaux illisible", sql: "UPDATE account_month SET month = '2025-0' WHERE account = '622600' AND month = '2025-03';"),
        Damage(name: "lettre changée", sql: """
            UPDATE lettering SET letter = 'ZZ' WHERE (entry_seq, line_no) = (SELECT entry_seq, line_no FROM lettering LIMIT 1);
            """, triggers: ["lettering_is_kept_u"]),
        Damage(name: "lettrage supprimé", sql: """
            DELETE FROM lettering WHERE (entry_seq, line_no) = (SELECT entry_seq, line_no FROM lettering ORDER BY entry_seq DESC LIMIT 1);
            """, triggers: ["lettering_is_kept_d"]),
        Damage(name: "ligne ouverte oubliée", sql: """
            DELETE FROM open_line WHERE (entry_seq, line_no) = (SELECT entry_seq, line_no FROM open_line LIMIT 1);
            """),
        Damage(name: "virement modifié", sql: """
            UPDATE payout_transfer SET amount_cents = amount_cents + 100
            WHERE (batch_id, rpps) = (SELECT batch_id, rpps FROM payout_transfer LIMIT 1);
            """, triggers: ["payout_transfer_is_kept_u"]),
        Damage(name: "rejet sans écriture", sql: """
            UPDATE payout_transfer SET rejected_on = '2025-06-01', reject_reason = 'x', reject_entry_seq = 40
            WHERE (batch_id, rpps) = (SELECT batch_id, rpps FROM payout_transfer LIMIT 1 OFFSET 3);
            """, triggers: ["payout_transfer_is_kept_u", "payout_transfer_rejected_once"]),
        Damage(name: "lot sans écriture", sql: """
            UPDATE payout_batch SET entry_seq = NULL WHERE id = (SELECT MIN(id) FROM payout_batch);
            """, triggers: ["payout_batch_is_kept_u"]),
        Damage(name: "montant d'un participant", sql: """
            UPDATE action_participant SET amount_cents = amount_cents + 1
            WHERE (action_id, rpps) = (SELECT action_id, rpps FROM action_participant WHERE amount_cents IS NOT NULL LIMIT 1);
            """),
        Damage(name: "participant supprimé", sql: """
            DELETE FROM action_participant WHERE (action_id, rpps) = (SELECT action_id, rpps FROM action_participant LIMIT 1 OFFSET 7);
            """),
        Damage(name: "groupe tarifaire", sql: """
            UPDATE action_participant SET tariff_group = 'dentiste'
            WHERE (action_id, rpps) = (SELECT action_id, rpps FROM action_participant WHERE tariff_group = 'medecin' LIMIT 1);
            """),
        Damage(name: "total d'une action", sql: "UPDATE action SET total_cents = total_cents + 1 WHERE id = (SELECT MIN(id) FROM action WHERE status = 'validee');"),
        Damage(name: "durée déclarée", sql: """
            UPDATE action SET duration_minutes = duration_minutes + 5
            WHERE id = (SELECT MIN(id) FROM action WHERE duration_minutes IS NOT NULL AND status = 'validee');
            """),
        Damage(name: "action sans écriture", sql: "UPDATE action SET entry_seq = NULL WHERE id = (SELECT MIN(id) FROM action WHERE status = 'validee');"),
        Damage(name: "action sur une autre écriture", sql: """
            UPDATE action SET entry_seq = entry_seq + 1 WHERE id = (SELECT MIN(id) FROM action WHERE status = 'validee');
            """),
        Damage(name: "action vers une écriture absente", sql: """
            UPDATE action SET entry_seq = 99999 WHERE id = (SELECT MAX(id) FROM action WHERE status = 'validee');
            """),
        Damage(name: "barème illisible", sql: "UPDATE tariff_version SET source_toml = 'ceci n''est plus un barème';",
               triggers: ["tariff_version_is_immutable_u"]),
        Damage(name: "IBAN changé", sql: "UPDATE professional_iban SET iban = 'FR7630006000011234567890189' WHERE id = 3;",
               triggers: ["professional_iban_is_immutable_u"]),
        Damage(name: "sceau supprimé", sql: "DELETE FROM registry_seal WHERE kind = 'professional_iban' AND row_id = 5;",
               triggers: ["registry_seal_is_immutable_d"]),
        Damage(name: "enveloppe dépassée", sql: """
            UPDATE posting SET credit_cents = 100 WHERE account = '741000' AND entry_seq = (SELECT MIN(entry_seq) FROM posting WHERE account = '741000');
            """),
        Damage(name: "résultat d'un exercice clôturé", sql: """
            UPDATE posting SET debit_cents = debit_cents + 100 WHERE line_no = 1 AND entry_seq = (SELECT seq FROM entry WHERE journal = 'IND' AND number = 5);
            """),
        Damage(name: "verrou d'exercice avancé dans la chaîne", sql: "UPDATE period_lock SET after_seq = 10 WHERE kind = 'year';",
               triggers: ["period_lock_is_immutable_u"]),
        Damage(name: "date impossible", sql: "UPDATE entry SET entry_date = '2025-02-31' WHERE journal = 'IND' AND number = 3;"),
        Damage(name: "date dans un autre format", sql: "UPDATE entry SET piece_date = '15/01/2025' WHERE journal = 'OD' AND number = 1;"),
        Damage(name: "montant en texte", sql: "UPDATE posting SET debit_cents = 'abc' WHERE line_no = 1 AND entry_seq = 20;"),
        Damage(name: "montant à virgule", sql: "UPDATE posting SET debit_cents = 8000.5 WHERE line_no = 1 AND entry_seq = 21;"),
        Damage(name: "octet nul dans un libellé", sql: "UPDATE entry SET label = 'Indemnit' || char(0) || 'és' WHERE seq = 20;"),
        Damage(name: "UTF-8 invalide", sql: "UPDATE entry SET piece_ref = CAST(X'C328' AS TEXT) WHERE seq = 21;"),
        Damage(name: "ligne des deux côtés", sql: "UPDATE posting SET debit_cents = 5 WHERE entry_seq = 22 AND line_no = 2;"),
        Damage(name: "ligne à zéro", sql: "UPDATE posting SET credit_cents = 0 WHERE entry_seq = 22 AND line_no = 4;"),
        Damage(name: "montant démesuré", sql: "UPDATE posting SET debit_cents = 9223372036854775807 WHERE entry_seq = 23 AND line_no = 1;"),
        Damage(name: "montants qui débordent", sql: """
            UPDATE posting SET debit_cents = 9223372036854775807 WHERE line_no = 1 AND entry_seq IN (1, 3);
            """),
        Damage(name: "code analytique changé", sql: "UPDATE posting SET analytic = 'T999-999/2025' WHERE analytic IS NOT NULL AND entry_seq = 24;"),
        Damage(name: "tiers effacé", sql: "UPDATE posting SET auxiliary = NULL WHERE account = '401100' AND entry_seq = 30;"),
        Damage(name: "tiers non ASCII", sql: "UPDATE posting SET auxiliary = auxiliary || 'é' WHERE account = '401100' AND entry_seq = 31;"),
        Damage(name: "ligne en double", sql: """
            CREATE TABLE posting_copy AS SELECT * FROM posting; DROP TABLE posting; ALTER TABLE posting_copy RENAME TO posting;
            INSERT INTO posting SELECT * FROM posting WHERE entry_seq = 25 AND line_no = 2;
            """),
        Damage(name: "valeurs NULL d'une table reconstruite", sql: """
            CREATE TABLE entry_copy AS SELECT * FROM entry; DROP TABLE entry; ALTER TABLE entry_copy RENAME TO entry;
            UPDATE entry SET label = NULL, hash = NULL WHERE journal = 'BQ' AND number = 3;
            UPDATE entry SET number = 'trois', journal = NULL WHERE journal = 'OD' AND number = 3;
            """),
        Damage(name: "position d'écriture en double", sql: """
            CREATE TABLE entry_copy AS SELECT * FROM entry; DROP TABLE entry; ALTER TABLE entry_copy RENAME TO entry;
            INSERT INTO entry SELECT * FROM entry WHERE seq = 40;
            """),
        Damage(name: "ligne sans position", sql: """
            CREATE TABLE posting_copy AS SELECT * FROM posting; DROP TABLE posting; ALTER TABLE posting_copy RENAME TO posting;
            UPDATE posting SET entry_seq = NULL WHERE entry_seq = 60 AND line_no = 1;
            """),
        Damage(name: "lettrage illisible", sql: """
            CREATE TABLE lettering_copy AS SELECT * FROM lettering; DROP TABLE lettering; ALTER TABLE lettering_copy RENAME TO lettering;
            UPDATE lettering SET letter = NULL WHERE rowid = (SELECT MIN(rowid) FROM lettering);
            """),
        Damage(name: "table des totaux supprimée", sql: "DROP TABLE third_party_month;"),
        Damage(name: "tête de chaîne disparue", sql: "DROP TABLE ledger_head; CREATE TABLE ledger_head (id INTEGER PRIMARY KEY, last_seq, hash);"),
    ]

    func testEveryDamageIsReportedExactlyAsTheReferencesReportIt() throws {
        for damage in damages {
            let cli = try DemoDatabase.copy()
            _ = try sqlite3(cli.databasePath, behindClapsBack(dropping: damage.triggers + ledgerGuards, damage.sql))
            let database = try ClapDatabase.open(at: cli.databasePath)
            let reference = try database.read { Verifier.verify(in: $0, extraChecks: StoreChecks.all, fastPasses: false) }
            let oneConnection = try database.read { try Verifier.verify(in: $0, extraChecks: StoreChecks.all) }
            let twoConnections = try Verifier.verify(database, extraChecks: StoreChecks.all)
            // Beyond the guards dropped to make the change, the damage itself is found.
            XCTAssertTrue(reference.violations.contains { $0.code != "guard.missing" }, "\(damage.name): \(reference.violations)")
            for (way, report) in [("une connexion", oneConnection), ("deux connexions", twoConnections)] {
                XCTAssertEqual(report.violations.map(\.description), reference.violations.map(\.description), "\(damage.name), \(way)")
                XCTAssertEqual(report.entryCount, reference.entryCount, "\(damage.name), \(way)")
                XCTAssertEqual(report.headHash, reference.headHash, "\(damage.name), \(way)")
                XCTAssertEqual(report.lineCount, reference.lineCount, "\(damage.name), \(way)")
            }
            try database.close()
        }
    }
}

import Foundation
import XCTest
import ClapTestSupport

/// Limits (issue 7 §5): each named limit, exceeded through the real command, is a quick French refusal that names
/// the limit, with nothing written, never an out-of-memory. The limits: `InputLimits` (file size, rows, columns,
/// field length), `ActionDeclaration.participantsMax`, `PersonName.lengthMax`, `RegistryFiles.teamNameLengthMax`,
/// `TariffSchedule.textLengthMax`, `labelLengthMax` and `typesMax`, and the 200 characters of a cancellation reason.
final class HostileLimitsTests: XCTestCase {
    let header = "equipe;action;type;date;duree_minutes;ref_cas;ref_protocole;rpps;role"

    /// Runs the command on a copy of the prepared database; expects exit 1, the texts, an unchanged dump, and an answer
    /// within `seconds`.
    func assertRefused(_ arguments: [String], _ expected: [String], within seconds: TimeInterval = 60,
                       cli given: CLI? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        let cli: CLI
        if let given { cli = given } else {
            cli = try CLI(today: "2026-01-15")
            try FileManager.default.copyItem(at: try HostileInputTests.prepared.get(), to: URL(fileURLWithPath: cli.databasePath))
        }
        let before = try sqlite3(cli.databasePath, ".dump")
        let started = Date()
        let result = try cli.runLong(arguments)
        XCTAssertLessThan(Date().timeIntervalSince(started), seconds, file: file, line: line)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr, file: file, line: line)
        for text in expected {
            XCTAssertTrue(result.stderr.contains(text), "« \(text) » missing from\n\(result.stderr)", file: file, line: line)
        }
        XCTAssertEqual(try sqlite3(cli.databasePath, ".dump"), before, "nothing written", file: file, line: line)
    }

    func write(_ text: String, _ name: String) throws -> String {
        let url = ScratchFolder.url("clap-limit", suffix: "-\(name)")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// 65 MB (sparse: no disk is used) against 64 MB: refused on its size, before a byte is read.
    func testAFileLargerThanTheLimitIsRefusedOnItsSize() throws {
        let path = try write(header + "\n", "gros.csv")
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 65 * 1024 * 1024)
        try handle.close()
        try assertRefused(["actions", "import", path], ["Le fichier fait 65,0 Mo, au-delà de la limite de 64,0 Mo", "[csv.file_too_large]"],
                          within: 5)
    }

    func testMoreRowsThanTheLimitAreRefused() throws {
        var text = header + "\n"
        text.reserveCapacity(2 * 1_000_002 + header.count)
        for _ in 0..<1_000_001 { text += "x\n" }
        try assertRefused(["actions", "import", try write(text, "lignes.csv")],
                          ["Le fichier dépasse 1000000 lignes de données", "[csv.too_many_rows]"])
    }

    func testMoreColumnsThanTheLimitAreRefused() throws {
        let columns = (1...65).map { "c\($0)" }.joined(separator: ";")
        try assertRefused(["team", "import", try write(columns + "\n", "colonnes.csv")],
                          ["ligne 1", "Cette ligne a 65 colonnes, au-delà de la limite de 64", "[csv.too_many_columns]"])
    }

    func testAFieldLongerThanTheLimitIsRefused() throws {
        let long = String(repeating: "é", count: 2_001)
        try assertRefused(["actions", "import", try write(header + "\nT044-001;A1;RCP;10/03/2025;60;\(long);;\(TestIDs.rpps(1));participant\n", "champ.csv")],
                          ["ligne 2", "Le champ n° 6 fait 2001 caractères, au-delà de la limite de 2000", "[csv.field_too_long]"])
    }

    func testMoreParticipantsThanTheLimitAreRefused() throws {
        let rows = (1...51).map { "T044-001;A1;RCP;10/03/2025;60;;;\(TestIDs.rpps($0));participant" }
        try assertRefused(["actions", "import", try write(([header] + rows).joined(separator: "\n") + "\n", "participants.csv")],
                          ["ligne 52, colonne « action »", "compte 51 participants ; au plus 50 par action", "[action.too_many_participants]"])
    }

    func testANameLongerThanTheLimitIsRefused() throws {
        let name = String(repeating: "N", count: 71)
        try assertRefused(["professional", "import", try write("""
            rpps;nom;prenom;profession;iban;bic;email;date_convention
            \(TestIDs.rpps(9));\(name);Anne;infirmier;\(TestIDs.iban(9));;;01/01/2024

            """, "nom.csv")], ["ligne 2, colonne « nom »", "Le nom compte 71 caractères ; 70 au plus", "[name.length]"])
    }

    func testATeamNameLongerThanTheLimitIsRefused() throws {
        let name = String(repeating: "E", count: 121)
        try assertRefused(["team", "import", try write("""
            equipe;nom;departement;numero_ars;date_enregistrement_ars;date_convention;forme_juridique;actions
            T044-009;\(name);44;ARS-9;01/01/2024;;aucune;RCP

            """, "equipe.csv")], ["ligne 2, colonne « nom »", "Le nom d'équipe dépasse 120 caractères", "[team.name_length]"])
    }

    func testABaremeLabelLongerThanTheLimitIsRefused() throws {
        let text = try String(contentsOf: HostileInputTests.corpus.appendingPathComponent("bareme-label-empty.toml"), encoding: .utf8)
            .replacingOccurrences(of: "label = \"  \"", with: "label = \"\(String(repeating: "L", count: 201))\"")
        try assertRefused(["tariff", "import", try write(text, "libelle.toml")],
                          ["colonne « types.RCP.label »", "libellé non vide d'au plus 200 caractères", "[tariff.label]"])
    }

    func testABaremeLargerThanTheLimitIsRefused() throws {
        let text = "# " + String(repeating: "x", count: 200_001) + "\n"
        try assertRefused(["tariff", "import", try write(text, "enorme.toml")],
                          ["le fichier dépasse 200000 caractères ; ce n'est pas un barème", "[tariff.too_large]"])
    }

    func testABaremeWithMoreTypesThanTheLimitIsRefused() throws {
        var text = try String(contentsOf: HostileInputTests.corpus.appendingPathComponent("bareme-label-empty.toml"), encoding: .utf8)
            .replacingOccurrences(of: "label = \"  \"", with: "label = \"RCP\"")
        for index in 1...50 {
            text += "\n[types.T\(index)]\nlabel = \"T\(index)\"\nunit = \"flat\"\nmin_professions = 1\n[types.T\(index).rates]\ndefault = \"1.00\"\n"
        }
        try assertRefused(["tariff", "import", try write(text, "types.toml")],
                          ["le barème définit 55 types ; au plus 50", "[tariff.too_many_types]"])
    }

    func testACancellationReasonLongerThanTheLimitIsRefused() throws {
        let s = try ActionsScenario()
        try s.cli.ok(["actions", "import", try s.actionsFile("a.csv", [s.rcp("A1", on: "10/03/2025", minutes: 60)])])
        let id = try XCTUnwrap(try s.actions().first?["id"] as? Int)
        try assertRefused(["actions", "cancel", String(id), "--reason", String(repeating: "r", count: 201)],
                          ["Indiquez le motif de l'annulation (200 caractères au plus)", "[cancel.reason]"], cli: s.cli)
    }
}

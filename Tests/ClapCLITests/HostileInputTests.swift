import Foundation
import XCTest

/// Bad input (product.md §8: a clear French error, nothing changed, no crash). Every file of `Tests/Hostile/` goes
/// through the real import command on a prepared database: exit 1, a message naming the line, the column when there
/// is one and the rule, and the database content unchanged (`sqlite3 .dump` compared before and after).
/// The folder sits beside the test targets, not in one, so that SwiftPM does not take it for sources or resources.
final class HostileInputTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Hostile")

    /// The prepared database (ActionsScenario: the default barème, one team of three, a 2025 grant), built once.
    static let prepared: Result<URL, Error> = Result { try ActionsScenario().cli.folder.appendingPathComponent("clap.sqlite") }

    /// A copy of the prepared database, and its dump.
    func preparedCopy() throws -> (CLI, String) {
        let cli = try CLI(today: "2026-01-15")
        try FileManager.default.copyItem(at: try Self.prepared.get(), to: URL(fileURLWithPath: cli.databasePath))
        return (cli, try dump(cli))
    }

    func dump(_ cli: CLI) throws -> String { try sqlite3(cli.databasePath, ".dump") }

    /// Runs `command file` and checks the refusal: exit 1, every expected text in the message, nothing written.
    func assertRefused(_ command: [String], _ file: URL, _ expected: [String],
                       sourceFile: StaticString = #filePath, line: UInt = #line) throws {
        let (cli, before) = try preparedCopy()
        let result = try cli.runLong(command + [file.path])
        let name = file.lastPathComponent
        XCTAssertEqual(result.status, 1, "\(name): \(result.stdout) \(result.stderr)", file: sourceFile, line: line)
        for text in expected {
            XCTAssertTrue(result.stderr.contains(text), "\(name): « \(text) » missing from\n\(result.stderr)", file: sourceFile, line: line)
        }
        XCTAssertFalse(result.stderr.contains("Erreur inattendue"), "\(name): \(result.stderr)", file: sourceFile, line: line)
        XCTAssertEqual(try dump(cli), before, "\(name) changed the database", file: sourceFile, line: line)
    }

    func hostile(_ name: String) -> URL { Self.corpus.appendingPathComponent(name) }

    /// Every file of the corpus is in one of the tables below: a new file without its expectation fails here.
    func testEveryCorpusFileIsChecked() throws {
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path))
        let checked = Set(actionFiles.keys).union(registryFiles.keys).union(baremeFiles.keys)
        XCTAssertEqual(files.subtracting(checked), [], "corpus files without an expectation")
        XCTAssertEqual(checked.subtracting(files), [], "expectations without a corpus file")
    }

    let actionFiles: [String: [String]] = [
        "actions-empty.csv": ["actions-empty.csv, ligne 1", "Le fichier est vide", "[csv.empty]"],
        "actions-header-only.csv": ["ligne 1", "ne contient que la ligne d'en-tête", "[csv.no_rows]"],
        "actions-binary.csv": ["ligne 1", "n'est pas un texte CSV", "[csv.binary]"],
        "actions-utf16le-bom.csv": ["encodage UTF-16", "[csv.binary]"],
        "actions-utf16be.csv": ["encodage UTF-16", "[csv.binary]"],
        "actions-utf32le.csv": ["[csv.binary]"],
        "actions-unbalanced-quote.csv": ["ligne 2", "Le guillemet ouvert ligne 2 n'est jamais refermé", "[csv.unbalanced_quote]"],
        "actions-10000-columns.csv": ["ligne 1", "Cette ligne a 10000 colonnes, au-delà de la limite de 64", "[csv.too_many_columns]"],
        "actions-date-31-02-2026.csv": ["ligne 2, colonne « date », valeur « 31/02/2026 »", "Le 31/02/2026 n'existe pas", "[date.invalid]"],
        "actions-duration-negative.csv": ["ligne 2, colonne « duree_minutes », valeur « -30 »", "[integer.format]"],
        "actions-duration-huge.csv": ["ligne 2, colonne « duree_minutes »", "hors de la plage acceptée (de 1 à 1440)", "[integer.range]"],
        "actions-duration-decimal.csv": ["ligne 2, colonne « duree_minutes », valeur « 60,005 »", "[integer.format]"],
        "actions-sql-in-reference.csv": ["ligne 2, colonne « action », valeur « A1'); DROP TABLE action;-- »", "[action.reference_format]"],
        "actions-formula-in-reference.csv": ["ligne 2, colonne « action », valeur « =cmd|' /C calc'!A0 »", "[action.reference_format]"],
        "actions-xml-in-reference.csv": ["ligne 2, colonne « action », valeur « <A1 x=\"1\">&B »", "[action.reference_format]"],
        "actions-sql-in-team.csv": ["ligne 2, colonne « equipe », valeur « T044'; DELETE FROM entry;-- »", "[team.id_format]"],
        "actions-nir-in-ref-cas.csv": ["ligne 2, colonne « ref_cas », valeur « 185057512345678 »", "ressemble à un numéro de sécurité sociale", "[patient.nir]"],
        "actions-nir13-in-ref-cas.csv": ["ligne 2, colonne « ref_cas », valeur « 2850575123456 »", "[patient.nir]"],
        "actions-unknown-team.csv": ["ligne 2, colonne « equipe », valeur « T049-999 »", "L'équipe T049-999 n'est pas enregistrée", "[team.unknown]"],
    ]

    let registryFiles: [String: [String]] = [
        "equipes-header-only.csv": ["ligne 1", "[csv.no_rows]"],
        "equipes-date-31-02-2026.csv": ["ligne 2, colonne « date_enregistrement_ars », valeur « 31/02/2026 »", "[date.invalid]"],
        "equipes-sql-in-id.csv": ["ligne 2, colonne « equipe », valeur « T044-002'); DROP TABLE team;-- »", "[team.id_format]"],
        "equipes-unbalanced-quote.csv": ["ligne 2", "Texte après un guillemet fermant ligne 2", "[csv.unbalanced_quote]"],
        "professionnels-empty.csv": ["ligne 1", "[csv.empty]"],
        "professionnels-binary.csv": ["ligne 1", "[csv.binary]"],
        "professionnels-name-too-long.csv": ["ligne 2, colonne « nom »", "Le nom compte 85 caractères ; 70 au plus", "[name.length]"],
        "professionnels-bad-iban.csv": ["ligne 2, colonne « iban »", "La clé de contrôle de l'IBAN est fausse", "[iban.checksum]"],
        "membres-date-31-02-2026.csv": ["ligne 2, colonne « date_debut », valeur « 31/02/2026 »", "[date.invalid]"],
        "membres-end-before-start.csv": ["ligne 2, colonne « date_fin »", "précède la date de début", "[membership.period_order]"],
    ]

    /// One barème per mistake; each is otherwise a valid newer version (effective 2026-01-01).
    let baremeFiles: [String: [String]] = [
        "bareme-empty.toml": ["ligne 1, colonne « name »", "clé obligatoire absente", "[tariff.missing_key]"],
        "bareme-binary.toml": ["n'est pas un barème TOML", "texte brut UTF-8", "[toml.binary]"],
        "bareme-syntax.toml": ["ligne 7", "n'est pas un TOML valide", "[tariff.syntax]"],
        "bareme-table-header-unnamed.toml": ["ligne 7", "un en-tête de table « [ » doit être suivi d'un nom de table", "[tariff.syntax]"],
        "bareme-unknown-key.toml": ["ligne 5, colonne « plafond_secret »", "clé inconnue", "[tariff.unknown_key]"],
        "bareme-missing-name.toml": ["colonne « name »", "[tariff.missing_key]"],
        "bareme-date-31-02.toml": ["ligne 3, colonne « effective_from », valeur « 2026-02-31 »", "[tariff.date]"],
        "bareme-not-newer.toml": ["ligne 3, colonne « effective_from », valeur « 2024-01-01 »", "doit être postérieur au 01/01/2025", "[tariff.not_newer]"],
        "bareme-rate-three-decimals.toml": ["colonne « types.RCP.rates.medecin », valeur « 80.005 »", "plus de deux décimales", "[tariff.amount_decimals]"],
        "bareme-rate-float.toml": ["colonne « types.RCP.rates.medecin »", "jamais un nombre à virgule flottante", "[tariff.amount_not_text]"],
        "bareme-rate-negative.toml": ["colonne « types.RCP.rates.default », valeur « -55.00 »", "[tariff.amount_negative]"],
        "bareme-rate-huge.toml": ["colonne « types.RCP.rates.default »", "dépasse le plus grand montant admis", "[tariff.amount_too_large]"],
        "bareme-rate-text.toml": ["valeur « cinquante-cinq »", "[tariff.amount_format]"],
        "bareme-cap-zero.toml": ["ligne 4, colonne « envelope_cap_per_team_year »", "[tariff.cap_not_positive]"],
        "bareme-cap-count-negative.toml": ["colonne « types.RCP.yearly_cap_per_professional », valeur « -1 »", "[tariff.cap_not_positive]"],
        "bareme-unknown-unit.toml": ["colonne « types.RCP.unit », valeur « minute »", "valeurs admises : hour, flat", "[tariff.unit]"],
        "bareme-minutes-reversed.toml": ["colonne « types.RCP.min_minutes »", "dépasse « max_minutes »", "[tariff.minutes]"],
        "bareme-minutes-on-flat.toml": ["colonne « types.RCP_PATIENT.max_minutes »", "[tariff.minutes_flat]"],
        "bareme-missing-type.toml": ["colonne « types.PROTOCOLE »", "le type obligatoire « PROTOCOLE » manque", "[tariff.missing_type]"],
        "bareme-missing-rate.toml": ["colonne « types.RCP.rates.default »", "[tariff.missing_rate]"],
        "bareme-type-code.toml": ["colonne « types.etp-bis »", "n'est pas un code de type valide", "[tariff.type_code]"],
        "bareme-min-professions.toml": ["colonne « types.RCP.min_professions », valeur « 0 »", "[tariff.min_professions]"],
        "bareme-value-type.toml": ["colonne « types.RCP.min_professions »", "doit être un nombre entier, pas un texte", "[tariff.value_type]"],
        "bareme-inconsistent.toml": ["colonne « types.PPS.once_per_case_per_year »", "[tariff.inconsistent]"],
        "bareme-legal-form.toml": ["valeur « cooperative »", "[tariff.legal_form]"],
        "bareme-label-empty.toml": ["colonne « types.RCP.label »", "[tariff.label]"],
    ]

    func testEveryHostileActionsFileIsRefusedAndChangesNothing() throws {
        for (name, expected) in actionFiles.sorted(by: { $0.key < $1.key }) {
            try assertRefused(["actions", "import"], hostile(name), expected)
        }
    }

    func testEveryHostileRegistryFileIsRefusedAndChangesNothing() throws {
        for (name, expected) in registryFiles.sorted(by: { $0.key < $1.key }) {
            let command = name.hasPrefix("equipes") ? ["team", "import"]
                : name.hasPrefix("professionnels") ? ["professional", "import"] : ["member", "import"]
            try assertRefused(command, hostile(name), expected)
        }
    }

    func testEveryFaultyBaremeIsRefusedAndChangesNothing() throws {
        for (name, expected) in baremeFiles.sorted(by: { $0.key < $1.key }) {
            try assertRefused(["tariff", "import"], hostile(name), expected)
        }
    }

    /// A 50 MB line, made here (never committed): refused on its length before anything reads it as CSV.
    func testAFiftyMegabyteLineIsRefusedQuickly() throws {
        let (cli, _) = try preparedCopy()
        let url = cli.folder.appendingPathComponent("ligne-50-mo.csv")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: Data("equipe;action;type;date;duree_minutes;ref_cas;ref_protocole;rpps;role\nT044-001;".utf8))
        let block = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<50 { try handle.write(contentsOf: block) }
        try handle.close()
        let started = Date()
        try assertRefused(["actions", "import"], url, ["ligne-50-mo.csv, ligne 2", "La ligne 2 fait", "[csv.line_too_long]"])
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "refused on its length, not after parsing it")
    }

    /// Names are people's names: apostrophes, ampersands, brackets and a leading « = » are legitimate characters and
    /// are kept as typed. What matters is that they are never interpreted: not as SQL (every statement binds its
    /// values), not as XML (the SEPA writer escapes and transliterates), not as a spreadsheet formula (the CSV writer
    /// neutralises the cell).
    func testHostileNamesAreKeptVerbatimAndNeverInterpreted() throws {
        let s = try ActionsScenario()
        let names = ["Robert'); DROP TABLE professional;--", "<Nm>&amp;</Nm> \"Zoé\"", "=cmd|' /C calc'!A0"]
        try s.cli.ok(["professional", "import", try s.file("hostiles.csv", """
            rpps;nom;prenom;profession;iban;bic;email;date_convention
            \(s.doctor);"\(names[0])";Anne;medecin_generaliste;\(TestIDs.iban(1));;;01/01/2024
            \(s.nurse);"\(names[1].replacingOccurrences(of: "\"", with: "\"\""))";Luc;infirmier;\(TestIDs.iban(2));;;01/01/2024
            \(s.physio);"\(names[2])";"+SUM(A1)";masseur_kinesitherapeute;\(TestIDs.iban(3));;;01/01/2024
            """)])
        let stored = try sqlite3(s.cli.databasePath, "SELECT last_name FROM professional ORDER BY rpps")
        XCTAssertEqual(stored, names.joined(separator: "\n") + "\n", "kept as typed")
        try s.cli.ok(["actions", "import", try s.actionsFile("a.csv", [s.rcp("A1", on: "10/03/2025", minutes: 60),
                                                                      s.rcp("A2", on: "11/03/2025", minutes: 60, with: s.physio)])])
        let out = s.cli.folder.appendingPathComponent("virements").path
        try s.cli.ok(["payout", "run", "--month", "2025-03", "--execution-date", "05/04/2025", "--out", out])
        // The tables are all there and the ledger holds.
        XCTAssertEqual(try sqlite3(s.cli.databasePath, "SELECT COUNT(*) FROM professional"), "3\n")
        try s.cli.ok(["verify"])
        // The SEPA file is well-formed XML with no markup from a name.
        let xml = URL(fileURLWithPath: out).appendingPathComponent("VIR-2025-03.xml")
        XCTAssertEqual(try runTool("xmllint", ["--noout", xml.path]).status, 0)
        let text = try String(contentsOf: xml, encoding: .utf8)
        XCTAssertFalse(text.contains("<Nm>&amp;</Nm>"), "a name never becomes markup")
        let opened = text.components(separatedBy: "<Nm>").count - 1
        let plain = try NSRegularExpression(pattern: "<Nm>[^<>&]*</Nm>").numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
        XCTAssertGreaterThanOrEqual(opened, 4, "the debtor and three creditors")
        XCTAssertEqual(plain, opened, "every name is plain text, transliterated to the SEPA character set: \(text)")
        // The bordereau neutralises the cell that starts like a formula.
        let csv = try String(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("VIR-2025-03-bordereau.csv"), encoding: .utf8)
        for cell in csv.split(whereSeparator: { $0 == ";" || $0 == "\n" || $0 == "\r" }) {
            let value = cell.hasPrefix("\"") ? cell.dropFirst() : cell[...]
            XCTAssertFalse(["=", "+", "@"].contains(value.first.map(String.init) ?? ""), "cell « \(cell) » starts a formula")
        }
    }
}

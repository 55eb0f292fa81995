import ClapStore
import Foundation
import LedgerCore
import XCTest
import ClapTestSupport

/// `clap payout run | show | list | reject | confirm` as the treasurer types them.
final class PayoutCLITests: XCTestCase {
    let longName = "D'Aubigné & Lefèvre-Œuvray de la Comté des Pays de la Loire Atlantique"

    /// Three professionals of one team; two October actions imported and valued through a barème tailored so that
    /// the doctor is owed 183,45 €, one nurse 80,00 € and the other 0,50 € (under the threshold).
    func preparedCLI() throws -> CLI {
        let cli = try CLI(today: "2025-11-03")
        try cli.initialize()
        func write(_ name: String, _ text: String) throws -> String {
            let url = cli.folder.appendingPathComponent(name)
            try Data((text + "\n").utf8).write(to: url)
            return url.path
        }
        let defaultBareme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/bareme-defaut.toml")
        let bareme = try String(contentsOf: defaultBareme, encoding: .utf8)
            .replacingOccurrences(of: "medecin = \"80.00\"\ndefault = \"55.00\"", with: "medecin = \"123.45\"\ndefault = \"80.00\"")
            .replacingOccurrences(of: "medecin = \"60.00\"\ndefault = \"45.00\"", with: "medecin = \"60.00\"\ndefault = \"0.50\"")
        XCTAssertTrue(bareme.contains("123.45") && bareme.contains("\"0.50\""), "the tailored barème must really change the rates")
        try cli.ok(["tariff", "import", try write("bareme.toml", bareme)])
        try cli.ok(["team", "import", try write("equipes.csv", """
            equipe;nom;departement;numero_ars;date_enregistrement_ars;date_convention;forme_juridique;actions
            T044-001;ESP CLAP Test;44;ARS-1;01/01/2024;01/02/2024;aucune;RCP+RCP_PATIENT
            """)])
        try cli.ok(["professional", "import", try write("pros.csv", """
            rpps;nom;prenom;profession;iban;bic;email;date_convention
            \(TestIDs.rpps(1));\(longName);Zoé;medecin_generaliste;\(TestIDs.iban(1));;;01/01/2025
            \(TestIDs.rpps(2));Martin;Paul;infirmier;\(TestIDs.iban(2));;;01/01/2025
            \(TestIDs.rpps(3));Durand;Léa;infirmier;\(TestIDs.iban(3));;;01/01/2025
            """)])
        try cli.ok(["member", "import", try write("membres.csv", """
            equipe;rpps;date_debut;date_fin
            T044-001;\(TestIDs.rpps(1));01/01/2025;
            T044-001;\(TestIDs.rpps(2));01/01/2025;
            T044-001;\(TestIDs.rpps(3));01/01/2025;
            """)])
        try cli.ok(["envelope", "grant", "--team", "T044-001", "--year", "2025", "--date", "15/01/2025"])
        let imported = try cli.ok(["actions", "import", try write("actions.csv", """
            equipe;action;type;date;duree_minutes;ref_cas;ref_protocole;rpps;role
            T044-001;RCP-1;RCP;02/10/2025;60;;;\(TestIDs.rpps(1));participant
            T044-001;RCP-1;RCP;02/10/2025;60;;;\(TestIDs.rpps(2));participant
            T044-001;PPS-2;RCP_PATIENT;21/10/2025;;CAS-7;;\(TestIDs.rpps(1));participant
            T044-001;PPS-2;RCP_PATIENT;21/10/2025;;CAS-7;;\(TestIDs.rpps(3));participant
            """)])
        XCTAssertTrue(imported.stdout.contains("2 action(s) payée(s) pour 263,95"), imported.stdout)
        return cli
    }

    func testRunShowRejectConfirmAndRunAgain() throws {
        let cli = try preparedCLI()
        let out = cli.folder.appendingPathComponent("virements/2025").path
        let run = try cli.ok(["payout", "run", "--month", "2025-10", "--execution-date", "05/11/2025", "--out", out])
        XCTAssertTrue(run.stdout.contains("Lot VIR-2025-10 créé : 2 virement(s)"), run.stdout)
        XCTAssertTrue(run.stdout.contains("payout.below_threshold"), run.stdout)
        XCTAssertFalse(run.stdout.contains(TestIDs.iban(1)), "IBANs are masked outside the SEPA file")
        let attributes = try FileManager.default.attributesOfItem(atPath: out)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o700)

        let xmlURL = URL(fileURLWithPath: out).appendingPathComponent("VIR-2025-10.xml")
        let csvURL = URL(fileURLWithPath: out).appendingPathComponent("VIR-2025-10-bordereau.csv")
        let xml = try Data(contentsOf: xmlURL)
        let csv = try Data(contentsOf: csvURL)
        let validation = try PayoutSchemaTool.validate(xml, version: "pain.001.001.09")
        XCTAssertEqual(validation.status, 0, validation.output)
        let text = String(decoding: xml, as: UTF8.self)
        XCTAssertTrue(text.contains("<NbOfTxs>2</NbOfTxs>"))
        XCTAssertTrue(text.contains("<CtrlSum>263.45</CtrlSum>"), text)
        XCTAssertTrue(text.contains("<EndToEndId>VIR-2025-10-\(TestIDs.rpps(1))</EndToEndId>"))
        XCTAssertTrue(text.contains("<IBAN>\(TestIDs.iban(1))</IBAN>"))
        XCTAssertTrue(text.contains("<Ustrd>ESP CLAP indemnites 2025-10</Ustrd>"))
        XCTAssertTrue(text.contains("<Nm>Zoe D'AUBIGNE + LEFEVRE-OEUVRAY DE LA COMTE DES PAYS DE LA LOIRE ATLAN</Nm>"), text)
        XCTAssertTrue(text.contains("<Nm>Association regionale ESP CLAP</Nm>"))
        XCTAssertTrue(text.contains("<Dt>2025-11-05</Dt>"))

        let rows = String(decoding: csv, as: UTF8.self).components(separatedBy: "\r\n")
        XCTAssertEqual(rows[0], "\u{FEFF}RPPS;Nom;IBAN (masqué);Montant;EndToEndId;Actions payées")
        XCTAssertEqual(rows[1], "\(TestIDs.rpps(1));Zoé \(longName.uppercased());FR\(TestIDs.iban(1).dropFirst(2).prefix(2)) **** **** **** **** **** \(TestIDs.iban(1).suffix(3));183,45;VIR-2025-10-\(TestIDs.rpps(1));T044-001/RCP-1, T044-001/PPS-2")
        XCTAssertEqual(rows[2].split(separator: ";").dropFirst(3).first, "80,00")
        XCTAssertTrue(rows[2].hasSuffix(";T044-001/RCP-1"), rows[2])
        XCTAssertFalse(String(decoding: csv, as: UTF8.self).contains(TestIDs.iban(2)))

        // The same month again: the same batch, the same bytes, no second payment.
        var later = cli
        later.environment["CLAP_TODAY"] = "2025-11-04"
        let again = try later.ok(["payout", "run", "--month", "2025-10", "--execution-date", "06/11/2025", "--out", out])
        XCTAssertTrue(again.stdout.contains("existe déjà"), again.stdout)
        XCTAssertTrue(again.stdout.contains("paramètres d'origine"), again.stdout)
        XCTAssertEqual(try Data(contentsOf: xmlURL), xml)
        XCTAssertEqual(try Data(contentsOf: csvURL), csv)

        let show = try cli.ok(["payout", "show", "VIR-2025-10"])
        XCTAssertTrue(show.stdout.contains("VIR-2025-10-\(TestIDs.rpps(2))"), show.stdout)
        XCTAssertTrue(show.stdout.contains("183,45"), show.stdout)
        XCTAssertFalse(show.stdout.contains(TestIDs.iban(2)))
        let json = try cli.ok(["payout", "show", "2025-10", "--json"])
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["totalCentimes"] as? Int, 26_345)
        XCTAssertEqual((object["virements"] as? [[String: Any]])?.count, 2)
        XCTAssertEqual((object["exclusions"] as? [[String: Any]])?.first?["code"] as? String, "payout.below_threshold")

        let reject = try cli.ok(["payout", "reject", "VIR-2025-10", "--rpps", TestIDs.rpps(2), "--reason", "Compte clos"])
        XCTAssertTrue(reject.stdout.contains("rejeté"), reject.stdout)
        let twice = try cli.run(["payout", "reject", "VIR-2025-10", "--rpps", TestIDs.rpps(2), "--reason", "Compte clos"])
        XCTAssertEqual(twice.status, 1)
        XCTAssertTrue(twice.stderr.contains("payout.already_rejected"), twice.stderr)
        XCTAssertEqual(try cli.run(["payout", "reject", "VIR-2025-10", "--rpps", TestIDs.rpps(3), "--reason", "x"]).status, 1)
        XCTAssertEqual(try cli.run(["payout", "show", "VIR-2025-09"]).status, 1)
        XCTAssertTrue(try cli.ok(["payout", "show", "VIR-2025-10"]).stdout.contains("rejeté le 05/11/2025 : Compte clos"))
        try cli.ok(["payout", "confirm", "VIR-2025-10"])
        XCTAssertTrue(try cli.ok(["payout", "list"]).stdout.contains("exécuté"))

        // November pays the rejected transfer again, in the older message version.
        let november = try cli.ok(["payout", "run", "--month", "2025-11", "--execution-date", "2025-12-05", "--out", out,
                                   "--sepa", "pain.001.001.03", "--threshold", "0,40"])
        XCTAssertTrue(november.stdout.contains("2 virement(s)"), november.stdout)
        let xml03 = try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("VIR-2025-11.xml"))
        let validation03 = try PayoutSchemaTool.validate(xml03, version: "pain.001.001.03")
        XCTAssertEqual(validation03.status, 0, validation03.output)
        XCTAssertTrue(String(decoding: xml03, as: UTF8.self).contains("<InstdAmt Ccy=\"EUR\">80.00</InstdAmt>"))
        let list = try cli.ok(["payout", "list", "--json"])
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])?.map { $0["lot"] as? String },
                       ["VIR-2025-10", "VIR-2025-11"])
        try cli.ok(["verify"])
    }

    /// 72 professionals: the run prints the first 20 transfers and says where the others are; the files and
    /// `payout show` have them all.
    func testALargeBatchPrintsASummaryAndTheFilesListEveryTransfer() throws {
        let cli = try CLI(today: "2025-11-03")
        try KillScenarios.registry(cli)
        try cli.ok(["actions", "import", try KillScenarios.actionsFile(cli, perTeam: 4)])
        let out = cli.folder.appendingPathComponent("virements").path
        let run = try cli.ok(["payout", "run", "--month", "2025-10", "--execution-date", "05/11/2025", "--out", out])
        XCTAssertTrue(run.stdout.contains("Lot VIR-2025-10 créé : 72 virement(s), total "), run.stdout)
        XCTAssertTrue(run.stdout.contains("Fichier : \(out)/VIR-2025-10-bordereau.csv"), run.stdout)
        let transferLines = run.stdout.split(separator: "\n").filter { $0.contains("  VIR-2025-10-") }
        XCTAssertEqual(transferLines.count, 20, run.stdout)
        XCTAssertTrue(run.stdout.contains("… et 52 autres virements (72 en tout) : la liste complète est dans le bordereau "
                                          + "VIR-2025-10-bordereau.csv et dans « clap payout show VIR-2025-10 »."), run.stdout)

        let csv = try String(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("VIR-2025-10-bordereau.csv"), encoding: .utf8)
        XCTAssertEqual(csv.components(separatedBy: "\r\n").filter { $0.contains(";VIR-2025-10-") }.count, 72)
        let xml = try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent("VIR-2025-10.xml"))
        XCTAssertTrue(String(decoding: xml, as: UTF8.self).contains("<NbOfTxs>72</NbOfTxs>"))
        let validation = try PayoutSchemaTool.validate(xml, version: "pain.001.001.09")
        XCTAssertEqual(validation.status, 0, validation.output)
        let show = try cli.ok(["payout", "show", "VIR-2025-10"])
        XCTAssertEqual(show.stdout.split(separator: "\n").filter { $0.contains("  VIR-2025-10-") }.count, 72)
        XCTAssertFalse(show.stdout.contains("…"))
    }

    /// A name with nothing left once written in SEPA's Latin characters: the EPC checks refuse the file inside the
    /// transaction, so nothing is paid; once the name is corrected the run goes through.
    func testABatchWhoseSEPAFileTheEPCRulesRefuseIsNotPaid() throws {
        let cli = try preparedCLI()
        func importName(_ last: String, _ first: String) throws {
            let url = cli.folder.appendingPathComponent("pro1.csv")
            try Data("""
                rpps;nom;prenom;profession;iban;bic;email;date_convention
                \(TestIDs.rpps(1));\(last);\(first);medecin_generaliste;\(TestIDs.iban(1));;;01/01/2025

                """.utf8).write(to: url)
            try cli.ok(["professional", "import", url.path])
        }
        try importName("王", "秀英")
        let out = cli.folder.appendingPathComponent("virements").path
        let refused = try cli.run(["payout", "run", "--month", "2025-10", "--execution-date", "05/11/2025", "--out", out])
        XCTAssertEqual(refused.status, 1, refused.stdout + refused.stderr)
        XCTAssertTrue(refused.stderr.contains("payout.sepa"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("Le fichier SEPA du lot VIR-2025-10 ne peut pas être écrit : nom vide"), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/VIR-2025-10.xml"))
        XCTAssertEqual(try cli.ok(["payout", "list"]).stdout, "Aucun lot de virements.\n")
        try cli.ok(["verify"])

        try importName("Wang", "Xiuying")
        let run = try cli.ok(["payout", "run", "--month", "2025-10", "--execution-date", "05/11/2025", "--out", out])
        XCTAssertTrue(run.stdout.contains("Lot VIR-2025-10 créé : 2 virement(s)"), run.stdout)
        XCTAssertTrue(String(decoding: try Data(contentsOf: URL(fileURLWithPath: out + "/VIR-2025-10.xml")), as: UTF8.self)
            .contains("<Nm>Xiuying WANG</Nm>"))
    }

    func testUsageErrorsExitWithTwo() throws {
        let cli = try CLI()
        try cli.initialize()
        for arguments in [["payout", "run", "--month", "2025-13", "--execution-date", "05/11/2025", "--out", "x"],
                          ["payout", "run", "--month", "2025-10", "--execution-date", "31/11/2025", "--out", "x"],
                          ["payout", "run", "--month", "2025-10", "--execution-date", "05/11/2025", "--out", "x", "--sepa", "pain.001.001.02"],
                          ["payout", "run", "--month", "2025-10", "--execution-date", "05/11/2025", "--out", "x", "--threshold", "1,234"],
                          ["payout", "show", "VIR-25"]] {
            let result = try cli.run(arguments)
            XCTAssertEqual(result.status, 2, "\(arguments) → \(result.stderr)")
        }
        let negative = try cli.run(["payout", "run", "--month", "2025-10", "--execution-date", "05/11/2025", "--out", "x", "--threshold=-1"])
        XCTAssertEqual(negative.status, 1, negative.stderr)
        let nobody = try cli.ok(["payout", "run", "--month", "2025-10", "--execution-date", "05/11/2025", "--out", "x"])
        XCTAssertTrue(nobody.stdout.contains("personne n'est à payer"), nobody.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("x/VIR-2025-10.xml").path))
    }
}

/// Validates a written pain.001 file against the official XSD with `xmllint` (the XSDs ship in the PyPI package sepaxml).
enum PayoutSchemaTool {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static func validate(_ data: Data, version: String) throws -> (status: Int32, output: String) {
        var root = ProcessInfo.processInfo.environment["CLAP_PAIN_XSD_DIR"] ?? ""
        if root.isEmpty {
            let python = try run(["python3", "-c", "import sepaxml, os; print(os.path.dirname(sepaxml.__file__))"])
            guard python.status == 0 else { throw Failure(description: "pip install sepaxml (as .ci/run does): " + python.output) }
            root = python.output.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var schema: String?
        let files = FileManager.default.enumerator(atPath: root)
        while let relative = files?.nextObject() as? String, schema == nil {
            if (relative as NSString).lastPathComponent == version + ".xsd" { schema = (root as NSString).appendingPathComponent(relative) }
        }
        guard let schema else { throw Failure(description: "\(version).xsd not found under \(root)") }
        let file = ScratchFolder.url("clap-payout", suffix: ".xml")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try run(["xmllint", "--noout", "--schema", schema, file.path])
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}

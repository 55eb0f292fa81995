import Foundation
import XCTest

/// Privacy (product.md §8): IBANs appear in full only in SEPA files, no patient identity anywhere, every file and
/// folder clap writes is its owner's only. The demo year is the data: every file of its folder is scanned, whatever
/// it is, so that outputs added later are covered without touching this test.
final class PrivacyTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The demo's IBANs in electronic form: every professional's, and the association's.
    func demoIBANs() throws -> [String] {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("demo/professionnels.csv"), encoding: .utf8)
        let header = text.split(separator: "\n")[0].split(separator: ";").map(String.init)
        let column = try XCTUnwrap(header.firstIndex(of: "iban"))
        let ibans = text.split(separator: "\n").dropFirst().map { line in
            String(line.split(separator: ";", omittingEmptySubsequences: false)[column]).replacingOccurrences(of: " ", with: "").uppercased()
        }
        XCTAssertGreaterThan(ibans.count, 30)
        return ibans + ["FR7615519391000002012340129"]
    }

    /// The forms an IBAN could leak in: electronic, grouped by four as printed, and its BBAN (the French RIB digits).
    func leakForms(of iban: String) -> [String] {
        let grouped = stride(from: 0, to: iban.count, by: 4).map { start -> String in
            let from = iban.index(iban.startIndex, offsetBy: start)
            return String(iban[from..<(iban.index(from, offsetBy: 4, limitedBy: iban.endIndex) ?? iban.endIndex)])
        }.joined(separator: " ")
        return [iban, grouped, String(iban.dropFirst(4))]
    }

    /// The demo folder, made once for the three tests.
    static let demo: Result<(CLI, URL), Error> = Result { try makeDemoFolder() }

    func demoFolder() throws -> (CLI, URL) { try Self.demo.get() }

    /// Runs the demo into a folder of its own, then a set of listing and report commands (their output kept in
    /// `sorties-commandes/`) and every export, so that the scan below sees everything clap can write or print.
    static func makeDemoFolder() throws -> (CLI, URL) {
        var cli = try CLI(today: "2026-01-15")
        let folder = cli.folder.appendingPathComponent("demo")
        let db = folder.appendingPathComponent("clap.sqlite").path
        cli.environment["CLAP_DB"] = db
        try cli.ok(["demo", "--db", db])
        let exports = folder.appendingPathComponent("exports").path
        try cli.ok(["export", "journal", "--out", exports + "/journal-2025.csv"])
        try cli.ok(["export", "fec", "--year", "2025", "--out", exports])
        try cli.ok(["export", "ledger", "--format", "hledger", "--out", exports + "/clap.journal"])
        try cli.ok(["export", "ledger", "--format", "beancount", "--out", exports + "/clap.beancount"])
        try cli.ok(["backup", folder.appendingPathComponent("sauvegarde.sqlite").path])
        let printed = folder.appendingPathComponent("sorties-commandes")
        try FileManager.default.createDirectory(at: printed, withIntermediateDirectories: true)
        let rpps = "10748602298"
        let commands: [[String]] = [
            ["balance"], ["balance", "--aux"], ["balance", "--aux", "--json"], ["verify", "--anchor"], ["audit-log"], ["audit-log", "--json"],
            ["team", "list"], ["team", "list", "--json"], ["team", "show", "T044-001"], ["professional", "list"],
            ["professional", "list", "--json"], ["professional", "show", rpps], ["professional", "show", rpps, "--json"],
            ["tariff", "list"], ["tariff", "show"], ["envelope", "status", "--year", "2025"], ["envelope", "status", "--year", "2025", "--json"],
            ["actions", "list"], ["actions", "list", "--json"], ["payout", "list"], ["payout", "list", "--json"],
            ["payout", "show", "VIR-2025-06"], ["payout", "show", "VIR-2025-06", "--json"], ["export", "list"],
        ]
        for (index, command) in commands.enumerated() {
            let result = try cli.ok(command)
            try Data((result.stdout + result.stderr).utf8).write(to: printed.appendingPathComponent("\(index)-\(command.joined(separator: "_")).txt"))
        }
        return (cli, folder)
    }

    /// Every regular file under `folder`, recursively.
    func files(under folder: URL) throws -> [URL] {
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]))
        return enumerator.compactMap { $0 as? URL }.filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
    }

    /// The databases hold IBANs by design (the payout needs them): they are the store of record, owner-only, and
    /// are checked for modes, not scanned for IBANs. Everything else is output.
    func isDatabase(_ url: URL) -> Bool {
        let name = url.lastPathComponent
        return name.hasSuffix(".sqlite") || name.hasSuffix(".sqlite-wal") || name.hasSuffix(".sqlite-shm") || name.contains(".avant-restauration-")
    }

    func testIbansAppearInFullOnlyInSepaFilesAndNoNirShapedNumberAnywhere() throws {
        let (_, folder) = try demoFolder()
        let ibans = try demoIBANs()
        let all = try files(under: folder)
        XCTAssertGreaterThan(all.filter { $0.pathExtension == "xml" }.count, 10, "the demo wrote its SEPA files")
        XCTAssertGreaterThan(all.count, 40)
        var sepaHoldsIBANs = false
        for file in all where !isDatabase(file) {
            let original = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            let isSepa = file.pathExtension == "xml" && original.contains("urn:iso:std:iso:20022:tech:xsd:pain.001")
            // A SEPA file carries each creditor's and the debtor's IBAN in its <IBAN> elements, and only there.
            let text = isSepa ? original.replacingOccurrences(of: "<IBAN>[A-Z0-9]+</IBAN>", with: "<IBAN/>", options: .regularExpression)
                              : original
            if isSepa, ibans.contains(where: { original.contains("<IBAN>\($0)</IBAN>") }) { sepaHoldsIBANs = true }
            for iban in ibans {
                for form in leakForms(of: iban) where text.contains(form) {
                    XCTFail("\(file.lastPathComponent) shows the IBAN \(iban) as « \(form) »")
                }
            }
            for number in nirShapedNumbers(in: text, isSepa: isSepa) {
                XCTFail("\(file.lastPathComponent) holds a NIR-shaped number \(number)")
            }
        }
        XCTAssertTrue(sepaHoldsIBANs, "the SEPA files, and only they, carry the IBANs")
    }

    /// The database itself holds no NIR-shaped number either (besides the IBANs it must keep).
    func testTheDatabaseHoldsNoNirShapedNumber() throws {
        let (cli, _) = try demoFolder()
        var dump = try sqlite3(cli.environment["CLAP_DB"] ?? "", ".dump")
        for iban in try demoIBANs() { dump = dump.replacingOccurrences(of: iban, with: "IBAN") }
        XCTAssertEqual(nirShapedNumbers(in: dump, isSepa: false), [])
    }

    /// 13 or 15 digits in a row (a NIR without or with its key), not part of a longer run of digits.
    /// Left out, because they are known long identifiers and not a person's: the IBANs inside `<IBAN>` elements of a
    /// SEPA file (allowed there; their digits run to 23 anyway) and SHA-256 hashes (64 hexadecimal characters, in
    /// `verify --anchor`, the export list and the dump), whose digits can happen to line up 13 in a row. Nothing
    /// else is excused: RPPS are 11 digits, SIREN 9, the FEC file name splits its SIREN from its date with « FEC »,
    /// dates and amounts are shorter.
    func nirShapedNumbers(in text: String, isSepa: Bool) -> [String] {
        var text = text
        if isSepa { text = text.replacingOccurrences(of: "<IBAN>[A-Z0-9]+</IBAN>", with: "<IBAN/>", options: .regularExpression) }
        text = text.replacingOccurrences(of: "[0-9a-f]{64}", with: "<sha256>", options: .regularExpression)
        let pattern = try? NSRegularExpression(pattern: "(?<![0-9])([0-9]{13}|[0-9]{15})(?![0-9])")
        return pattern?.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range, in: text).map { String(text[$0]) }
        } ?? []
    }

    func testEveryFileAndFolderTheDemoWritesIsTheOwnersOnly() throws {
        let (_, folder) = try demoFolder()
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
        var checked = 0
        for case let url as URL in [folder] + enumerator.compactMap({ $0 as? URL }) {
            // The command outputs above were saved by this test, not by clap.
            guard !url.path.contains("sorties-commandes") else { continue }
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
            let isFolder = (attributes[.type] as? FileAttributeType) == .typeDirectory
            XCTAssertEqual(mode, isFolder ? 0o700 : 0o600, "\(url.path) is \(String(mode, radix: 8))")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 25)
    }
}

/// Access (product.md §8): every command that writes the database is in the audit log, with its operator
/// (`CLAP_OPERATOR`) and time. Every subcommand of `clap` is classified below: a new one fails the first test until
/// it is, so a writing command added later cannot escape this check.
final class PrivacyAuditTests: XCTestCase {
    /// Commands that write the database, each exercised by `testEveryWritingCommandIsAuditedWithOperatorAndTime`.
    static let writing: Set = [
        "init", "team import", "team add", "team status", "professional import", "professional add", "professional deactivate",
        "professional reactivate", "member import", "member add", "tariff import", "envelope grant", "envelope receive",
        "actions import", "actions cancel", "actions revalue", "payout run", "payout confirm", "payout reject",
        "export journal", "export fec", "export ledger", "restore", "demo",
        "close month", "close year", "envelope carry-over", "envelope refund", "envelope refund-paid",
        "statement", "report ars", "report das2", "ledger",  // these four record their files in the export register
    ]
    /// Commands that only read the database (`backup` writes a copy, not the database).
    static let reading: Set = [
        "team list", "team show", "professional list", "professional show", "tariff list", "tariff show", "envelope status",
        "actions list", "payout list", "payout show", "balance", "verify", "export list", "audit-log", "backup",
        "generate",  // writes made-up CSV files, never a database
    ]

    /// `clap`'s subcommands, read from its help: `group sub` for groups, `name` otherwise.
    func subcommands(_ path: [String] = []) throws -> [String] {
        let help = try runProgram(CLI.executable, path + ["--help"]).stdout
        guard let section = help.range(of: "SOUS-COMMANDES :") else { return [path.joined(separator: " ")] }
        let names = help[section.upperBound...].split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first else { return nil }
            return String(name)
        }.filter { $0 != "Aide" && $0 != "help" }
        return try names.flatMap { try subcommands(path + [$0]) }
    }

    func testEverySubcommandIsClassifiedAsWritingOrReading() throws {
        let all = Set(try subcommands())
        XCTAssertGreaterThan(all.count, 30)
        XCTAssertEqual(all.subtracting(Self.writing).subtracting(Self.reading), [],
                       "new subcommands: add each to PrivacyAuditTests.writing (and exercise it) or .reading")
        XCTAssertEqual(Self.writing.union(Self.reading).subtracting(all), [], "classified commands that no longer exist")
        XCTAssertEqual(Self.writing.intersection(Self.reading), [])
    }

    func testEveryWritingCommandIsAuditedWithOperatorAndTime() throws {
        var cli = try CLI(today: "2025-11-03")
        let barème = PrivacyTests.fixtures.appendingPathComponent("bareme-defaut.toml").path
        func file(_ name: String, _ text: String) throws -> String {
            let url = cli.folder.appendingPathComponent(name)
            try Data((text + "\n").utf8).write(to: url)
            return url.path
        }
        let (doctor, nurse, physio) = (TestIDs.rpps(1), TestIDs.rpps(2), TestIDs.rpps(3))
        let backup = cli.folder.appendingPathComponent("sauvegarde.sqlite").path
        let session: [(String, [String])] = [
            ("init", ["init", "--name", "Association", "--siren", "882413578", "--iban", "FR7615519391000002012340129"]),
            ("tariff import", ["tariff", "import", barème]),
            ("team import", ["team", "import", try file("equipes.csv", """
                equipe;nom;departement;numero_ars;date_enregistrement_ars;date_convention;forme_juridique;actions
                T044-001;ESP CLAP Test;44;ARS-1;01/01/2024;01/02/2024;aucune;RCP
                """)]),
            ("team add", ["team", "add", "--id", "T049-001", "--name", "ESP CLAP Deux", "--department", "49", "--actions", "RCP"]),
            ("team status", ["team", "status", "T044-001", "--to", "suspendue", "--from", "01/12/2025"]),
            ("professional import", ["professional", "import", try file("pros.csv", """
                rpps;nom;prenom;profession;iban;bic;email;date_convention
                \(doctor);Martin;Anne;medecin_generaliste;\(TestIDs.iban(1));;;01/01/2024
                \(nurse);Durand;Luc;infirmier;\(TestIDs.iban(2));;;01/01/2024
                """)]),
            ("professional add", ["professional", "add", "--rpps", physio, "--last-name", "Petit", "--first-name", "Léa",
                                  "--profession", "masseur_kinesitherapeute", "--iban", TestIDs.iban(3)]),
            ("professional deactivate", ["professional", "deactivate", physio]),
            ("professional reactivate", ["professional", "reactivate", physio]),
            ("member import", ["member", "import", try file("membres.csv", "equipe;rpps;date_debut;date_fin\nT044-001;\(doctor);01/01/2024;")]),
            ("member add", ["member", "add", "--team", "T044-001", "--rpps", nurse, "--from", "01/01/2024"]),
            ("envelope grant", ["envelope", "grant", "--team", "T044-001", "--year", "2025", "--date", "15/01/2025"]),
            ("envelope receive", ["envelope", "receive", "--team", "T044-001", "--year", "2025", "--amount", "1000", "--date", "10/02/2025"]),
            ("actions import", ["actions", "import", try file("actions.csv", """
                equipe;action;type;date;duree_minutes;ref_cas;ref_protocole;rpps;role
                T044-001;A1;RCP;10/03/2025;60;;;\(doctor);participant
                T044-001;A1;RCP;10/03/2025;60;;;\(nurse);participant
                T044-001;A2;RCP;11/03/2025;60;;;\(doctor);participant
                T044-001;A2;RCP;11/03/2025;60;;;\(nurse);participant
                T044-001;A3;RCP;12/03/2025;60;;;\(doctor);participant
                T044-001;A3;RCP;12/03/2025;60;;;\(physio);participant
                """)]),
            ("actions cancel", ["actions", "cancel", "2", "--reason", "déclarée deux fois"]),
            ("member add", ["member", "add", "--team", "T044-001", "--rpps", physio, "--from", "01/01/2024"]),
            ("actions revalue", ["actions", "revalue", "3"]),
            ("payout run", ["payout", "run", "--month", "2025-10", "--execution-date", "05/11/2025", "--out", cli.folder.appendingPathComponent("virements").path]),
            ("payout reject", ["payout", "reject", "VIR-2025-10", "--rpps", nurse, "--reason", "Compte clos"]),
            ("payout confirm", ["payout", "confirm", "VIR-2025-10"]),
            ("export journal", ["export", "journal", "--out", cli.folder.appendingPathComponent("journal.csv").path]),
            ("export fec", ["export", "fec", "--year", "2025", "--out", cli.folder.appendingPathComponent("fec").path]),
            ("export ledger", ["export", "ledger", "--format", "hledger", "--out", cli.folder.appendingPathComponent("clap.journal").path]),
            ("backup", ["backup", backup]),
            ("restore", ["restore", backup]),
            ("statement", ["statement", "--rpps", doctor, "--year", "2025", "--format", "html", "--out", cli.folder.appendingPathComponent("releve.html").path]),
            ("report ars", ["report", "ars", "--year", "2025", "--out", cli.folder.appendingPathComponent("rapports").path]),
            ("report das2", ["report", "das2", "--year", "2025", "--out", cli.folder.appendingPathComponent("das2.csv").path]),
            ("ledger", ["ledger", "--account", "401100", "--out", cli.folder.appendingPathComponent("grand-livre.csv").path]),
            ("close month", ["close", "month", "2025-10"]),
            // The year-end commands run on 20/01/2026, once 2025 is over.
            ("close year", ["close", "year", "2025"]),
            ("envelope carry-over", ["envelope", "carry-over", "--team", "T044-001", "--from", "2025", "--amount", "100", "--date", "15/01/2026"]),
            ("envelope refund", ["envelope", "refund", "--team", "T044-001", "--from", "2025", "--amount", "100", "--date", "16/01/2026"]),
            ("envelope refund-paid", ["envelope", "refund-paid", "--team", "T044-001", "--from", "2025", "--amount", "100", "--date", "17/01/2026"]),
        ]
        let yearEnd: Set = ["close year", "envelope carry-over", "envelope refund", "envelope refund-paid"]
        var exercised: Set<String> = []
        var auditLines = 0
        for (index, (name, arguments)) in session.enumerated() {
            let operatorName = "operateur-\(index)"
            cli.environment["CLAP_OPERATOR"] = operatorName
            let today = yearEnd.contains(name) ? "2026-01-20" : "2025-11-03"
            cli.environment["CLAP_TODAY"] = today
            let before = index == 0 ? "" : try withoutAuditLog(cli)
            let result = try cli.runLong(arguments)
            XCTAssertEqual(result.status, 0, "clap \(arguments.joined(separator: " ")): \(result.stderr)")
            let records = try auditLog(cli)
            let changed = try withoutAuditLog(cli) != before
            if Self.writing.contains(name) {
                exercised.insert(name)
                XCTAssertTrue(changed || name == "restore", "\(name) wrote something")
                XCTAssertEqual(records.count, auditLines + 1, "\(name) adds one line to the audit log")
                let last = records.last ?? [:]
                XCTAssertEqual(last["operatorName"] as? String, operatorName, name)
                XCTAssertTrue((last["command"] as? String ?? "").hasPrefix("clap " + arguments.prefix(2).joined(separator: " ")), "\(last)")
                let at = last["at"] as? String ?? ""
                XCTAssertNotNil(at.range(of: #"^"# + today + #"T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]$"#, options: .regularExpression), "time « \(at) »")
            } else {
                XCTAssertFalse(changed, "\(name) only reads")
                XCTAssertEqual(records.count, auditLines, "\(name) writes no audit line")
            }
            auditLines = records.count
        }
        XCTAssertEqual(Self.writing.subtracting(exercised), ["demo"], "every writing command but the demo is exercised here")
    }

    /// The demo writes through the same transactions: every line of its audit log has the operator and a time.
    func testTheDemoIsAuditedStepByStep() throws {
        var cli = try CLI(today: "2026-01-15")
        cli.environment["CLAP_OPERATOR"] = "demonstratrice"
        let db = cli.folder.appendingPathComponent("demo/clap.sqlite").path
        try cli.ok(["demo", "--db", db])
        cli.environment["CLAP_DB"] = db
        let records = try auditLog(cli)
        XCTAssertGreaterThan(records.count, 30)
        for record in records {
            XCTAssertEqual(record["operatorName"] as? String, "demonstratrice")
            // The demo plays its year on a scripted calendar: each step is dated the day a treasurer would do it.
            XCTAssertTrue((record["command"] as? String ?? "").hasPrefix("clap demo : "), "\(record)")
            let at = record["at"] as? String ?? ""
            XCTAssertNotNil(at.range(of: #"^202[56]-[01][0-9]-[0-3][0-9]T09:00:00$"#, options: .regularExpression), "\(record)")
        }
    }

    func auditLog(_ cli: CLI) throws -> [[String: Any]] {
        let json = try cli.runLong(["audit-log", "--json"]).stdout
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    }

    /// The database's content without its audit log (what the command itself wrote).
    func withoutAuditLog(_ cli: CLI) throws -> String {
        try sqlite3(cli.databasePath, ".dump").split(separator: "\n").filter { !$0.hasPrefix("INSERT INTO audit_log") }.joined(separator: "\n")
    }
}

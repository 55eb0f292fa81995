import ArgumentParser
import ClapAssets
import ClapDomain
import ClapReports
import ClapStore
import Foundation
import LedgerCore

/// `clap init`: creates the database of a new association with its chart of accounts.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Crée la base de l'association et charge le plan comptable.",
        discussion: "Exemple : clap init --name \"Association ESP CLAP\" --siren 882413578 --iban FR7615519391000002012340129")

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Nom de l'association (70 caractères au plus).", valueName: "NOM"))
    var name: String
    @Option(help: ArgumentHelp("SIREN de l'association (9 chiffres).", valueName: "SIREN"))
    var siren: String
    @Option(help: ArgumentHelp("IBAN du compte qui paie les indemnités.", valueName: "IBAN"))
    var iban: String
    @Option(help: ArgumentHelp("BIC de la banque de l'association.", valueName: "BIC"))
    var bic: String?
    @Option(help: ArgumentHelp("Plan comptable renuméroté (role;compte;libelle;tiers) ; par défaut celui de Fixtures/.", valueName: "FICHIER"))
    var chart: String?

    func run() throws {
        var issues: [InputIssue] = []
        func check<T>(_ result: Result<T, InputIssue>) -> T? {
            switch result {
            case .success(let value): return value
            case .failure(let issue): issues.append(issue); return nil
            }
        }
        let checkedName = check(PersonName.parse(name))
        let checkedSiren = check(SIREN.parse(siren))
        let checkedIBAN = check(IBAN.parse(iban))
        let checkedBIC = bic.flatMap { check(BIC.parse($0)) }
        guard issues.isEmpty, let checkedName, let checkedSiren, let checkedIBAN else {
            throw CommandFailure(.refused, ["Rien n'a été créé :"] + issues.map { "  - \($0.message) [\($0.code)]" })
        }
        let info = AssociationInfo(name: checkedName.rawValue, siren: checkedSiren.rawValue, iban: checkedIBAN.rawValue,
                                   bic: checkedBIC?.rawValue)
        let chartValue: Chart
        if let chart {
            let text = try String(contentsOfFile: chart, encoding: .utf8)
            chartValue = try ChartFile.parse(text, fileName: chart).get()
        } else {
            chartValue = try DemoYear.loadDefaultChart()
        }
        let context = global.context()
        let database = try ClapDatabase.create(at: global.databasePath)
        try database.write(context) { db in
            try AssociationStore.initialize(info, chart: chartValue, context: context, in: db)
            return ((), "association « \(info.name) » et plan de \(chartValue.accounts.count) comptes créés")
        }
        print("Base créée : \(global.databasePath) — \(chartValue.accounts.count) comptes chargés.")
    }
}

/// `clap demo`: a whole demo year from Fixtures/, then a summary.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Joue une année de démonstration à partir de Fixtures/ et affiche un résumé.",
        discussion: """
            Sans --db, la démo écrit dans ./clap-demo/ (recréé à chaque lancement).
            Exemple : clap demo --db /tmp/demo/clap.sqlite
            """)

    @Option(help: ArgumentHelp("Base à créer pour la démo (elle ne doit pas exister).", valueName: "CHEMIN"))
    var db: String?

    func run() throws {
        let folder: String
        let databasePath: String
        if let db {
            databasePath = db
            folder = ((db as NSString).deletingLastPathComponent as String).isEmpty ? "clap-demo-sorties"
                : (db as NSString).deletingLastPathComponent + "/clap-demo-sorties"
        } else {
            folder = "clap-demo"
            try DemoFolder.reset(folder)
            databasePath = folder + "/clap.sqlite"
        }
        let context = CommandContext.current(commandLine: "clap demo")
        let summary = try DemoYear.run(databasePath: databasePath, outputFolder: folder, context: context)
        print(DemoYear.text(summary))
        if !summary.verification.isClean {
            throw CommandFailure(.integrity, summary.verification.violations.map { "  - \($0)" })
        }
    }
}

/// The default demo folder is recreated on each run, but only if clap made it.
enum DemoFolder {
    static let marker = ".clap-demo"

    static func reset(_ folder: String) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: folder) {
            guard manager.fileExists(atPath: folder + "/" + marker) else {
                throw CommandFailure(.refused, ["Le dossier « \(folder) » existe et n'a pas été créé par clap demo : déplacez-le ou lancez clap demo --db CHEMIN."])
            }
            try manager.removeItem(atPath: folder)
        }
        try manager.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        _ = manager.createFile(atPath: folder + "/" + marker, contents: Data())
    }
}

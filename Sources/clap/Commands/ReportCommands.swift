import ArgumentParser
import ClapDomain
import ClapReports
import ClapStore
import Foundation
import LedgerCore

/// `clap statement`: the relevé d'indemnités of one professional, or of everyone with `--all`.
struct Statement: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statement",
        abstract: "Relevé d'indemnités d'un professionnel (actions, annulations, virements, rejets, solde restant dû).",
        discussion: """
            Exemple : clap statement --rpps 10748602298 --year 2025
            Autres exemples : clap statement --rpps 10748602298 --year 2025 --month 3 --format html --out releve.html
                       clap statement --all --year 2025 --format html --out releves/
            Avec --all, un fichier releve-{RPPS}-{AAAA}[-MM].{txt|csv|html} par professionnel ayant un mouvement \
            sur la période ou un solde à son début.
            """)
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("RPPS du professionnel.", valueName: "RPPS")) var rpps: String?
    @Flag(help: "Un relevé par professionnel concerné (demande --out DOSSIER).") var all = false
    @Option(help: ArgumentHelp("Année du relevé.", valueName: "ANNÉE")) var year: Int
    @Option(help: ArgumentHelp("Mois (1 à 12) ; sans --month, l'année entière.", valueName: "MOIS")) var month: Int?
    @Option(help: ArgumentHelp("text, csv ou html.", valueName: "FORMAT")) var format = "text"
    @Option(help: ArgumentHelp("Fichier à écrire (avec --all : dossier, créé s'il manque).", valueName: "CHEMIN")) var out: String?

    func validate() throws {
        guard (rpps == nil) != !all else { throw ValidationError("Indiquez soit --rpps N, soit --all.") }
        guard !all || out != nil else { throw ValidationError("--all écrit un fichier par professionnel : indiquez le dossier avec --out.") }
        guard StatementFormat(rawValue: format) != nil else { throw ValidationError("--format vaut text, csv ou html.") }
        guard ReportPeriod(year: year, month: month) != nil else { throw ValidationError("Période invalide : --year AAAA et --month de 1 à 12.") }
    }

    func run() throws {
        guard let period = ReportPeriod(year: year, month: month), let format = StatementFormat(rawValue: format) else {
            preconditionFailure("validate() checked the period and the format")
        }
        let database = try global.open()
        let context = global.context()
        if all {
            let folder = out ?? "."
            let written = try Statements.writeAll(period: period, format: format, folder: folder, database: database, context: context)
            print("\(written.count) relevé(s) \(ReportFormat.period(period)) écrit(s) dans \(folder) (format \(format.rawValue)).")
            return
        }
        let statement = try Statements.statement(database, rpps: try RPPS.parse(rpps ?? "").get(), period: period)
        guard let out else {
            return print(Statements.render(statement, format: format, issuedOn: context.today), terminator: "")
        }
        let written = try Statements.write(statement, format: format, path: out, database: database, context: context)
        print("Relevé écrit : \(written.path) — solde restant dû \(statement.closingDue.euroString), SHA-256 \(written.sha256).")
    }
}

/// `clap report …`: the yearly reports for the ARS and the tax administration.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rapports annuels : rapport à l'ARS (CSV et HTML), récapitulatif DAS2.",
        discussion: "Exemple : clap report ars --year 2025 --out rapports/",
        subcommands: [Ars.self, Das2.self])

    struct Ars: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ars",
            abstract: "Rapport annuel à l'ARS : par équipe, département et région (accordé, consommé, reliquat, activité).",
            discussion: "Exemple : clap report ars --year 2025 --out rapports/   (écrit rapport-ars-2025.csv et rapport-ars-2025.html)")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(help: ArgumentHelp("Exercice.", valueName: "ANNÉE")) var year: Int
        @Option(help: ArgumentHelp("Dossier où écrire le CSV et la page HTML (créé s'il manque).", valueName: "DOSSIER")) var out: String?

        func run() throws {
            let database = try global.open()
            let report = try ArsReports.report(database, year: year)
            let written = try out.map { try ArsReports.write(report, folder: $0, database: database, context: global.context()) } ?? []
            if output.json { return try printJSON(report) }
            print(ArsReportText.render(report))
            for file in written { print("Écrit : \(file.path) — SHA-256 \(file.sha256).") }
        }
    }

    struct Das2: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "das2",
            abstract: "Récapitulatif DAS2 : honoraires versés à chaque professionnel dans l'année, ceux d'au moins 1 200 € marqués.",
            discussion: "Exemple : clap report das2 --year 2025 --out das2-2025.csv")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(help: ArgumentHelp("Année civile des versements.", valueName: "ANNÉE")) var year: Int
        @Option(help: ArgumentHelp("Fichier CSV à écrire.", valueName: "FICHIER")) var out: String?

        func run() throws {
            let database = try global.open()
            let summary = try Das2Summary.read(database, year: year)
            let written = try out.map { try summary.write(path: $0, database: database, context: global.context()) }
            if output.json { return try printJSON(summary) }
            print(summary.text())
            if let written { print("Écrit : \(written.path) — SHA-256 \(written.sha256).") }
        }
    }
}

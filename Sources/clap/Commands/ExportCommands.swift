import ArgumentParser
import ClapReports
import ClapStore
import Foundation
import LedgerCore

/// `clap export …`: what auditors read.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Exports pour les auditeurs : journal CSV, FEC, journaux hledger/beancount ; chacun est enregistré avec son SHA-256.",
        discussion: "Exemple : clap export fec --year 2025 --out exports/",
        subcommands: [Journal.self, Fec.self, LedgerFile.self, List.self])

    struct Journal: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "journal",
            abstract: "Journal CSV : toutes les colonnes du FEC, plus la colonne Analytique.",
            discussion: "Exemple : clap export journal --from 01/01/2025 --to 31/12/2025 --out journal-2025.csv")
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Première date d'écriture.", valueName: "DATE")) var from: String?
        @Option(help: ArgumentHelp("Dernière date d'écriture.", valueName: "DATE")) var to: String?
        @Option(help: ArgumentHelp("Fichier CSV à écrire.", valueName: "FICHIER")) var out: String

        func run() throws {
            let progress = ProgressBar("Export du journal")
            defer { progress.finish() }
            let written = try Exports.journal(try global.open(), from: try from.map(parseDay), to: try to.map(parseDay), path: out,
                                              context: global.context(), progress: progress.reporter)
            progress.finish()
            print("Journal écrit : \(written.path) — \(written.lineCount) lignes, SHA-256 \(written.sha256).")
        }
    }

    struct Fec: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fec",
            abstract: "Fichier des écritures comptables d'un exercice ({SIREN}FEC{AAAAMMJJ}.txt).",
            discussion: "Exemple : clap export fec --year 2025 --out exports/")
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Exercice.", valueName: "ANNÉE")) var year: Int
        @Option(help: ArgumentHelp("Dossier où écrire le fichier (créé s'il manque).", valueName: "DOSSIER")) var out: String

        func run() throws {
            let progress = ProgressBar("Export du FEC")
            defer { progress.finish() }
            let written = try Exports.fec(try global.open(), year: year, folder: out, context: global.context(), progress: progress.reporter)
            progress.finish()
            print("FEC écrit : \(written.path) — \(written.lineCount) lignes, SHA-256 \(written.sha256).")
        }
    }

    struct LedgerFile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ledger", abstract: "Journal au format hledger ou beancount (mêmes soldes que clap balance).",
            discussion: "Exemple : clap export ledger --format hledger --out clap.journal")
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("hledger ou beancount.", valueName: "FORMAT")) var format: String
        @Option(help: ArgumentHelp("Fichier à écrire.", valueName: "FICHIER")) var out: String

        func validate() throws {
            guard ["hledger", "beancount"].contains(format) else { throw ValidationError("--format vaut hledger ou beancount.") }
        }

        func run() throws {
            let progress = ProgressBar("Export \(format)")
            defer { progress.finish() }
            let written = try Exports.plainText(try global.open(), format: format, path: out, context: global.context(),
                                                progress: progress.reporter)
            progress.finish()
            print("Journal \(format) écrit : \(written.path) — \(written.lineCount) écritures, SHA-256 \(written.sha256).")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Liste les exports déjà faits, avec leur empreinte.",
                                                        discussion: "Exemple : clap export list --json")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let records = try global.open().read { try ExportStore.list(in: $0) }
            if output.json { return try printJSON(records) }
            var table = TextTable([.init("N°", .right), .init("Quand"), .init("Par"), .init("Type"), .init("Portée"), .init("Fichier"), .init("SHA-256")])
            for r in records { table.add([String(r.id), r.at, r.operatorName, r.kind, r.scope, r.file, String(r.sha256.prefix(16)) + "…"]) }
            print(table.render())
        }
    }
}

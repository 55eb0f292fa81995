import ArgumentParser
import ClapDomain
import ClapReports
import ClapStore
import Foundation
import LedgerCore

/// `clap actions …`: declared coordination actions.
struct ActionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions", abstract: "Actions de coordination : import, liste, annulation, revalorisation.",
        discussion: "Exemple : clap actions import actions-2025-03.csv --dry-run",
        subcommands: [Import.self, List.self, Cancel.self, Revalue.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Importe les actions déclarées (une ligne par participant) : éligibilité, valorisation, comptabilisation.",
            discussion: "Exemple : clap actions import actions-2025-03.csv --dry-run")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var dryRun: DryRunOption
        @Argument(help: ArgumentHelp("Fichier CSV des actions.", valueName: "FICHIER")) var file: String

        func run() throws {
            let data = try readInputFile(file)
            let name = (file as NSString).lastPathComponent
            let declarations = try ActionFile.declarations(data, fileName: name).get()
            let context = global.context()
            let progress = ProgressBar("Actions examinées")
            defer { progress.finish() }
            let summary = try global.open().writeWithSnapshot(context, dryRun: dryRun.dryRun) { db, snapshot in
                let summary = try ActionStore.importDeclarations(declarations, fileName: name, context: context, in: db,
                                                                 snapshot: snapshot, progress: progress.reporter)
                return (summary, "actions \(name) : \(summary.accepted) payées (\(summary.paidTotal.euroString)), \(summary.rejected) rejetées, \(summary.unchanged) déjà connues")
            }
            progress.finish()
            print(Style.standardOutput.paintLines(ActionImportText.render(summary, dryRun: dryRun.dryRun), startingWith: "  - ", .refused))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list",
                                                        abstract: "Liste les actions, avec leur statut et leurs motifs de rejet.",
                                                        discussion: "Exemple : clap actions list --team T044-001 --status rejetee")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(help: ArgumentHelp("Équipe.", valueName: "ÉQUIPE")) var team: String?
        @Option(help: ArgumentHelp("Statut : validee, rejetee ou annulee.", valueName: "STATUT")) var status: String?

        func run() throws {
            let teamID = try team.map { try TeamID.parse($0).get() }
            let records = try global.open().read { try ActionStore.list(team: teamID, status: status, in: $0) }
            if output.json { return try printJSON(records) }
            let style = Style.standardOutput
            print(ActionImportText.renderList(records).split(separator: "\n", omittingEmptySubsequences: false)
                .map { style.highlight(String($0), ["validee": .ok, "rejetee": .refused, "annulee": .warning]) }
                .joined(separator: "\n"))
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "cancel",
                                                        abstract: "Annule une action payée (écriture inverse) ; le motif est obligatoire.",
                                                        discussion: "Exemple : clap actions cancel 42 --reason \"déclarée deux fois\"")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Numéro de l'action (voir actions list).", valueName: "N")) var id: Int64
        @Option(help: ArgumentHelp("Motif de l'annulation.", valueName: "MOTIF")) var reason: String

        func run() throws {
            let context = global.context()
            let entry = try global.open().write(context) { db in
                let entry = try ActionStore.cancel(actionID: id, reason: reason, context: context, in: db)
                return (entry, "action n° \(id) annulée : écriture \(entry.ref)")
            }
            print("Action n° \(id) annulée : écriture inverse \(entry.ref) de \(entry.draft.totalDebit.euroString).")
        }
    }

    struct Revalue: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revalue",
                                                        abstract: "Réexamine une action rejetée, une fois les données corrigées.",
                                                        discussion: "Exemple : clap actions revalue 42")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Numéro de l'action.", valueName: "N")) var id: Int64

        func run() throws {
            let context = global.context()
            let outcome = try global.open().write(context) { db in
                let outcome = try ActionStore.revalue(actionID: id, context: context, in: db)
                return (outcome, "action n° \(id) revalorisée : \(outcome.isEligible ? "payée" : "toujours rejetée")")
            }
            let style = Style.standardOutput
            if outcome.isEligible, let valuation = outcome.valuation {
                print(style.paint("Action n° \(id) désormais payée", .ok) + " : \(valuation.total.euroString).")
            } else {
                print(style.paint("Action n° \(id) toujours rejetée", .refused) + " :\n"
                      + outcome.reasons.map { "  - \($0)" }.joined(separator: "\n")
                      + "\nCorrigez d'abord ce qui est en cause (fiche, adhésions, enveloppe…), puis relancez « clap actions revalue \(id) ».")
            }
        }
    }
}

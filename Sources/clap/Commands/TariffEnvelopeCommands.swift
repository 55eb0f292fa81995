import ArgumentParser
import ClapDomain
import ClapReports
import ClapStore
import Foundation
import LedgerCore

/// `clap tariff …`: the barème versions.
struct TariffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tariff", abstract: "Barème : chargement d'une version, liste, détail à une date.",
        subcommands: [Import.self, List.self, Show.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Charge une nouvelle version du barème (fichier TOML) ; une version chargée ne change plus.",
            discussion: "Exemple : clap tariff import Fixtures/bareme-defaut.toml")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Fichier TOML du barème.", valueName: "FICHIER")) var file: String

        func run() throws {
            let data = try readInputFile(file)
            let text = try TextDecoding.decode(data).get()
            let context = global.context()
            let record = try global.open().write(context) { db in
                let record = try TariffStore.importVersion(toml: text, fileName: (file as NSString).lastPathComponent, context: context, in: db)
                return (record, "barème « \(record.name) » en vigueur au \(record.effectiveFrom.french) chargé")
            }
            print("Barème « \(record.name) » chargé : en vigueur à partir du \(record.effectiveFrom.french) (empreinte \(record.sha256.prefix(16))…).")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liste les versions chargées du barème.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let records = try global.open().read { try TariffStore.records(in: $0) }
            if output.json { return try printJSON(records) }
            var table = TextTable([.init("N°", .right), .init("Nom"), .init("En vigueur au"), .init("Chargé le"), .init("SHA-256")])
            for record in records {
                table.add([String(record.id), record.name, record.effectiveFrom.french, record.loadedAt, String(record.sha256.prefix(16)) + "…"])
            }
            print(table.render())
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Affiche la version du barème en vigueur à une date (aujourd'hui par défaut).",
                                                        discussion: "Exemple : clap tariff show --date 15/06/2025")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Date (JJ/MM/AAAA ou AAAA-MM-JJ).") var date: String?

        func run() throws {
            let day = try date.map(parseDay) ?? global.context().today
            let book = try global.open().read { try TariffStore.book(in: $0) }
            guard let schedule = book.version(at: day) else {
                throw CommandFailure(.refused, ["Aucun barème n'est en vigueur au \(day.french)."])
            }
            print(TariffText.render(schedule))
        }
    }
}

/// `clap envelope …`: each team's yearly envelope.
struct EnvelopeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "envelope", abstract: "Enveloppes annuelles des équipes : dotation, versement de l'ARS, état.",
        subcommands: [Grant.self, Receive.self, Status.self])

    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enregistre la dotation FIR d'une équipe pour une année (par défaut le plafond du barème).",
            discussion: """
                Exemple : clap envelope grant --team T044-001 --year 2025 --date 15/01/2025 --ref ARS-DEC-2025-017
                Avec --all, chaque équipe active dans l'année et encore sans dotation reçoit le plafond du barème (une seule transaction).
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "Équipe.") var team: String?
        @Flag(help: "Toutes les équipes actives dans l'année et encore sans dotation (au plafond du barème).") var all = false
        @Option(help: "Année de l'enveloppe.") var year: Int
        @Option(help: "Montant en euros (par défaut le plafond du barème).") var amount: String?
        @Option(help: "Date de la décision de l'ARS.") var date: String
        @Option(help: "Référence de la décision de l'ARS.") var ref: String?

        func validate() throws {
            guard (team == nil) == all else { throw ValidationError("Indiquez soit --team ÉQUIPE, soit --all.") }
            guard !all || (amount == nil && ref == nil) else {
                throw ValidationError("Avec --all, le montant est le plafond du barème et chaque équipe a sa référence : --amount et --ref ne s'emploient pas.")
            }
        }

        func run() throws {
            guard let team else { return try runAll() }
            let teamID = try TeamID.parse(team).get()
            let value = try amount.map(parseAmount)
            let day = try parseDay(date)
            let context = global.context()
            let outcome = try global.open().write(context) { db in
                let outcome = try EnvelopeStore.grant(team: teamID, year: year, amount: value, date: day, decisionRef: ref, context: context, in: db)
                return (outcome, "dotation \(year) \(teamID) : écriture \(outcome.entry.ref)")
            }
            let amountText = outcome.entry.draft.totalDebit.euroString
            print(outcome.isNew ? "Dotation \(year) de \(teamID) enregistrée : \(amountText) (écriture \(outcome.entry.ref))."
                                : "Cette dotation était déjà enregistrée (écriture \(outcome.entry.ref)) : rien de nouveau.")
        }

        func runAll() throws {
            let day = try parseDay(date)
            let context = global.context()
            let summary = try global.open().write(context) { db in
                let summary = try EnvelopeStore.grantAll(year: year, date: day, context: context, in: db)
                return (summary, "dotations \(year) de toutes les équipes : \(summary.granted.count) écritures (\(summary.total.euroString))")
            }
            print("Dotations \(year) : \(summary.granted.count) équipe(s) dotée(s) pour \(summary.total.euroString) ; "
                  + "\(summary.alreadyGranted) déjà dotée(s), \(summary.notActive) non active(s) en \(year).")
        }
    }

    struct Receive: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enregistre l'arrivée en banque des fonds de l'ARS pour une équipe.",
            discussion: "Exemple : clap envelope receive --team T044-001 --year 2025 --amount 10000 --date 10/02/2025")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Équipe.") var team: String
        @Option(help: "Année de l'enveloppe.") var year: Int
        @Option(help: "Montant reçu en euros.") var amount: String
        @Option(help: "Date de valeur en banque.") var date: String

        func run() throws {
            let teamID = try TeamID.parse(team).get()
            let value = try parseAmount(amount)
            let day = try parseDay(date)
            let context = global.context()
            let outcome = try global.open().write(context) { db in
                let outcome = try EnvelopeStore.receive(team: teamID, year: year, amount: value, date: day, context: context, in: db)
                return (outcome, "versement ARS \(year) \(teamID) : écriture \(outcome.entry.ref)")
            }
            print(outcome.isNew ? "Versement de \(value.euroString) enregistré (écriture \(outcome.entry.ref))."
                                : "Ce versement était déjà enregistré (écriture \(outcome.entry.ref)).")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "État des enveloppes : accordé, consommé, disponible, % utilisé.",
                                                        discussion: "Exemple : clap envelope status --year 2025")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Année.") var year: Int?
        @Option(help: "Équipe.") var team: String?

        func run() throws {
            let teamID = try team.map { try TeamID.parse($0).get() }
            let statuses = try global.open().read { try EnvelopeStore.statuses(year: year, team: teamID, in: $0) }
            if output.json { return try printJSON(statuses) }
            print(EnvelopeText.render(statuses))
        }
    }
}

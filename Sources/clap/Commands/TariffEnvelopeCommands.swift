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
        discussion: "Exemple : clap tariff show --date 15/06/2025 (le format du fichier TOML : voir docs/formats.md)",
        subcommands: [Import.self, List.self, Show.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Charge une nouvelle version du barème (fichier TOML) ; une version chargée ne change plus.",
            discussion: "Exemple : clap tariff import Fixtures/bareme-defaut.toml")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Fichier TOML du barème.", valueName: "FICHIER")) var file: String

        func run() throws {
            let data = try readInputFile(file)
            let text = try TextDecoding.decode(data, as: .toml).get()
            let context = global.context()
            let record = try global.open().write(context) { db in
                let record = try TariffStore.importVersion(toml: text, fileName: (file as NSString).lastPathComponent, context: context, in: db)
                return (record, "barème « \(record.name) » en vigueur au \(record.effectiveFrom.french) chargé")
            }
            print("Barème « \(record.name) » chargé : en vigueur à partir du \(record.effectiveFrom.french) (empreinte \(record.sha256.prefix(16))…).")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Liste les versions chargées du barème.",
                                                        discussion: "Exemple : clap tariff list")
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
        static let configuration = CommandConfiguration(commandName: "show",
                                                        abstract: "Affiche la version du barème en vigueur à une date (aujourd'hui par défaut).",
                                                        discussion: "Exemple : clap tariff show --date 15/06/2025")
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Date (JJ/MM/AAAA ou AAAA-MM-JJ).", valueName: "DATE")) var date: String?

        func run() throws {
            let day = try date.map(parseDay) ?? global.context().today
            let book = try global.open().read { try TariffStore.book(in: $0) }
            guard let schedule = book.version(at: day) else {
                throw CommandFailure(.refused, ["Aucun barème n'est en vigueur au \(day.french).",
                                                "À faire : chargez-en un avec « clap tariff import FICHIER.toml »."])
            }
            print(TariffText.render(schedule))
        }
    }
}

/// `clap envelope …`: each team's yearly envelope.
struct EnvelopeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "envelope",
        abstract: "Enveloppes annuelles des équipes : dotation, versement de l'ARS, état, report ou reversement des fonds dédiés.",
        discussion: "Exemple : clap envelope status --year 2025",
        subcommands: [Grant.self, Receive.self, Status.self, CarryOver.self, Refund.self, RefundPaid.self])

    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grant",
            abstract: "Enregistre la dotation FIR d'une équipe pour une année (par défaut le plafond du barème).",
            discussion: """
                Exemple : clap envelope grant --team T044-001 --year 2025 --date 15/01/2025 --ref ARS-DEC-2025-017
                Avec --all, chaque équipe active dans l'année et encore sans dotation reçoit le plafond du barème (une seule transaction).
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Équipe.", valueName: "ÉQUIPE")) var team: String?
        @Flag(help: "Toutes les équipes actives dans l'année et encore sans dotation (au plafond du barème).") var all = false
        @Option(help: ArgumentHelp("Année de l'enveloppe.", valueName: "ANNÉE")) var year: Int
        @Option(help: ArgumentHelp("Montant en euros (par défaut le plafond du barème).", valueName: "EUR")) var amount: String?
        @Option(help: ArgumentHelp("Date de la décision de l'ARS.", valueName: "DATE")) var date: String
        @Option(help: ArgumentHelp("Référence de la décision de l'ARS.", valueName: "RÉF")) var ref: String?

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
            commandName: "receive",
            abstract: "Enregistre l'arrivée en banque des fonds de l'ARS pour une équipe.",
            discussion: "Exemple : clap envelope receive --team T044-001 --year 2025 --amount 10000 --date 10/02/2025")
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Équipe.", valueName: "ÉQUIPE")) var team: String
        @Option(help: ArgumentHelp("Année de l'enveloppe.", valueName: "ANNÉE")) var year: Int
        @Option(help: ArgumentHelp("Montant reçu en euros.", valueName: "EUR")) var amount: String
        @Option(help: ArgumentHelp("Date de valeur en banque.", valueName: "DATE")) var date: String

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
        static let configuration = CommandConfiguration(commandName: "status",
                                                        abstract: "État des enveloppes : accordé, consommé, disponible, % utilisé.",
                                                        discussion: "Exemple : clap envelope status --year 2025")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Option(help: ArgumentHelp("Année.", valueName: "ANNÉE")) var year: Int?
        @Option(help: ArgumentHelp("Équipe.", valueName: "ÉQUIPE")) var team: String?

        func run() throws {
            let teamID = try team.map { try TeamID.parse($0).get() }
            let statuses = try global.open().read { try EnvelopeStore.statuses(year: year, team: teamID, in: $0) }
            if output.json { return try printJSON(statuses) }
            print(EnvelopeText.render(statuses))
        }
    }

    /// The options the three dedicated-fund commands share.
    struct FundsOptions: ParsableArguments {
        @Option(help: ArgumentHelp("Équipe.", valueName: "ÉQUIPE")) var team: String
        @Option(help: ArgumentHelp("Année de l'enveloppe dont viennent les fonds dédiés (exercice clôturé).", valueName: "AAAA")) var from: Int
        @Option(help: ArgumentHelp("Montant en euros (par défaut tout ce qui reste).", valueName: "EUR")) var amount: String?
        @Option(help: ArgumentHelp("Date de la décision ou du virement (JJ/MM/AAAA ou AAAA-MM-JJ).", valueName: "DATE")) var date: String
        @Option(help: ArgumentHelp("Référence de la pièce (décision de l'ARS, virement) ; nécessaire pour deux opérations le même jour.",
                                   valueName: "REF")) var ref: String?

        func request() throws -> FundsMoveRequest {
            FundsMoveRequest(team: try TeamID.parse(team).get(), fromYear: from, amount: try amount.map(parseAmount),
                             date: try parseDay(date), reference: ref)
        }
    }

    /// Runs one dedicated-fund movement in its transaction and prints what it posted.
    static func runFunds(_ global: GlobalOptions, _ options: FundsOptions, _ kind: DedicatedFundsMoves.Kind, what: String) throws {
        let request = try options.request()
        let context = global.context()
        let outcome = try global.open().write(context) { db in
            let outcome = try EnvelopeStore.postFundsMove(kind, request, context: context, in: db)
            return (outcome, "\(what) \(request.fromYear) \(request.team) : écriture \(outcome.entry.ref)")
        }
        let amount = outcome.entry.draft.totalDebit.euroString
        print(outcome.isNew ? "\(what.prefix(1).uppercased() + what.dropFirst()) \(request.fromYear) de \(request.team) enregistré : \(amount) (écriture \(outcome.entry.ref))."
                            : "Déjà enregistré (écriture \(outcome.entry.ref), \(amount)) : rien de nouveau.")
    }

    struct CarryOver: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "carry-over",
            abstract: "Reporte les fonds dédiés d'un exercice clôturé sur l'enveloppe de l'année suivante (accord de l'ARS).",
            discussion: """
                OD : 194000 (équipe, année) au débit, 789400 (équipe, année + 1) au crédit ; l'enveloppe de l'année suivante
                augmente d'autant. Datée dans l'année suivante. Par défaut, tout ce qui reste est reporté.
                Exemple : clap envelope carry-over --team T044-001 --from 2025 --date 10/03/2026 --ref ARS-REPORT-2026-04
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var funds: FundsOptions

        func run() throws {
            try EnvelopeCommand.runFunds(global, funds, .carryOver, what: "report des fonds dédiés")
        }
    }

    struct Refund: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refund",
            abstract: "Enregistre le reliquat qu'une équipe doit reverser à l'ARS (fonds dédiés d'un exercice clôturé).",
            discussion: """
                OD : 194000 (équipe, année) au débit, 441900 (tiers : l'équipe) au crédit. Le virement à l'ARS s'enregistre
                ensuite avec « clap envelope refund-paid ». Par défaut, tout ce qui reste est à reverser.
                Exemple : clap envelope refund --team T044-001 --from 2025 --amount 1500 --date 10/03/2026
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var funds: FundsOptions

        func run() throws {
            try EnvelopeCommand.runFunds(global, funds, .refund, what: "reliquat à reverser")
        }
    }

    struct RefundPaid: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refund-paid",
            abstract: "Enregistre le virement à l'ARS d'un reliquat à reverser.",
            discussion: """
                BQ : 441900 (tiers : l'équipe) au débit, 512000 au crédit. Par défaut, tout ce qui est dû à l'ARS pour l'équipe.
                Exemple : clap envelope refund-paid --team T044-001 --from 2025 --amount 1500 --date 02/04/2026
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var funds: FundsOptions

        func run() throws {
            try EnvelopeCommand.runFunds(global, funds, .refundPaid, what: "virement du reliquat")
        }
    }
}

import ArgumentParser
import ClapDomain
import ClapReports
import ClapStore
import Foundation
import LedgerCore

/// Runs an import: parse the file into values, write them in one transaction (or roll back on --dry-run), report.
func runRegistryImport<T>(_ global: GlobalOptions, dryRun: Bool, what: String,
                          parse: () -> Result<[Located<T>], InputRejected>,
                          write: @escaping ([Located<T>], CommandContext, GRDB.Database) throws -> ImportSummary) throws {
    let values = try parse().get()
    let context = global.context()
    let summary = try global.open().write(context, dryRun: dryRun) { db in
        let summary = try write(values, context, db)
        return (summary, "\(what) : \(summary)")
    }
    let verdict = dryRun ? "Simulation (rien n'a été écrit)" : (summary.changedAnything ? "Import terminé" : "Rien de nouveau : la base contient déjà ces données")
    print("\(verdict) — \(what) : \(summary).")
}

import GRDB

/// `clap team …`: the teams of the association.
struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team", abstract: "Équipes ESP CLAP : import, ajout, liste, fiche.",
        discussion: "Exemple : clap team import equipes.csv --dry-run (colonnes : voir docs/formats.md)",
        subcommands: [Import.self, Add.self, List.self, Show.self, Status.self])

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Change le statut d'une équipe à partir d'une date (l'historique est conservé).",
            discussion: "Exemple : clap team status T044-001 --to suspendue --from 01/09/2025")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Identifiant de l'équipe.", valueName: "ÉQUIPE")) var id: String
        @Option(help: ArgumentHelp("Nouveau statut : projet, reconnue, active, suspendue ou cloturee.", valueName: "STATUT")) var to: String
        @Option(help: ArgumentHelp("Date d'effet.", valueName: "DATE")) var from: String

        func run() throws {
            let teamID = try TeamID.parse(id).get()
            guard let status = TeamStatus(rawValue: to) else {
                throw CommandFailure(.usage, ["Statut inconnu « \(to) » : projet, reconnue, active, suspendue ou cloturee."])
            }
            let day = try parseDay(from)
            let context = global.context()
            try global.open().write(context) { db in
                try RegistryStore.changeStatus(team: teamID, to: status, on: day, context: context, in: db)
                return ((), "équipe \(teamID) : \(status.rawValue) à partir du \(day.french)")
            }
            print("Équipe \(teamID) : \(status.label) à partir du \(day.french).")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Importe les équipes d'un CSV (equipe;nom;departement;numero_ars;date_enregistrement_ars;date_convention;forme_juridique;actions).",
            discussion: "Exemple : clap team import equipes.csv --dry-run")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var dryRun: DryRunOption
        @Argument(help: ArgumentHelp("Fichier CSV des équipes.", valueName: "FICHIER"))
        var file: String

        func run() throws {
            let data = try readInputFile(file)
            try runRegistryImport(global, dryRun: dryRun.dryRun, what: "équipes",
                                  parse: { RegistryFiles.teams(data, fileName: (file as NSString).lastPathComponent) },
                                  write: { try RegistryStore.importTeams($0, context: $1, in: $2) })
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Ajoute (ou met à jour) une équipe.",
            discussion: "Exemple : clap team add --id T044-009 --name \"ESP CLAP Clisson\" --department 44 --convention-date 01/02/2026 --actions RCP+PPS")
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Identifiant (ex. T044-001).", valueName: "ÉQUIPE")) var id: String
        @Option(help: ArgumentHelp("Nom de l'équipe.", valueName: "NOM")) var name: String
        @Option(help: ArgumentHelp("Département : 44, 49, 53, 72 ou 85.", valueName: "DÉPT")) var department: String
        @Option(help: ArgumentHelp("Numéro d'enregistrement ARS.", valueName: "NUMÉRO")) var arsNumber: String?
        @Option(help: ArgumentHelp("Date d'enregistrement par l'ARS.", valueName: "DATE")) var arsDate: String?
        @Option(help: ArgumentHelp("Date de signature de la convention avec l'association.", valueName: "DATE")) var conventionDate: String?
        @Option(help: ArgumentHelp("Forme juridique : aucune ou association.", valueName: "FORME")) var legalForm: String = "aucune"
        @Option(help: ArgumentHelp("Types d'action du projet de santé, séparés par + (ex. RCP+PPS).", valueName: "TYPES")) var actions: String

        func run() throws {
            let data = commandLineRow([("equipe", id), ("nom", name), ("departement", department), ("numero_ars", arsNumber),
                                       ("date_enregistrement_ars", arsDate), ("date_convention", conventionDate),
                                       ("forme_juridique", legalForm), ("actions", actions)])
            try runRegistryImport(global, dryRun: false, what: "équipe \(id)",
                                  parse: { RegistryFiles.teams(data, fileName: commandLineSource) },
                                  write: { try RegistryStore.importTeams($0, context: $1, in: $2) })
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Liste les équipes avec leur statut du jour.",
                                                        discussion: "Exemple : clap team list --json")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let today = global.context().today
            let views = try global.open().read { db in
                try RegistryStore.teams(in: db).map { try TeamView.load($0.id, today: today, in: db) }
            }
            if output.json { return try printJSON(views) }
            var table = TextTable([.init("Équipe"), .init("Nom"), .init("Dépt"), .init("Statut"), .init("Membres", .right),
                                   .init("Composition"), .init("Actions")])
            for view in views {
                table.add([view.equipe, view.nom, view.departement, view.statut, String(view.membres.count),
                           view.compositionRespecteeAujourdhui ? "respectée" : "NON respectée", view.actions.joined(separator: "+")])
            }
            print(table.render())
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Fiche d'une équipe : statut, membres, règle de composition aujourd'hui et dans le passé.",
            discussion: "Exemple : clap team show T044-001")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: ArgumentHelp("Identifiant de l'équipe.", valueName: "ÉQUIPE")) var id: String

        func run() throws {
            let teamID = try TeamID.parse(id).get()
            let today = global.context().today
            let view = try global.open().read { try TeamView.load(teamID, today: today, in: $0) }
            if output.json { try printJSON(view) } else { print(view.text()) }
        }
    }
}

/// `clap professional …`: the health professionals.
struct ProfessionalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "professional", abstract: "Professionnels de santé : import, ajout, liste, fiche, désactivation.",
        discussion: "Exemple : clap professional import professionnels.csv --dry-run (colonnes : voir docs/formats.md)",
        subcommands: [Import.self, Add.self, List.self, Show.self, Deactivate.self, Reactivate.self])

    struct Deactivate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deactivate",
            abstract: "Désactive un professionnel : son historique reste, il n'est plus payé ni viré.",
            discussion: "Exemple : clap professional deactivate 10748602298")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Numéro RPPS.", valueName: "RPPS")) var rpps: String

        func run() throws { try setActive(global, rpps, false) }
    }

    struct Reactivate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reactivate", abstract: "Réactive un professionnel désactivé.",
                                                        discussion: "Exemple : clap professional reactivate 10748602298")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Numéro RPPS.", valueName: "RPPS")) var rpps: String

        func run() throws { try setActive(global, rpps, true) }
    }

    static func setActive(_ global: GlobalOptions, _ rpps: String, _ active: Bool) throws {
        let id = try RPPS.parse(rpps).get()
        let context = global.context()
        try global.open().write(context) { db in
            try RegistryStore.setActive(id, active: active, in: db)
            return ((), "professionnel \(id) \(active ? "réactivé" : "désactivé")")
        }
        print("Professionnel \(id) \(active ? "réactivé" : "désactivé") ; son historique est conservé.")
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Importe les professionnels d'un CSV (rpps;nom;prenom;profession;iban;bic;email;date_convention).",
            discussion: "Exemple : clap professional import professionnels.csv")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var dryRun: DryRunOption
        @Argument(help: ArgumentHelp("Fichier CSV des professionnels.", valueName: "FICHIER"))
        var file: String

        func run() throws {
            let data = try readInputFile(file)
            try runRegistryImport(global, dryRun: dryRun.dryRun, what: "professionnels",
                                  parse: { RegistryFiles.professionals(data, fileName: (file as NSString).lastPathComponent) },
                                  write: { try RegistryStore.importProfessionals($0, context: $1, in: $2) })
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Ajoute un professionnel, ou met à jour sa fiche (un nouvel IBAN est ajouté à l'historique).",
            discussion: "Exemple : clap professional add --rpps 10748602298 --last-name Lemoine --first-name Claire --profession medecin_generaliste --iban FR7630004003129625454912113")
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Numéro RPPS (11 chiffres).", valueName: "RPPS")) var rpps: String
        @Option(help: ArgumentHelp("Nom.", valueName: "NOM")) var lastName: String
        @Option(help: ArgumentHelp("Prénom.", valueName: "PRÉNOM")) var firstName: String
        @Option(help: ArgumentHelp("Profession (ex. medecin_generaliste, infirmier).", valueName: "PROFESSION")) var profession: String
        @Option(help: ArgumentHelp("IBAN.", valueName: "IBAN")) var iban: String
        @Option(help: ArgumentHelp("BIC.", valueName: "BIC")) var bic: String?
        @Option(help: ArgumentHelp("Courriel.", valueName: "COURRIEL")) var email: String?
        @Option(help: ArgumentHelp("Date de signature de la convention individuelle.", valueName: "DATE")) var conventionDate: String?

        func run() throws {
            let data = commandLineRow([("rpps", rpps), ("nom", lastName), ("prenom", firstName), ("profession", profession),
                                       ("iban", iban), ("bic", bic), ("email", email), ("date_convention", conventionDate)])
            try runRegistryImport(global, dryRun: false, what: "professionnel \(rpps)",
                                  parse: { RegistryFiles.professionals(data, fileName: commandLineSource) },
                                  write: { try RegistryStore.importProfessionals($0, context: $1, in: $2) })
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Liste les professionnels (IBAN masqués).",
                                                        discussion: "Exemple : clap professional list")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let views = try global.open().read { db in
                try RegistryStore.professionals(in: db).map { professional in
                    ProfessionalView(professional, teams: try RegistryStore.memberships(rpps: professional.rpps, in: db).map(\.team.rawValue))
                }
            }
            if output.json { return try printJSON(views) }
            var table = TextTable([.init("RPPS"), .init("Nom"), .init("Prénom"), .init("Profession"), .init("IBAN"), .init("Convention"), .init("Équipes")])
            for view in views {
                table.add([view.rpps, view.nom, view.prenom, view.profession, view.iban,
                           view.dateConvention.flatMap(Day.parse)?.french ?? "non signée", view.equipes.joined(separator: ", ")])
            }
            print(table.render())
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show",
                                                        abstract: "Fiche d'un professionnel.",
                                                        discussion: "Exemple : clap professional show 10748602298")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: ArgumentHelp("Numéro RPPS.", valueName: "RPPS")) var rpps: String

        func run() throws {
            let id = try RPPS.parse(rpps).get()
            let (view, history) = try global.open().read { db -> (ProfessionalView, [String]) in
                guard let professional = try RegistryStore.professional(id, in: db) else {
                    throw StoreError.notFound(what: "Le professionnel \(id)")
                }
                let teams = try RegistryStore.memberships(rpps: id, in: db).map {
                    "\($0.team) du \($0.from.french)" + ($0.to.map { " au \($0.french)" } ?? "")
                }
                let ibans = try RegistryStore.ibanHistory(id, in: db).map { "\($0.iban.masked) (enregistré le \($0.recordedAt))" }
                return (ProfessionalView(professional, teams: teams), ibans)
            }
            if output.json { return try printJSON(view) }
            print("""
                \(view.prenom) \(view.nom.uppercased()) — RPPS \(view.rpps)
                Profession : \(Profession(rawValue: view.profession)?.label ?? view.profession)
                IBAN : \(view.iban)\(view.bic.map { "  BIC : \($0)" } ?? "")
                Courriel : \(view.email ?? "—")
                Convention individuelle : \(view.dateConvention.flatMap(Day.parse)?.french ?? "non signée")
                Équipes : \(view.equipes.isEmpty ? "aucune" : view.equipes.joined(separator: " ; "))
                Historique des IBAN : \(history.joined(separator: " ; "))
                """)
        }
    }
}

/// `clap member …`: who belongs to which team, from when to when.
struct MemberCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "member", abstract: "Adhésions des professionnels aux équipes.",
        discussion: "Exemple : clap member import membres.csv --dry-run (colonnes : voir docs/formats.md)",
        subcommands: [Import.self, Add.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Importe les adhésions d'un CSV (equipe;rpps;date_debut;date_fin).",
            discussion: "Exemple : clap member import membres.csv")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var dryRun: DryRunOption
        @Argument(help: ArgumentHelp("Fichier CSV des adhésions.", valueName: "FICHIER"))
        var file: String

        func run() throws {
            let data = try readInputFile(file)
            try runRegistryImport(global, dryRun: dryRun.dryRun, what: "adhésions",
                                  parse: { RegistryFiles.members(data, fileName: (file as NSString).lastPathComponent) },
                                  write: { try RegistryStore.importMembers($0, context: $1, in: $2) })
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Ajoute un professionnel à une équipe.",
            discussion: "Exemple : clap member add --team T044-001 --rpps 10748602298 --from 01/01/2026")
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Équipe.", valueName: "ÉQUIPE")) var team: String
        @Option(help: ArgumentHelp("RPPS.", valueName: "RPPS")) var rpps: String
        @Option(help: ArgumentHelp("Date de début.", valueName: "DATE")) var from: String
        @Option(help: ArgumentHelp("Date de fin (incluse).", valueName: "DATE")) var to: String?

        func run() throws {
            let data = commandLineRow([("equipe", team), ("rpps", rpps), ("date_debut", from), ("date_fin", to)])
            try runRegistryImport(global, dryRun: false, what: "adhésion \(rpps) à \(team)",
                                  parse: { RegistryFiles.members(data, fileName: commandLineSource) },
                                  write: { try RegistryStore.importMembers($0, context: $1, in: $2) })
        }
    }
}

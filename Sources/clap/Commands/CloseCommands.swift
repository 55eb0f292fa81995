import ArgumentParser
import ClapDomain
import ClapReports
import ClapStore
import Foundation
import LedgerCore

/// `clap close …`: locking a month, closing a fiscal year.
struct Close: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Clôture d'un mois (verrouillage) ou d'un exercice (fonds dédiés, verrouillage, à-nouveaux).",
        discussion: "Exemple : clap close month 2025-03",
        subcommands: [Month.self, Year.self])

    struct Month: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "month",
            abstract: "Verrouille un mois terminé : plus aucune écriture datée de ce mois ou d'avant.",
            discussion: """
                Une opération datée d'un mois clôturé est passée au premier jour ouvert (sa date de pièce reste la sienne).
                Décembre se clôture avec l'exercice (clap close year). Relancer un mois déjà clôturé ne change rien.
                Exemple : clap close month 2025-03
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: ArgumentHelp("Mois à clôturer.", valueName: "AAAA-MM")) var month: String

        func run() throws {
            guard let yearMonth = YearMonth.parse(month) else {
                throw CommandFailure(.usage, ["Mois invalide « \(month) » : écrivez AAAA-MM (par exemple 2025-03)."])
            }
            let database = try global.open()
            let context = global.context()
            // Already closed: say so without writing anything (not even an audit line).
            let decision = try database.read { PeriodClosing.month(yearMonth, today: context.today, locks: try ClosingStore.lockState(in: $0)) }
            let outcome: MonthCloseOutcome
            if case .success(.alreadyClosed(let through)) = decision {
                outcome = .alreadyClosed(yearMonth, through: through)
            } else {
                outcome = try database.write(context) { db in
                    let outcome = try ClosingStore.closeMonth(yearMonth, context: context, in: db)
                    return (outcome, outcome.alreadyClosed ? "mois \(yearMonth.iso) déjà clôturé"
                                                           : "mois \(yearMonth.iso) clôturé : verrouillé jusqu'au \(outcome.through.french)")
                }
            }
            if output.json { return try printJSON(outcome) }
            print(ClosingText.month(outcome))
        }
    }

    struct Year: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "year",
            abstract: "Clôture un exercice terminé : fonds dédiés, verrouillage, à-nouveaux de l'exercice suivant.",
            discussion: """
                En une seule transaction : pour chaque équipe, la part non consommée de son enveloppe passe en fonds dédiés
                (OD au 31/12 : 689400 / 194000) ; le résultat de l'exercice doit alors être nul ; l'exercice est verrouillé ;
                les soldes des classes 1 à 5 sont reportés en à-nouveaux (journal AN au 01/01 suivant).
                Les exercices se clôturent dans l'ordre. Relancer un exercice déjà clôturé ne change rien.
                Exemple : clap close year 2025
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Flag(name: .customLong("dry-run"), help: "Montre ce que la clôture passerait, sans rien écrire.") var dryRun = false
        @Argument(help: ArgumentHelp("Exercice à clôturer.", valueName: "AAAA")) var year: Int

        func validate() throws {
            guard (1900...9998).contains(year) else { throw ValidationError("Exercice invalide « \(year) » : écrivez l'année, par exemple 2025.") }
        }

        func run() throws {
            let database = try global.open()
            let context = global.context()
            let decision = try database.read { PeriodClosing.year(year, today: context.today, locks: try ClosingStore.lockState(in: $0)) }
            let outcome: YearCloseOutcome
            if case .success(.alreadyClosed(let through)) = decision {
                outcome = .alreadyClosed(year, through: through)
            } else {
                outcome = try database.write(context, dryRun: dryRun) { db in
                    let outcome = try ClosingStore.closeYear(year, context: context, in: db)
                    return (outcome, outcome.alreadyClosed ? "exercice \(year) déjà clôturé"
                        : "exercice \(year) clôturé : \(outcome.dedicatedFunds.count) écriture(s) de fonds dédiés (\(outcome.dedicatedFundsTotal.euroString)), "
                          + "à-nouveaux \(outcome.opening?.description ?? "aucun")")
                }
            }
            if output.json { return try printJSON(outcome) }
            print(ClosingText.year(outcome, dryRun: dryRun))
        }
    }
}

import ArgumentParser
import ClapDomain
import ClapReports
import ClapStore
import Foundation
import LedgerCore

/// `clap payout …`: the monthly SEPA payouts and their lifecycle.
struct PayoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payout", abstract: "Virements mensuels des indemnités : lot SEPA, bordereau, confirmation, rejets.",
        discussion: "Exemple : clap payout run --month 2025-10 --execution-date 05/11/2025 --out virements/",
        subcommands: [Run.self, List.self, Show.self, Confirm.self, Reject.self])

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Paie les soldes dus à la fin du mois : une écriture BQ, un fichier SEPA et un bordereau CSV.",
            discussion: """
                Relancer le même mois renvoie le lot existant et réécrit les mêmes fichiers, sans nouveau paiement.
                Exemple : clap payout run --month 2025-10 --execution-date 05/11/2025 --out virements/
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("Mois payé (AAAA-MM).", valueName: "AAAA-MM")) var month: String
        @Option(help: ArgumentHelp("Date d'exécution demandée à la banque (JJ/MM/AAAA ou AAAA-MM-JJ).", valueName: "DATE"))
        var executionDate: String
        @Option(help: ArgumentHelp("Dossier des fichiers (créé s'il manque).", valueName: "DOSSIER")) var out: String
        @Option(help: ArgumentHelp("Version du message SEPA : pain.001.001.09 ou pain.001.001.03.", valueName: "VERSION"))
        var sepa: String = SepaVersion.pain001001009.rawValue
        @Option(help: ArgumentHelp("Seuil en euros sous lequel un solde est reporté (défaut 1,00).", valueName: "EUR"))
        var threshold: String?

        func validate() throws {
            guard SepaVersion(rawValue: sepa) != nil else {
                throw ValidationError("Version SEPA « \(sepa) » inconnue : choisissez pain.001.001.09 ou pain.001.001.03.")
            }
        }

        func run() throws {
            guard let yearMonth = YearMonth.parse(month) else {
                throw CommandFailure(.usage, ["Mois invalide « \(month) » : écrivez AAAA-MM (par exemple 2025-10)."])
            }
            let request = PayoutRequest(month: yearMonth, executionDate: try parseDay(executionDate),
                                        threshold: try threshold.map(parseAmount) ?? PayoutPlanner.defaultThreshold,
                                        sepaVersion: sepa)
            let (outcome, files): (PayoutRunOutcome, [PayoutFile])
            do {
                (outcome, files) = try PayoutRun.run(request, database: try global.open(), context: global.context())
            } catch let error as PayoutFileError {
                throw CommandFailure(.refused, [error.message + " [" + error.code + "]"])
            }
            let paths = try PayoutFiles.write(files, to: out)
            let batch = outcome.batch
            var lines: [String] = []
            if outcome.created {
                lines.append(batch.transfers.isEmpty
                    ? "Lot \(batch.id) enregistré : personne n'est à payer pour \(batch.month.iso) ; aucune écriture, aucun fichier."
                    : "Lot \(batch.id) créé : \(batch.transfers.count) virement(s), total \(batch.total.euroString).")
            } else {
                lines.append("Le lot \(batch.id) existe déjà (créé le \(batch.createdAt)) : rien n'a été payé de nouveau"
                             + (paths.isEmpty ? "." : " ; ses fichiers ont été réécrits à l'identique."))
                if request.executionDate != batch.executionDate || request.threshold != batch.threshold
                    || request.sepaVersion != batch.sepaVersion {
                    lines.append("Attention : le lot garde ses paramètres d'origine (exécution le \(batch.executionDate.french), "
                                 + "seuil \(batch.threshold.euroString), \(batch.sepaVersion)).")
                }
            }
            // Under the folder the user typed, so that it reads like the command.
            lines += paths.map { "Fichier : " + $0 }
            lines += ["", PayoutText.runSummary(batch)]
            print(lines.joined(separator: "\n"))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Liste les lots de virements.",
                                                        discussion: "Exemple : clap payout list --json")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let batches = try global.open().read { try PayoutStore.batches(in: $0) }
            if output.json { try printJSON(batches.map(PayoutBatchSummaryView.init)) } else { print(PayoutText.list(batches)) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Détail d'un lot : virements (IBAN masqués), actions payées, rejets, reportés et exclus.",
            discussion: "Exemple : clap payout show VIR-2025-10")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: ArgumentHelp("Lot (VIR-AAAA-MM ou AAAA-MM).", valueName: "LOT")) var id: String

        func run() throws {
            let batchID = try parseBatchID(id)
            let record = try global.open().read { try PayoutStore.batch(id: batchID, in: $0) }
            if output.json { try printJSON(PayoutBatchView(record)) } else { print(PayoutText.render(record)) }
        }
    }

    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "confirm",
            abstract: "Enregistre que la banque a exécuté le lot.", discussion: "Exemple : clap payout confirm VIR-2025-10")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Lot (VIR-AAAA-MM ou AAAA-MM).", valueName: "LOT")) var id: String

        func run() throws {
            let batchID = try parseBatchID(id)
            let context = global.context()
            let (record, changed) = try global.open().write(context) { db in
                let result = try PayoutStore.confirm(batchID: batchID, context: context, in: db)
                return (result, result.changed ? "lot \(batchID) confirmé exécuté" : "lot \(batchID) déjà confirmé")
            }
            print(changed ? "Lot \(record.id) confirmé : exécuté par la banque (\(record.total.euroString))."
                          : "Le lot \(record.id) était déjà confirmé le \(record.confirmedAt ?? "?") : rien n'a changé.")
        }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reject",
            abstract: "Enregistre le rejet d'un virement par la banque : le solde redevient dû et sera payé au prochain lot.",
            discussion: "Exemple : clap payout reject VIR-2025-10 --rpps 10748602298 --reason \"Compte clos\"")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("Lot (VIR-AAAA-MM ou AAAA-MM).", valueName: "LOT")) var id: String
        @Option(help: ArgumentHelp("RPPS du professionnel dont le virement est rejeté.", valueName: "RPPS")) var rpps: String
        @Option(help: ArgumentHelp("Motif donné par la banque.", valueName: "MOTIF")) var reason: String

        func run() throws {
            let batchID = try parseBatchID(id)
            let professional = try RPPS.parse(rpps).get()
            let context = global.context()
            let transfer = try global.open().write(context) { db in
                let transfer = try PayoutStore.reject(batchID: batchID, rpps: professional, reason: reason, context: context, in: db)
                return (transfer, "virement \(transfer.endToEndID) rejeté : \(transfer.amount.plainString) EUR à nouveau dus")
            }
            print("Virement \(transfer.endToEndID) rejeté (\(transfer.amount.euroString), IBAN \(transfer.iban.masked))"
                  + (transfer.rejection?.entry.map { " — écriture \($0)" } ?? "")
                  + ". Le montant est à nouveau dû : il sera payé au prochain lot, avec l'IBAN alors enregistré.")
        }
    }
}

/// Reads `VIR-2025-10` or `2025-10` as a batch id.
func parseBatchID(_ text: String) throws -> String {
    guard let month = PayoutIdentifiers.month(ofBatchID: text) else {
        throw CommandFailure(.usage, ["Lot invalide « \(text) » : écrivez VIR-AAAA-MM (par exemple VIR-2025-10) ou AAAA-MM."])
    }
    return PayoutIdentifiers.batchID(month)
}

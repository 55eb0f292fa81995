import ArgumentParser
import ClapReports
import ClapStore
import Foundation
import LedgerCore

/// `clap ledger`: the grand livre of one account.
struct GrandLivre: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Grand livre d'un compte : solde d'ouverture, chaque ligne avec son solde, totaux et solde final.",
        discussion: """
            Les totaux sont ceux de clap balance pour ce compte. Avec --out, écrit un CSV (enregistré dans clap export list).
            Exemple : clap ledger --account 401100 --aux 10000000001 --from 01/01/2025 --to 31/12/2025
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp("Numéro du compte.", valueName: "COMPTE")) var account: String
    @Option(help: ArgumentHelp("Première date d'écriture (le solde d'ouverture est celui de la veille).", valueName: "DATE")) var from: String?
    @Option(help: ArgumentHelp("Dernière date d'écriture.", valueName: "DATE")) var to: String?
    @Option(help: ArgumentHelp("Un seul tiers (équipe ou RPPS).", valueName: "CODE")) var aux: String?
    @Option(help: ArgumentHelp("Fichier CSV à écrire au lieu d'afficher.", valueName: "FICHIER")) var out: String?

    func run() throws {
        let request = AccountLedgerRequest(account: account, auxiliary: aux, from: try from.map(parseDay), to: try to.map(parseDay))
        if let from = request.from, let to = request.to, from > to {
            throw CommandFailure(.usage, ["--from (\(from.french)) est après --to (\(to.french))."])
        }
        let database = try global.open()
        if let out {
            let (written, summary) = try Exports.accountLedger(database, request: request, path: out, context: global.context())
            print("Grand livre écrit : \(written.path) — \(summary.lineCount) ligne(s), débit \(summary.totalDebit.euroString), "
                  + "crédit \(summary.totalCredit.euroString), solde final \(AccountLedgerText.balance(summary.closing)) ; SHA-256 \(written.sha256).")
            return
        }
        var lines: [AccountLedgerLine] = []
        let summary = try database.read { try AccountLedger.read(request, in: $0) { lines.append($0) } }
        if output.json { return try printJSON(AccountLedgerView(summary: summary, closing: summary.closing, lines: lines)) }
        print(AccountLedgerText.render(summary, lines: lines))
    }
}

/// The grand livre as JSON.
struct AccountLedgerView: Encodable {
    let summary: AccountLedgerSummary
    let closing: Cents
    let lines: [AccountLedgerLine]
}

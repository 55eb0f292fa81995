import ArgumentParser
import ClapReports
import ClapStore
import Foundation
import LedgerCore

/// `clap balance`: the trial balance, general or per third party.
struct Balance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "balance",
        abstract: "Balance générale (ou auxiliaire avec --aux) à une date.",
        discussion: "Exemple : clap balance --at 31/12/2025 --aux")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp("Date d'arrêté (JJ/MM/AAAA ou AAAA-MM-JJ) ; par défaut toutes les écritures.", valueName: "DATE"))
    var at: String?
    @Flag(help: "Balance auxiliaire : un solde par tiers (équipe, professionnel).")
    var aux = false

    func run() throws {
        let date = try at.map(parseDay)
        let database = try global.open()
        let balances = try database.read { try Balances.trialBalance(at: date, byAuxiliary: aux, in: $0) }
        if output.json { try printJSON(balances) } else { print(TrialBalanceText.render(balances, byAuxiliary: aux, at: date)) }
    }
}

/// `clap verify`: every invariant, exit 3 on any violation.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Vérifie tous les invariants du grand livre (sortie 3 en cas d'anomalie).",
        discussion: "Exemple : clap verify --anchor")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Affiche l'empreinte de tête de chaîne, à noter sur papier ou par courriel à chaque clôture.")
    var anchor = false

    func run() throws {
        let database = try global.open()
        let start = ContinuousClock.now
        let report = try Verifier.verify(database, extraChecks: StoreChecks.all)
        if ProcessInfo.processInfo.environment["CLAP_VERIFY_TIMINGS"] != nil {
            // For whoever measures verify: each pass and each check run by its reference, then the whole.
            for timing in report.timings {
                FileHandle.standardError.write(Data(("durée : \(timing.step) : \(milliseconds(timing.duration)) ms "
                                                     + "(processeur \(milliseconds(timing.processorTime)) ms)\n").utf8))
            }
            FileHandle.standardError.write(Data("durée : verify en tout : \(milliseconds(ContinuousClock.now - start)) ms\n".utf8))
        }
        if anchor {
            print("Tête de chaîne : \(report.headHash) (\(report.entryCount) écritures)")
            for head in try database.read(RegistrySeals.heads) {
                print("Sceau \(head.kind == "tariff_version" ? "du barème" : "des IBAN") : \(head.seal) (\(head.count) \(head.count > 1 ? "lignes" : "ligne"))")
            }
        }
        guard report.isClean else {
            throw CommandFailure(.integrity, ["ANOMALIES : \(report.violations.count)"] + report.violations.map { "  - \($0)" })
        }
        print(Style.standardOutput.paint("OK", .ok) + " : \(report.entryCount) écritures, \(report.lineCount) lignes, tous les invariants tiennent ; chaîne SHA-256 intègre.")
    }
}

/// A duration in whole milliseconds.
private func milliseconds(_ duration: Duration) -> Int64 {
    duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
}

/// `clap audit-log`: who wrote what, when.
struct AuditLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-log",
        abstract: "Journal d'audit : chaque commande qui a écrit, quand et par qui.",
        discussion: "Exemple : clap audit-log --json")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let records = try global.open().read { try AuditLog.all($0) }
        if output.json { return try printJSON(records) }
        var table = TextTable([.init("N°", .right), .init("Quand"), .init("Opérateur"), .init("Commande"), .init("Résultat")])
        for record in records {
            table.add([String(record.id), record.at, record.operatorName, record.command, record.summary])
        }
        print(table.render())
    }
}

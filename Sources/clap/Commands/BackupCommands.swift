import ArgumentParser
import ClapStore
import Foundation

/// `clap backup FICHIER`: a consistent, owner-only, verified copy of the database.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Sauvegarde la base dans un fichier (copie cohérente, lisible par vous seul, vérifiée).",
        discussion: """
            La copie est prise d'un seul instant, même si une autre commande écrit en même temps.
            Elle n'écrase jamais un fichier existant : choisissez un nouveau nom à chaque fois.
            Exemple : clap backup sauvegardes/clap-2025-12-31.sqlite
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("Fichier de sauvegarde à créer (il ne doit pas exister).", valueName: "FICHIER"))
    var file: String

    func run() throws {
        let outcome = try DatabaseBackup.backup(try global.open(), to: file)
        let report = outcome.verification
        guard report.isClean else {
            throw CommandFailure(.integrity, ["Sauvegarde écrite dans « \(outcome.path) », mais elle ne se vérifie pas "
                                              + "(la base elle-même non plus) : ANOMALIES : \(report.violations.count)"]
                                 + report.violations.map { "  - \($0)" })
        }
        print("Sauvegarde écrite : \(outcome.path) — \(report.entryCount) écritures, vérifiée ; tête de chaîne \(report.headHash).")
    }
}

/// `clap restore FICHIER`: replaces the database with a backup, if it is a clap database that verifies.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Remplace la base par une sauvegarde, après l'avoir vérifiée ; l'ancienne base est conservée à côté.",
        discussion: """
            Refuse un fichier qui n'est pas une base clap (sortie 1) ou qui ne se vérifie pas (sortie 3).
            Aucune autre commande clap ne doit tourner pendant la restauration.
            Exemple : clap restore sauvegardes/clap-2025-12-31.sqlite
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("Sauvegarde à restaurer.", valueName: "FICHIER"))
    var file: String

    func run() throws {
        let outcome = try DatabaseBackup.restore(from: file, over: global.databasePath, context: global.context())
        let report = outcome.verification
        guard report.isClean else {
            throw CommandFailure(.integrity, ["« \(file) » ne se vérifie pas : rien n'a été restauré. ANOMALIES : \(report.violations.count)"]
                                 + report.violations.map { "  - \($0)" })
        }
        print("Base restaurée depuis « \(file) » : \(global.databasePath) — \(report.entryCount) écritures, vérifiée ; "
              + "tête de chaîne \(report.headHash).")
        if let kept = outcome.previousKeptAt { print("L'ancienne base est conservée sous « \(kept) ».") }
    }
}

import ArgumentParser
import ClapStore
import Foundation

/// Options every command shares: where the database is.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Chemin de la base (sinon $CLAP_DB, sinon ./clap.sqlite).", valueName: "CHEMIN"))
    var db: String?

    /// `--db`, else `$CLAP_DB`, else `./clap.sqlite`.
    var databasePath: String {
        db ?? ProcessInfo.processInfo.environment["CLAP_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "clap.sqlite"
    }

    func open() throws -> ClapDatabase { try ClapDatabase.open(at: databasePath) }

    func context() -> CommandContext {
        CommandContext.current(commandLine: (["clap"] + CommandLine.arguments.dropFirst()).joined(separator: " "))
    }
}

/// `--json` on listing and report commands.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Affiche du JSON au lieu d'un tableau.")
    var json = false
}

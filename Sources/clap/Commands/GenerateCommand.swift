import ArgumentParser
import ClapAssets
import ClapReports
import Foundation

/// `clap generate`: a whole made-up history as the CSV files the imports read, for the benchmark and trials.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Génère un historique fictif (équipes, professionnels, adhésions, actions mensuelles, barème) en CSV.",
        discussion: """
            Mêmes options, même graine : mêmes fichiers, à l'octet près. Les fichiers se chargent avec les commandes
            d'import habituelles (team import, professional import, member import, tariff import, actions import).
            Exemple : clap generate --teams 150 --years 2 --seed 7 --out historique/
            """)

    @Option(help: ArgumentHelp("Nombre d'équipes (environ dix professionnels chacune).", valueName: "N")) var teams: Int
    @Option(help: ArgumentHelp("Nombre d'années d'actions.", valueName: "N")) var years: Int
    @Option(help: ArgumentHelp("Graine du générateur pseudo-aléatoire.", valueName: "N")) var seed: UInt64
    @Option(help: ArgumentHelp("Dossier où écrire les fichiers (créé s'il manque).", valueName: "DOSSIER")) var out: String
    @Option(help: ArgumentHelp("Première année de l'historique.", valueName: "AAAA")) var startYear: Int = 2025

    func validate() throws {
        guard GeneratorOptions.teamsRange.contains(teams) else {
            throw ValidationError("--teams doit être compris entre 1 et \(GeneratorOptions.teamsRange.upperBound).")
        }
        guard GeneratorOptions.yearsRange.contains(years) else {
            throw ValidationError("--years doit être compris entre 1 et \(GeneratorOptions.yearsRange.upperBound).")
        }
        guard GeneratorOptions.startYearRange.contains(startYear) else {
            throw ValidationError("--start-year doit être compris entre \(GeneratorOptions.startYearRange.lowerBound) et \(GeneratorOptions.startYearRange.upperBound).")
        }
    }

    func run() throws {
        let tariff = try String(contentsOf: ClapAssets.fixture("bareme-defaut.toml"), encoding: .utf8)
        let options = GeneratorOptions(teams: teams, years: years, seed: seed, startYear: startYear)
        let written = try HistoryGenerator.generate(options, tariffTOML: tariff, into: out)
        print("""
            Historique écrit dans \(out) : \(written.teams) équipes, \(written.professionals) professionnels, \
            \(written.memberships) adhésions, \(written.actions) actions (\(written.participantLines) lignes de participants) \
            sur \(years) an(s), \(written.files.count) fichiers.
            """)
    }
}

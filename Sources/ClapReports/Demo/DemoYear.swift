import ClapAssets
import ClapDomain
import ClapStore
import Foundation
import LedgerCore

/// `clap demo`: builds a whole demo association year from Fixtures/ through the same operations a treasurer uses.
public enum DemoYear {
    /// The demo association (fictitious SIREN and IBAN with valid keys).
    public static let association = AssociationInfo(
        name: "Association régionale des ESP CLAP des Pays de la Loire",
        siren: "882413578", iban: "FR7615519391000002012340129", bic: "CMCIFR2A")

    /// The year the demo plays out.
    public static let year = 2025

    /// What the demo did, for its summary.
    public struct Summary: Sendable {
        public let databasePath: String
        public let outputFolder: String
        public let trialBalance: [AccountBalance]
    }

    public static func loadDefaultChart() throws -> Chart {
        let url = ClapAssets.fixture("plan-comptable.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try ChartFile.parse(text, fileName: url.lastPathComponent).get()
    }

    public static func run(databasePath: String, outputFolder: String, context: CommandContext) throws -> Summary {
        let database = try ClapDatabase.create(at: databasePath)
        let chart = try loadDefaultChart()
        try database.write(context) { db in
            try AssociationStore.initialize(association, chart: chart, context: context, in: db)
            return ((), "association et plan comptable créés")
        }
        let balances = try database.read { try Balances.trialBalance(at: nil, byAuxiliary: false, in: $0) }
        return Summary(databasePath: databasePath, outputFolder: outputFolder, trialBalance: balances)
    }
}

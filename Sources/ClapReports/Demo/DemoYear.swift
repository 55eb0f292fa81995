import ClapAssets
import ClapDomain
import ClapStore
import Foundation
import GRDB
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
        public var actions = ActionImportSummary()
        public var payoutCount = 0
        public var transferCount = 0
        public var paidOut = Cents.zero
        public var files: [String] = []
        public var envelopes: [EnvelopeStatus] = []
        public var trialBalance: [AccountBalance] = []
        public var verification = VerificationReport()
    }

    public static func loadDefaultChart() throws -> Chart {
        let url = ClapAssets.fixture("plan-comptable.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try ChartFile.parse(text, fileName: url.lastPathComponent).get()
    }

    public static func run(databasePath: String, outputFolder: String, context: CommandContext) throws -> Summary {
        let database = try ClapDatabase.create(at: databasePath)
        var summary = Summary(databasePath: databasePath, outputFolder: outputFolder)
        let chart = try loadDefaultChart()
        func step<T>(_ label: String, _ body: (Database) throws -> T) throws -> T {
            try database.write(context) { db in (try body(db), "démo : \(label)") }
        }
        try step("association") { try AssociationStore.initialize(association, chart: chart, context: context, in: $0) }
        let barème = try String(contentsOf: ClapAssets.fixture("bareme-defaut.toml"), encoding: .utf8)
        _ = try step("barème") { try TariffStore.importVersion(toml: barème, fileName: "bareme-defaut.toml", context: context, in: $0) }

        let teams = try RegistryFiles.teams(try fixture("demo/equipes.csv"), fileName: "equipes.csv").get()
        let professionals = try RegistryFiles.professionals(try fixture("demo/professionnels.csv"), fileName: "professionnels.csv").get()
        let members = try RegistryFiles.members(try fixture("demo/membres.csv"), fileName: "membres.csv").get()
        _ = try step("équipes") { try RegistryStore.importTeams(teams, context: context, in: $0) }
        _ = try step("professionnels") { try RegistryStore.importProfessionals(professionals, context: context, in: $0) }
        _ = try step("adhésions") { try RegistryStore.importMembers(members, context: context, in: $0) }

        // Grants decided in January, the ARS money on the bank in February.
        let grantDay = Day(year: year, month: 1, day: 15)!
        let receiptDay = Day(year: year, month: 2, day: 10)!
        for team in teams.map(\.value.id) {
            let grant = try step("dotation \(team)") {
                try EnvelopeStore.grant(team: team, year: year, amount: nil, date: grantDay, decisionRef: "ARS-FIR-\(year)-\(team.rawValue)",
                                        context: context, in: $0)
            }
            _ = try step("versement ARS \(team)") {
                try EnvelopeStore.receive(team: team, year: year, amount: grant.entry.draft.totalDebit, date: receiptDay, context: context, in: $0)
            }
        }

        for month in 1...12 {
            let name = String(format: "actions-%d-%02d.csv", year, month)
            let declarations = try ActionFile.declarations(try fixture("demo/" + name), fileName: name).get()
            let imported = try step("actions \(name)") { try ActionStore.importDeclarations(declarations, fileName: name, context: context, in: $0) }
            summary.actions.accepted += imported.accepted
            summary.actions.rejected += imported.rejected
            summary.actions.paidTotal += imported.paidTotal
            for (code, count) in imported.rejectionsByCode { summary.actions.rejectionsByCode[code, default: 0] += count }
        }

        // Twelve monthly payouts, executed on the 5th of the following month.
        for month in 1...12 {
            guard let yearMonth = YearMonth(year: year, month: month),
                  let execution = Day(year: month == 12 ? year + 1 : year, month: month == 12 ? 1 : month + 1, day: 5) else { continue }
            let (outcome, files) = try PayoutRun.run(PayoutRequest(month: yearMonth, executionDate: execution), database: database, context: context)
            summary.files += try PayoutFiles.write(files, to: outputFolder + "/virements")
            summary.payoutCount += 1
            summary.transferCount += outcome.batch.transfers.count
            summary.paidOut += outcome.batch.total
        }

        try database.read { db in
            summary.envelopes = try EnvelopeStore.statuses(year: year, team: nil, in: db)
            summary.trialBalance = try Balances.trialBalance(at: nil, byAuxiliary: false, in: db)
            summary.verification = try Verifier.verify(in: db, extraChecks: StoreChecks.all)
        }
        return summary
    }

    static func fixture(_ path: String) throws -> Data {
        try Data(contentsOf: ClapAssets.fixture(path))
    }

    /// The short French summary the demo prints.
    public static func text(_ summary: Summary) -> String {
        let reasons: String = summary.actions.rejectionsByCode.sorted { $0.key < $1.key }
            .map { "\($0.key) × \($0.value)" }.joined(separator: ", ")
        let actions: String = "Actions : \(summary.actions.accepted) payées pour \(summary.actions.paidTotal.euroString), "
            + "\(summary.actions.rejected) rejetées (\(reasons))."
        let verification: String = summary.verification.isClean
            ? "Vérification : OK, \(summary.verification.entryCount) écritures, chaîne SHA-256 intègre (tête \(summary.verification.headHash.prefix(16))…)."
            : "Vérification : \(summary.verification.violations.count) ANOMALIES."
        var lines: [String] = [
            "Démonstration : année \(year) de l'\(association.name).",
            "",
            actions,
            "",
            "Virements : \(summary.payoutCount) lots mensuels, \(summary.transferCount) virements SEPA pour \(summary.paidOut.euroString)"
                + " (\(summary.files.count) fichiers pain.001.001.09 et bordereaux dans \(summary.outputFolder)/virements).",
            "",
            "Enveloppes \(year) :",
            EnvelopeText.render(summary.envelopes),
            "",
            TrialBalanceText.render(summary.trialBalance, byAuxiliary: false, at: nil),
            "",
            verification,
            "",
            "Base : \(summary.databasePath) — fichiers produits : \(summary.outputFolder)/",
        ]
        lines.append("Pour explorer : export CLAP_DB=\(summary.databasePath) puis clap envelope status --year \(year)")
        return lines.joined(separator: "\n")
    }
}

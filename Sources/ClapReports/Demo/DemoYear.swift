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
        public var yearClose: YearCloseOutcome?
        public var das2: Das2Summary?
    }

    public static func loadDefaultChart() throws -> Chart {
        let url = ClapAssets.fixture("plan-comptable.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try ChartFile.parse(text, fileName: url.lastPathComponent).get()
    }

    /// The demo's clock: each step happens on the day a treasurer would do it, so that validation dates,
    /// the audit log and the FEC's `ValidDate` order read like a real year. Nothing depends on the machine's date.
    enum Calendar {
        static let setUp = Day(year: year, month: 1, day: 2)!
        static let grants = Day(year: year, month: 1, day: 15)!
        static let arsReceipt = Day(year: year, month: 1, day: 31)!
        /// Month M's declarations arrive and are imported on the 3rd of M+1.
        static func importDay(_ month: Int) -> Day { nextMonth(month, day: 3) }
        /// Month M is paid by a transfer executed on the 5th of M+1, prepared the day before.
        static func payoutRunDay(_ month: Int) -> Day { nextMonth(month, day: 4) }
        static func executionDay(_ month: Int) -> Day { nextMonth(month, day: 5) }
        /// Month M is closed on the 10th of M+1 (December closes with the year).
        static func closeMonthDay(_ month: Int) -> Day { nextMonth(month, day: 10) }
        static let closeYear = Day(year: year + 1, month: 1, day: 20)!
        static let reports = Day(year: year + 1, month: 1, day: 31)!
        static let yearStart = Day(year: year, month: 1, day: 1)!
        static let yearEnd = Day(year: year, month: 12, day: 31)!

        static func nextMonth(_ month: Int, day: Int) -> Day {
            Day(year: month == 12 ? year + 1 : year, month: month == 12 ? 1 : month + 1, day: day)!
        }
    }

    /// Plays the year. `closingTheYear: false` stops before the year close (and its files), for tests that
    /// still need to correct the year.
    public static func run(databasePath: String, outputFolder: String, context: CommandContext,
                           closingTheYear: Bool = true) throws -> Summary {
        let database = try ClapDatabase.create(at: databasePath)
        var summary = Summary(databasePath: databasePath, outputFolder: outputFolder)
        let chart = try loadDefaultChart()
        func on(_ day: Day, _ command: String) -> CommandContext {
            CommandContext(operatorName: context.operatorName, commandLine: "clap demo : \(command)", today: day,
                           timestamp: day.iso + "T09:00:00")
        }
        func step<T>(_ day: Day, _ label: String, _ body: (Database, CommandContext) throws -> T) throws -> T {
            let dayContext = on(day, label)
            return try database.write(dayContext) { db in (try body(db, dayContext), "démo : \(label)") }
        }
        try step(Calendar.setUp, "association") { try AssociationStore.initialize(association, chart: chart, context: $1, in: $0) }
        let barème = try String(contentsOf: ClapAssets.fixture("bareme-defaut.toml"), encoding: .utf8)
        _ = try step(Calendar.setUp, "barème") { try TariffStore.importVersion(toml: barème, fileName: "bareme-defaut.toml", context: $1, in: $0) }

        let teams = try RegistryFiles.teams(try fixture("demo/equipes.csv"), fileName: "equipes.csv").get()
        let professionals = try RegistryFiles.professionals(try fixture("demo/professionnels.csv"), fileName: "professionnels.csv").get()
        let members = try RegistryFiles.members(try fixture("demo/membres.csv"), fileName: "membres.csv").get()
        _ = try step(Calendar.setUp, "équipes") { try RegistryStore.importTeams(teams, context: $1, in: $0) }
        _ = try step(Calendar.setUp, "professionnels") { try RegistryStore.importProfessionals(professionals, context: $1, in: $0) }
        _ = try step(Calendar.setUp, "adhésions") { try RegistryStore.importMembers(members, context: $1, in: $0) }

        // Grants decided mid-January, the ARS money on the bank at the end of January, before the first payout.
        for team in teams.map(\.value.id) {
            let grant = try step(Calendar.grants, "dotation \(team)") {
                try EnvelopeStore.grant(team: team, year: year, amount: nil, date: Calendar.grants,
                                        decisionRef: "ARS-FIR-\(year)-\(team.rawValue)", context: $1, in: $0)
            }
            _ = try step(Calendar.arsReceipt, "versement ARS \(team)") {
                try EnvelopeStore.receive(team: team, year: year, amount: grant.entry.draft.totalDebit, date: Calendar.arsReceipt,
                                          context: $1, in: $0)
            }
        }

        // Each month: import the declarations, pay, close.
        for month in 1...12 {
            let name = String(format: "actions-%d-%02d.csv", year, month)
            let declarations = try ActionFile.declarations(try fixture("demo/" + name), fileName: name).get()
            // As `clap actions import` does: decided on a second connection while the writer writes.
            let importContext = on(Calendar.importDay(month), "actions \(name)")
            let imported = try database.writeWithSnapshot(importContext) { db, snapshot in
                (try ActionStore.importDeclarations(declarations, fileName: name, context: importContext, in: db, snapshot: snapshot),
                 "démo : actions \(name)")
            }
            summary.actions.accepted += imported.accepted
            summary.actions.rejected += imported.rejected
            summary.actions.paidTotal += imported.paidTotal
            for (code, count) in imported.rejectionsByCode { summary.actions.rejectionsByCode[code, default: 0] += count }

            guard let yearMonth = YearMonth(year: year, month: month) else { continue }
            let (outcome, files) = try PayoutRun.run(PayoutRequest(month: yearMonth, executionDate: Calendar.executionDay(month)),
                                                     database: database, context: on(Calendar.payoutRunDay(month), "payout run \(yearMonth.iso)"))
            summary.files += try PayoutFiles.write(files, to: outputFolder + "/virements")
            summary.payoutCount += 1
            summary.transferCount += outcome.batch.transfers.count
            summary.paidOut += outcome.batch.total
            if month < 12 {
                _ = try step(Calendar.closeMonthDay(month), "close month \(yearMonth.iso)") {
                    try ClosingStore.closeMonth(yearMonth, context: $1, in: $0)
                }
            }
        }
        if closingTheYear {
            summary.yearClose = try step(Calendar.closeYear, "close year \(year)") { try ClosingStore.closeYear(year, context: $1, in: $0) }
            try writeAuditorFiles(database, into: outputFolder + "/comptabilite", context: on(Calendar.reports, "exports"), summary: &summary)
            try writeReports(database, into: outputFolder, context: on(Calendar.reports, "rapports"), summary: &summary)
        }

        try database.read { db in
            summary.envelopes = try EnvelopeStore.statuses(year: year, team: nil, in: db)
            summary.trialBalance = try Balances.trialBalance(at: Calendar.yearEnd, byAuxiliary: false, in: db)
            summary.verification = try Verifier.verify(in: db, extraChecks: StoreChecks.all)
        }
        return summary
    }

    /// What the auditor receives: the FEC of the closed year, the journal CSV, hledger and beancount journals,
    /// and the grand livre of the professionals' payables. Every file is recorded in the export register.
    static func writeAuditorFiles(_ database: ClapDatabase, into folder: String, context: CommandContext, summary: inout Summary) throws {
        let written: [Exports.Written] = [
            try Exports.fec(database, year: year, folder: folder, context: context),
            try Exports.journal(database, from: Calendar.yearStart, to: Calendar.yearEnd, path: folder + "/journal-\(year).csv", context: context),
            try Exports.plainText(database, format: "hledger", path: folder + "/clap.hledger", context: context),
            try Exports.plainText(database, format: "beancount", path: folder + "/clap.beancount", context: context),
        ]
        summary.files += written.map(\.path)
        let payables = try database.read { try AssociationStore.chart(in: $0).number(.professionalPayable) }
        let request = AccountLedgerRequest(account: payables, auxiliary: nil, from: Calendar.yearStart, to: Calendar.yearEnd)
        summary.files.append(try Exports.accountLedger(database, request: request, path: folder + "/grand-livre-\(payables)-\(year).csv",
                                                       context: context).written.path)
    }

    /// What the professionals and the ARS receive: a statement per professional (printable HTML), the ARS
    /// annual report (CSV and HTML with its chart) and the DAS2 summary.
    static func writeReports(_ database: ClapDatabase, into folder: String, context: CommandContext, summary: inout Summary) throws {
        guard let period = ReportPeriod(year: year) else { return }
        summary.files += try Statements.writeAll(period: period, format: .html, folder: folder + "/releves", database: database,
                                                 context: context).map(\.path)
        let report = try ArsReports.report(database, year: year)
        summary.files += try ArsReports.write(report, folder: folder + "/rapports", database: database, context: context).map(\.path)
        let das2 = try Das2Summary.read(database, year: year)
        summary.files.append(try das2.write(path: folder + "/rapports/das2-\(year).csv", database: database, context: context).path)
        summary.das2 = das2
    }

    static func closingLine(_ outcome: YearCloseOutcome?) -> String {
        guard let outcome else { return "Exercice \(year) : non clôturé." }
        let opening = outcome.opening.map { "à-nouveaux \(outcome.openingTotal.euroString) ouverts au 01/01/\(year + 1) (\($0))" }
            ?? "rien à reporter en à-nouveaux"
        return "Clôture : exercice \(year) clôturé au \(outcome.through.french) ; \(outcome.dedicatedFunds.count) équipes reportent "
            + "\(outcome.dedicatedFundsTotal.euroString) non consommés en fonds dédiés (689400 → 194000) ; \(opening)."
    }

    /// One line per sub-folder of the output: how many files, and what they are.
    static func folderLines(_ summary: Summary) -> [String] {
        let prefix = summary.outputFolder.hasSuffix("/") ? summary.outputFolder : summary.outputFolder + "/"
        var counts: [String: Int] = [:]
        for file in summary.files {
            let relative = file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file
            let folder = relative.split(separator: "/").dropLast().joined(separator: "/")
            counts[folder.isEmpty ? "." : folder, default: 0] += 1
        }
        return counts.keys.sorted().map { folder in
            let what = folderDescriptions[folder].map { " : \($0)" } ?? ""
            return "  \(folder)/ — \(counts[folder] ?? 0) fichier(s)\(what)"
        }
    }

    static let folderDescriptions = [
        "virements": "fichiers SEPA pain.001.001.09 à déposer à la banque et bordereaux CSV",
        "comptabilite": "FEC, journal CSV, journaux hledger et beancount, grand livre 401100",
        "releves": "un relevé d'indemnités par professionnel (HTML imprimable)",
        "rapports": "rapport annuel à l'ARS (CSV et HTML avec graphique), récapitulatif DAS2",
    ]

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
                + " (un fichier pain.001.001.09 et un bordereau par lot, dans \(summary.outputFolder)/virements).",
            "",
            closingLine(summary.yearClose),
            "",
        ]
        if let das2 = summary.das2 {
            lines += ["DAS2 \(year) : \(das2.declaredCount) professionnel(s) sur \(das2.lines.count) ont reçu au moins "
                        + "\(Das2Summary.declarationThreshold.euroString) (\(das2.total.euroString) versés dans l'année civile).", ""]
        }
        lines += [
            "Enveloppes \(year) :",
            EnvelopeText.render(summary.envelopes),
            "",
            TrialBalanceText.render(summary.trialBalance, byAuxiliary: false, at: nil),
            "",
            verification,
            "",
            "Fichiers produits dans \(summary.outputFolder)/ :",
        ] + folderLines(summary)
        lines += [
            "",
            "Base : \(summary.databasePath)",
        ]
        lines.append("Pour explorer : export CLAP_DB=\(summary.databasePath) puis clap envelope status --year \(year)")
        return lines.joined(separator: "\n")
    }
}

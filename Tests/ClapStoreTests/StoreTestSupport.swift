import ClapAssets
import ClapDomain
import ClapStore
import Foundation
import GRDB
import LedgerCore
import XCTest
import ClapTestSupport

func day(_ text: String) -> Day {
    guard let day = Day.parse(text) else { preconditionFailure("bad test date \(text)") }
    return day
}

/// A fresh, initialised database in a temporary folder, and what tests need around it.
struct TestLedger {
    let folder: URL
    let path: String
    let database: ClapDatabase
    let context: CommandContext

    init(today: String = "2025-12-31") throws {
        folder = ScratchFolder.url("clap-test")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("clap.sqlite").path
        database = try ClapDatabase.create(at: path)
        context = CommandContext(operatorName: "test", commandLine: "test", today: day(today), timestamp: today + "T12:00:00")
        let chartURL = ClapAssets.fixture("plan-comptable.csv")
        let chart = try ChartFile.parse(try String(contentsOf: chartURL, encoding: .utf8), fileName: "plan-comptable.csv").get()
        let info = AssociationInfo(name: "Association test", siren: "882413578", iban: "FR7615519391000002012340129", bic: nil)
        try database.write(context) { db in
            try AssociationStore.initialize(info, chart: chart, context: context, in: db)
            return ((), "init")
        }
    }

    @discardableResult
    func post(_ draft: EntryDraft) throws -> PostingOutcome {
        try database.write(context) { db in
            let outcome = try LedgerWriter.post(draft, validDate: context.today, in: db)
            return (outcome, "post")
        }
    }

    func verify() throws -> VerificationReport {
        try database.read { try Verifier.verify(in: $0, extraChecks: StoreChecks.all) }
    }

    /// Changes the file behind clap's back, as someone with `sqlite3` would: guards dropped, checks ignored,
    /// then every trigger put back as it was, so that the only finding left is the tampering itself.
    func tamper(_ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON;")
            let triggers = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            for trigger in triggers {
                try db.execute(sql: "DROP TRIGGER \(trigger["name"] as String)")
            }
            try db.execute(sql: sql)
            for trigger in triggers {
                try db.execute(sql: trigger["sql"] as String)
            }
        }
    }
}

func grant(_ team: String, cents: Int64 = 1_000_000, on date: String = "2025-01-15", key: String? = nil) -> EntryDraft {
    EntryDraft(journal: .od, entryDate: day(date), pieceDate: day(date), pieceRef: "ARS-\(team)", label: "Dotation FIR \(team)",
               lines: [.debit("441100", Cents(cents), auxiliary: team), .credit("741000", Cents(cents), analytic: "\(team)/2025")],
               idempotencyKey: key)
}

import ClapDomain
import ClapReports
import ClapStore
import Foundation
import LedgerCore
import XCTest
import ClapTestSupport

/// A day from `AAAA-MM-JJ` in a test.
func exportDay(_ text: String) -> Day {
    guard let day = Day.parse(text) else { preconditionFailure("bad test date \(text)") }
    return day
}

/// The default chart, as `clap init` loads it.
func exportChart() throws -> Chart { try DemoYear.loadDefaultChart() }

/// Third parties and their names, as the registry would give them (`CompAuxLib`).
enum ExportNames {
    static let teamNorth = "T044-001"
    static let teamSouth = "T044-002"
    static let doctor = "10003456789"
    static let nurse = "10101010101"

    static let labels = [
        teamNorth: "ESP CLAP Nantes Nord",
        teamSouth: "ESP CLAP Rezé Sud",
        doctor: "Dr Marie Dupont",
        nurse: "Jean Martin, infirmier",
    ]

    static func label(account: String, auxiliary: String) -> String { labels[auxiliary] ?? "" }
}

/// A fresh, initialised database in a temporary folder (removed with it), posted through `LedgerWriter`.
final class ExportLedger {
    let folder: URL
    let database: ClapDatabase
    let chart: Chart

    init() throws {
        folder = ScratchFolder.url("clap-export")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try ClapDatabase.create(at: folder.appendingPathComponent("clap.sqlite").path)
        chart = try exportChart()
        let chart = chart
        let context = Self.context("2025-01-01")
        try database.write(context) { db in
            try AssociationStore.initialize(DemoYear.association, chart: chart, context: context, in: db)
            return ((), "init")
        }
    }

    deinit {
        try? database.close()
        try? FileManager.default.removeItem(at: folder)
    }

    static func context(_ today: String) -> CommandContext {
        CommandContext(operatorName: "test", commandLine: "test", today: exportDay(today), timestamp: today + "T12:00:00")
    }

    /// Posts a draft as if on `validDate` (the injected clock).
    @discardableResult
    func post(_ draft: EntryDraft, on validDate: String) throws -> PostedEntry {
        try database.write(Self.context(validDate)) { db in
            (try LedgerWriter.post(draft, validDate: exportDay(validDate), in: db).entry, "post")
        }
    }

    /// Every entry in chain order.
    /// The whole history as `clap export ledger` writes it: chain order, à-nouveaux left out (the trial balance
    /// leaves them out too: they restate what the history holds).
    func wholeHistory() throws -> [PostedEntry] { try entriesInChainOrder().filter { $0.ref.journal != .an } }

    func entriesInChainOrder() throws -> [PostedEntry] {
        try database.read { db in
            var entries: [PostedEntry] = []
            try LedgerReader.forEachEntry(in: db) { entries.append($0) }
            return entries
        }
    }

    /// The entries of one fiscal year in FEC order, as the store's export query gives them.
    func fecEntries(fiscalYear: Int) throws -> [PostedEntry] {
        FecEntryOrder.sorted(try entriesInChainOrder().filter { $0.ref.fiscalYear == fiscalYear })
    }

    func trialBalance(byAuxiliary: Bool, at date: Day? = nil) throws -> [AccountBalance] {
        try database.read { try Balances.trialBalance(at: date, byAuxiliary: byAuxiliary, in: $0) }
    }

    /// 2025: two grants, the ARS payment, two paid actions, a payout, the year-end dedicated funds (validated in
    /// January 2026, after a 2026 bank entry); 2026: the AN entry (posted after that bank entry), a new grant.
    static func twoYears() throws -> ExportLedger {
        let ledger = try ExportLedger()
        let n = ExportNames.self
        try ledger.post(grant(n.teamNorth, cents: 1_000_000, on: "2025-01-15", year: 2025), on: "2025-01-15")
        try ledger.post(grant(n.teamSouth, cents: 800_000, on: "2025-01-15", year: 2025), on: "2025-01-15")
        try ledger.post(draft(.bq, "2025-02-03", "VIR-ARS-0203", "Versement ARS FIR 2025 \(n.teamNorth)",
                              [.debit("512000", Cents(1_000_000)), .credit("441100", Cents(1_000_000), auxiliary: n.teamNorth)]),
                        on: "2025-02-03")
        try ledger.post(draft(.ind, "2025-03-06", "ACT-2025-0001", "RCP mars Nantes Nord",
                              [.debit("622600", Cents(10_000), analytic: "\(n.teamNorth)/2025"),
                               .credit("401100", Cents(10_000), auxiliary: n.doctor),
                               .debit("622600", Cents(5_000), analytic: "\(n.teamNorth)/2025"),
                               .credit("401100", Cents(5_000), auxiliary: n.nurse)]),
                        on: "2025-03-10")
        try ledger.post(draft(.ind, "2025-03-08", "ACT-2025-0002;bis", "Réunion\tPPS\nsuivi (2 h)",
                              [.debit("622600", Cents(12_345), analytic: "\(n.teamNorth)/2025"),
                               .credit("401100", Cents(12_345), auxiliary: n.doctor)]),
                        on: "2025-03-12")
        try ledger.post(draft(.bq, "2025-04-01", "PAY-2025-03", "Paiement des indemnités de mars",
                              [.debit("401100", Cents(22_345), auxiliary: n.doctor),
                               .debit("401100", Cents(5_000), auxiliary: n.nurse),
                               .credit("512000", Cents(27_345))]),
                        on: "2025-04-01")
        try ledger.post(draft(.bq, "2026-01-01", "FRAIS-2026-01", "Frais bancaires remboursés",
                              [.debit("512000", Cents(100)), .credit("441100", Cents(100), auxiliary: n.teamSouth)]),
                        on: "2026-01-01")
        try ledger.post(draft(.od, "2025-12-31", "CLOTURE-2025", "Fonds dédiés 2025",
                              [.debit("689400", Cents(972_655), analytic: "\(n.teamNorth)/2025"),
                               .credit("194000", Cents(972_655), analytic: "\(n.teamNorth)/2025"),
                               .debit("689400", Cents(800_000), analytic: "\(n.teamSouth)/2025"),
                               .credit("194000", Cents(800_000), analytic: "\(n.teamSouth)/2025")]),
                        on: "2026-01-02")
        try ledger.post(try ledger.openingEntry(year: 2026), on: "2026-01-02")
        try ledger.post(grant(n.teamNorth, cents: 1_200_000, on: "2026-01-20", year: 2026), on: "2026-01-20")
        return ledger
    }

    /// The AN entry of `year`: the balances of classes 1 to 5 at the end of the year before, per third party.
    func openingEntry(year: Int) throws -> EntryDraft {
        let closing = exportDay("\(year - 1)-12-31")
        let lines: [PostingLine] = try trialBalance(byAuxiliary: true, at: closing)
            .filter { ("1"..."5").contains(String($0.account.prefix(1))) && $0.balance != .zero }
            .map { row in
                row.balance.isPositive
                    ? .debit(row.account, row.balance, auxiliary: row.auxiliary)
                    : .credit(row.account, row.balance.magnitude, auxiliary: row.auxiliary)
            }
        return draft(.an, "\(year)-01-01", "AN-\(year)", "À-nouveaux \(year)", lines)
    }
}

func grant(_ team: String, cents: Int64, on date: String, year: Int) -> EntryDraft {
    draft(.od, date, "ARS-\(team)-\(year)", "Dotation FIR \(year) \(team)",
          [.debit("441100", Cents(cents), auxiliary: team), .credit("741000", Cents(cents), analytic: "\(team)/\(year)")])
}

func draft(_ journal: JournalCode, _ date: String, _ piece: String, _ label: String, _ lines: [PostingLine]) -> EntryDraft {
    EntryDraft(journal: journal, entryDate: exportDay(date), pieceDate: exportDay(date), pieceRef: piece, label: label,
               lines: lines, idempotencyKey: piece)
}

/// Entries built in memory (no database), for tests of pure writers and the checker.
enum ExportSample {
    static func posted(_ seq: Int64, _ number: Int, valid: String, _ draft: EntryDraft) -> PostedEntry {
        PostedEntry(sequence: seq, ref: EntryRef(journal: draft.journal, fiscalYear: draft.fiscalYear, number: number),
                    validDate: exportDay(valid), draft: draft,
                    previousHash: String(repeating: "0", count: 64), hash: String(repeating: "0", count: 64))
    }

    /// Fiscal 2026 in FEC order. Lines: 1 header, 2–4 AN, 5–6 OD n° 1, 7–8 IND n° 1, 9–10 BQ n° 1, 11–12 IND n° 2.
    static func year2026() -> [PostedEntry] {
        let n = ExportNames.self
        return [
            posted(10, 1, valid: "2026-01-02", draft(.an, "2026-01-01", "AN-2026", "À-nouveaux 2026", [
                .debit("512000", Cents(985_000)), .debit("441100", Cents(800_000), auxiliary: n.teamSouth),
                .credit("194000", Cents(1_785_000))])),
            posted(11, 1, valid: "2026-01-20", grant(n.teamNorth, cents: 1_200_000, on: "2026-01-20", year: 2026)),
            posted(12, 1, valid: "2026-02-10", draft(.ind, "2026-02-09", "ACT-2026-0001", "RCP février", [
                .debit("622600", Cents(20_000), analytic: "\(n.teamNorth)/2026"),
                .credit("401100", Cents(20_000), auxiliary: n.doctor)])),
            posted(13, 1, valid: "2026-03-01", draft(.bq, "2026-03-01", "PAY-2026-02", "Paiement de février", [
                .debit("401100", Cents(20_000), auxiliary: n.doctor), .credit("512000", Cents(20_000))])),
            posted(14, 2, valid: "2026-03-05", draft(.ind, "2026-03-04", "ACT-2026-0002", "PPS mars", [
                .debit("622600", Cents(7_500), analytic: "\(n.teamNorth)/2026"),
                .credit("401100", Cents(7_500), auxiliary: n.nurse)])),
        ]
    }

    /// The payout of February letters the action it pays.
    static func lettering(_ ref: EntryRef, _ lineNo: Int) -> (letter: String, date: Day)? {
        let paid = [EntryRef(journal: .ind, fiscalYear: 2026, number: 1): 2, EntryRef(journal: .bq, fiscalYear: 2026, number: 1): 1]
        return paid[ref] == lineNo ? ("AA", exportDay("2026-03-01")) : nil
    }

    /// The FEC text of `year2026()`.
    static func fec2026() throws -> String {
        var text = ""
        _ = try FecWriter.write(year2026(), fiscalYear: 2026, chart: try exportChart(),
                                auxiliaryLabel: ExportNames.label, lettering: lettering) { text += $0 }
        return text
    }

    /// Account numbers whose lines carry a third party in the chart.
    static func thirdPartyAccounts() throws -> Set<String> {
        Set(try exportChart().accounts.filter(\.isThirdParty).map(\.number))
    }
}

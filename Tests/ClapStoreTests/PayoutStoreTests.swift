import ClapDomain
import ClapStore
import Foundation
import GRDB
import LedgerCore
import XCTest

/// Valid RPPS and French IBANs for payout tests.
enum PayoutTestIDs {
    static func rpps(_ n: Int) -> String {
        let base = "1" + String(format: "%09d", 100_000_000 + n)
        var sum = 0
        for (index, char) in base.reversed().enumerated() {
            var digit = char.wholeNumberValue ?? 0
            if index % 2 == 0 { digit *= 2; if digit > 9 { digit -= 9 } }
            sum += digit
        }
        return base + String((10 - sum % 10) % 10)
    }

    /// A French IBAN with a valid RIB key and mod-97 check digits; `variant` changes the account number.
    static func iban(_ n: Int, variant: Int = 0) -> String {
        let bank = "30004", branch = "00823", account = String(format: "%011d", 10_000_000 + n + 1_000 * variant)
        let rib = 97 - ((89 * Int(bank)! + 15 * Int(branch)! + 3 * Int(account)!) % 97)
        let bban = bank + branch + account + String(format: "%02d", rib)
        let numeric = (bban + "FR00").map { c -> String in
            if let d = c.wholeNumberValue { return String(d) }
            return String(Int(c.unicodeScalars.first!.value) - 55)
        }.joined()
        var remainder = 0
        for c in numeric { remainder = (remainder * 10 + Int(String(c))!) % 97 }
        return "FR" + String(format: "%02d", 98 - remainder) + bban
    }
}

/// A ledger with registered professionals, IND entries posted directly, and the payout store.
struct PayoutWorld {
    let ledger: TestLedger
    let team = "T044-001"

    init(professionals count: Int = 3) throws {
        ledger = try TestLedger()
        for n in 1...count { try register(n) }
    }

    var database: ClapDatabase { ledger.database }

    func rpps(_ n: Int) -> RPPS { RPPS(unchecked: PayoutTestIDs.rpps(n)) }

    func context(_ today: String, at time: String = "09:30:00") -> CommandContext {
        CommandContext(operatorName: "test", commandLine: "clap payout", today: day(today), timestamp: today + "T" + time)
    }

    /// Registers (or updates) professional n with the given IBAN text, unchecked so that a bad one can be stored.
    func register(_ n: Int, iban: String? = nil, name: String = "Lemoine") throws {
        let professional = Professional(rpps: rpps(n), lastName: name + String(n), firstName: "Claire", profession: .infirmier,
                                        iban: IBAN(unchecked: iban ?? PayoutTestIDs.iban(n)), bic: nil, email: nil,
                                        conventionOn: day("2025-01-01"))
        _ = try database.write(ledger.context) { db in
            (try RegistryStore.importProfessionals([Located(professional, at: SourceLocation(file: "test", line: n))],
                                                   context: ledger.context, in: db), "register")
        }
    }

    /// An IND entry as the valuation posts it: Dr 622600 (team/year) / Cr 401100 (aux P).
    @discardableResult
    func indemnity(_ n: Int, _ cents: Int64, on date: String, ref: String) throws -> PostedEntry {
        try ledger.post(EntryDraft(journal: .ind, entryDate: day(date), pieceDate: day(date), pieceRef: ref, label: "Action \(ref)",
                                   lines: [.debit("622600", Cents(cents), analytic: "\(team)/2025"),
                                           .credit("401100", Cents(cents), auxiliary: rpps(n).rawValue)],
                                   idempotencyKey: "action/\(ref)")).entry
    }

    /// The mirror of an IND entry (an action cancelled after posting).
    func reverse(_ entry: PostedEntry, on date: String) throws {
        try ledger.post(.reversal(of: entry, on: day(date), label: "Annulation \(entry.draft.pieceRef)",
                                  idempotencyKey: "cancel/\(entry.draft.pieceRef)"))
    }

    @discardableResult
    func run(_ month: String, execution: String, threshold: Int64 = 100, today: String? = nil,
             time: String = "09:30:00") throws -> PayoutRunOutcome {
        let request = PayoutRequest(month: YearMonth.parse(month)!, executionDate: day(execution), threshold: Cents(threshold))
        let context = context(today ?? execution, at: time)
        return try database.write(context) { db in (try PayoutStore.runPayout(request, context: context, in: db), "run") }
    }

    @discardableResult
    func reject(_ batch: String, _ n: Int, today: String, reason: String = "Compte clos") throws -> PayoutTransferRecord {
        let context = context(today)
        return try database.write(context) { db in
            (try PayoutStore.reject(batchID: batch, rpps: rpps(n), reason: reason, context: context, in: db), "reject")
        }
    }

    /// What the association owes professional n: minus the 401100 balance.
    func owed(_ n: Int) throws -> Cents {
        -(try database.read { try Balances.balance(account: "401100", auxiliary: rpps(n).rawValue, in: $0) })
    }

    func count(_ sql: String) throws -> Int { try database.read { try Int.fetchOne($0, sql: sql) ?? 0 } }

    /// This world posts indemnities straight into the ledger, without the actions and grants that back them in
    /// real use: it checks the ledger's own invariants and the payout ones (7), not envelopes (5) or valuation (6),
    /// which the actions tests and the demo year cover end to end.
    func payoutVerification() throws -> VerificationReport {
        try database.read { try Verifier.verify(in: $0, extraChecks: PayoutChecks.all) }
    }

    func assertClean(file: StaticString = #filePath, line: UInt = #line) throws {
        let report = try payoutVerification()
        XCTAssertTrue(report.isClean, "\(report.violations)", file: file, line: line)
    }
}

/// A month's batch: who is paid, the one BQ entry, idempotence, carried and excluded balances.
final class PayoutStoreTests: XCTestCase {
    func testPaysEachBalanceDueAtTheMonthsEndWithOneBQEntry() throws {
        let world = try PayoutWorld()
        try world.indemnity(1, 5_000, on: "2025-10-03", ref: "A-1")
        try world.indemnity(2, 8_000, on: "2025-10-10", ref: "A-2")
        try world.indemnity(2, 2_000, on: "2025-10-31", ref: "A-3")
        try world.indemnity(3, 3_000, on: "2025-11-02", ref: "A-4")
        let outcome = try world.run("2025-10", execution: "2025-11-05")
        XCTAssertTrue(outcome.created)
        let batch = outcome.batch
        XCTAssertEqual(batch.id, "VIR-2025-10")
        XCTAssertEqual(batch.transfers.map(\.rpps), [world.rpps(1), world.rpps(2)])
        XCTAssertEqual(batch.transfers.map(\.amount), [Cents(5_000), Cents(10_000)])
        XCTAssertEqual(batch.transfers.map(\.endToEndID), ["VIR-2025-10-" + world.rpps(1).rawValue, "VIR-2025-10-" + world.rpps(2).rawValue])
        XCTAssertEqual(batch.transfers.map(\.iban.rawValue), [PayoutTestIDs.iban(1), PayoutTestIDs.iban(2)])
        XCTAssertEqual(batch.transfers.map(\.creditorName), ["Claire LEMOINE1", "Claire LEMOINE2"])
        XCTAssertEqual(batch.transfers.map(\.paidPieceRefs), [["A-1"], ["A-2", "A-3"]])
        XCTAssertEqual(batch.total, Cents(15_000))
        XCTAssertEqual(batch.entry, EntryRef(journal: .bq, fiscalYear: 2025, number: 1))
        XCTAssertEqual(batch.entryDate, day("2025-11-05"))
        XCTAssertEqual(batch.messageID, "VIR-2025-10-20251105093000")
        XCTAssertEqual(batch.status, .issued)
        XCTAssertEqual(batch.remittance, "ESP CLAP indemnites 2025-10")

        let entry = try world.database.read { try LedgerReader.entry(idempotencyKey: "payout/2025-10", in: $0) }
        XCTAssertEqual(entry?.draft.pieceRef, "VIR-2025-10")
        XCTAssertEqual(entry?.draft.lines, [.debit("401100", Cents(5_000), auxiliary: world.rpps(1).rawValue),
                                            .debit("401100", Cents(10_000), auxiliary: world.rpps(2).rawValue),
                                            .credit("512000", Cents(15_000))])
        XCTAssertEqual(try world.owed(1), .zero)
        XCTAssertEqual(try world.owed(2), .zero)
        XCTAssertEqual(try world.owed(3), Cents(3_000), "November's action waits for November's batch")
        try world.assertClean()
    }

    func testRunningAMonthTwiceReturnsTheSameBatchAndPaysNothingMore() throws {
        let world = try PayoutWorld()
        try world.indemnity(1, 5_000, on: "2025-10-03", ref: "A-1")
        let first = try world.run("2025-10", execution: "2025-11-05")
        try world.indemnity(1, 7_000, on: "2025-10-30", ref: "A-2")  // posted late, dated in the month
        let second = try world.run("2025-10", execution: "2025-11-09", threshold: 0, today: "2025-11-20", time: "18:00:00")
        XCTAssertFalse(second.created)
        XCTAssertEqual(second.batch, first.batch, "the stored batch, with its creation time and message id, comes back as it was")
        XCTAssertEqual(try world.count("SELECT COUNT(*) FROM payout_batch"), 1)
        XCTAssertEqual(try world.count("SELECT COUNT(*) FROM entry WHERE journal = 'BQ'"), 1)
        XCTAssertEqual(try world.owed(1), Cents(7_000))
        let november = try world.run("2025-11", execution: "2025-12-05")
        XCTAssertEqual(november.batch.transfers.map(\.amount), [Cents(7_000)], "the late action is paid in the next batch")
        XCTAssertEqual(november.batch.transfers.first?.paidPieceRefs, ["A-2"])
        try world.assertClean()
    }

    func testACorrectionCarriesTheDebtAndTheNextTransferIsReducedByIt() throws {
        let world = try PayoutWorld()
        let action = try world.indemnity(1, 10_000, on: "2025-09-15", ref: "A-1")
        XCTAssertEqual(try world.run("2025-09", execution: "2025-10-05").batch.total, Cents(10_000))
        try world.reverse(action, on: "2025-10-12")
        let october = try world.run("2025-10", execution: "2025-11-05").batch
        XCTAssertTrue(october.transfers.isEmpty)
        XCTAssertNil(october.entry)
        XCTAssertEqual(october.exclusions.map(\.code), ["payout.negative_balance"])
        XCTAssertEqual(october.exclusions.first?.balance, Cents(-10_000))
        try world.indemnity(1, 15_000, on: "2025-11-20", ref: "A-2")
        let november = try world.run("2025-11", execution: "2025-12-05").batch
        XCTAssertEqual(november.transfers.map(\.amount), [Cents(5_000)], "150 € earned minus the 100 € owed back")
        XCTAssertEqual(november.transfers.first?.paidPieceRefs, ["A-2"])
        XCTAssertEqual(try world.owed(1), .zero)
        try world.assertClean()
    }

    func testTheThresholdCarriesSmallBalances() throws {
        let world = try PayoutWorld()
        try world.indemnity(1, 99, on: "2025-10-03", ref: "A-1")
        try world.indemnity(2, 100, on: "2025-10-03", ref: "A-2")
        try world.indemnity(3, 450, on: "2025-10-03", ref: "A-3")
        let october = try world.run("2025-10", execution: "2025-11-05").batch
        XCTAssertEqual(october.transfers.map(\.rpps), [world.rpps(2), world.rpps(3)])
        XCTAssertEqual(october.exclusions.map(\.rpps), [world.rpps(1)])
        XCTAssertEqual(october.exclusions.map(\.code), ["payout.below_threshold"])
        try world.indemnity(1, 400, on: "2025-11-03", ref: "A-4")
        try world.indemnity(2, 400, on: "2025-11-03", ref: "A-5")
        let november = try world.run("2025-11", execution: "2025-12-05", threshold: 450).batch
        XCTAssertEqual(november.threshold, Cents(450))
        XCTAssertEqual(november.transfers.map(\.amount), [Cents(499)], "0,99 € carried plus 4,00 €")
        XCTAssertEqual(november.exclusions.map(\.rpps), [world.rpps(2)])
        XCTAssertThrowsError(try world.run("2025-12", execution: "2026-01-05", threshold: -1)) { error in
            XCTAssertEqual((error as? StoreError)?.code, "payout.threshold")
        }
        try world.assertClean()
    }

    func testAnInvalidIBANOrADeactivatedProfessionalIsLeftOutAndPaidOnceFixed() throws {
        let world = try PayoutWorld()
        let bad = String(PayoutTestIDs.iban(1).dropLast()) + (PayoutTestIDs.iban(1).hasSuffix("1") ? "2" : "1")
        try world.register(1, iban: bad)
        try world.indemnity(1, 5_000, on: "2025-10-03", ref: "A-1")
        try world.indemnity(2, 6_000, on: "2025-10-03", ref: "A-2")
        try world.database.write(world.ledger.context) { db in
            try db.execute(sql: "UPDATE professional SET active = 0 WHERE rpps = ?", arguments: [world.rpps(2).rawValue])
            return ((), "deactivate")
        }
        let october = try world.run("2025-10", execution: "2025-11-05").batch
        XCTAssertTrue(october.transfers.isEmpty)
        XCTAssertEqual(october.exclusions.map(\.code), ["payout.invalid_iban", "payout.inactive"])
        XCTAssertFalse(october.exclusions[0].message.contains(bad), "the IBAN is never shown in clear")
        try world.register(1)
        let november = try world.run("2025-11", execution: "2025-12-05").batch
        XCTAssertEqual(november.transfers.map(\.rpps), [world.rpps(1)])
        XCTAssertEqual(november.transfers.map(\.amount), [Cents(5_000)])
        try world.assertClean()
    }

    func testAMonthWithNobodyDueRecordsABatchWithoutAnEntry() throws {
        let world = try PayoutWorld()
        let outcome = try world.run("2025-10", execution: "2025-11-05")
        XCTAssertTrue(outcome.created)
        XCTAssertNil(outcome.batch.entry)
        XCTAssertTrue(outcome.batch.transfers.isEmpty)
        XCTAssertEqual(try world.count("SELECT COUNT(*) FROM entry"), 0)
        XCTAssertThrowsError(try world.database.write(world.ledger.context) { db in
            (try PayoutStore.confirm(batchID: "VIR-2025-10", context: world.ledger.context, in: db), "confirm")
        }) { XCTAssertEqual(($0 as? StoreError)?.code, "payout.nothing_to_confirm") }
    }

    func testMonthsArePaidInOrder() throws {
        let world = try PayoutWorld()
        try world.indemnity(1, 5_000, on: "2025-10-03", ref: "A-1")
        try world.run("2025-11", execution: "2025-12-05")
        XCTAssertThrowsError(try world.run("2025-10", execution: "2025-11-05")) { error in
            XCTAssertEqual((error as? StoreError)?.code, "payout.month_order")
        }
        XCTAssertEqual(try world.count("SELECT COUNT(*) FROM payout_batch"), 1)
    }

    func testConfirmMarksTheBatchExecutedOnce() throws {
        let world = try PayoutWorld()
        try world.indemnity(1, 5_000, on: "2025-10-03", ref: "A-1")
        try world.run("2025-10", execution: "2025-11-05")
        func confirm() throws -> (batch: PayoutBatchRecord, changed: Bool) {
            let context = world.context("2025-11-06")
            return try world.database.write(context) { db in
                (try PayoutStore.confirm(batchID: "VIR-2025-10", context: context, in: db), "confirm")
            }
        }
        let first = try confirm()
        XCTAssertTrue(first.changed)
        XCTAssertEqual(first.batch.status, .executed)
        XCTAssertEqual(first.batch.confirmedAt, "2025-11-06T09:30:00")
        XCTAssertFalse(try confirm().changed)
        XCTAssertEqual(try world.database.read { try PayoutStore.batches(in: $0) }.map(\.status), [.executed])
    }

    func testLetteringGivesEachPayoutItsOwnLetterAndEveryLetterSumsToZero() throws {
        let world = try PayoutWorld()
        let first = try world.indemnity(1, 10_000, on: "2025-09-15", ref: "A-1")
        try world.indemnity(1, 2_000, on: "2025-09-20", ref: "A-2")
        try world.run("2025-09", execution: "2025-10-05")
        try world.reverse(first, on: "2025-10-12")
        try world.indemnity(1, 30_000, on: "2025-10-20", ref: "A-3")
        try world.run("2025-10", execution: "2025-11-05")
        let rows = try world.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT l.letter, l.lettered_on, l.batch_id, COUNT(*) AS n, SUM(p.credit_cents - p.debit_cents) AS rest
                FROM lettering l JOIN posting p ON p.entry_seq = l.entry_seq AND p.line_no = l.line_no
                WHERE p.account = '401100' AND p.auxiliary = ? GROUP BY l.letter ORDER BY l.letter
                """, arguments: [world.rpps(1).rawValue])
        }
        XCTAssertEqual(rows.map { $0["letter"] as String }, ["A", "B"])
        XCTAssertEqual(rows.map { $0["n"] as Int }, [3, 3], "two IND lines and the payout; the reversal, the new line and the payout")
        XCTAssertEqual(rows.map { $0["rest"] as Int64 }, [0, 0])
        XCTAssertEqual(rows.map { $0["lettered_on"] as String }, ["2025-10-05", "2025-11-05"])
        XCTAssertEqual(rows.map { $0["batch_id"] as String }, ["VIR-2025-09", "VIR-2025-10"])
        XCTAssertEqual(try world.count("SELECT COUNT(*) FROM lettering l JOIN posting p ON p.entry_seq = l.entry_seq AND p.line_no = l.line_no WHERE p.account <> '401100'"), 0)
        try world.assertClean()
    }
}

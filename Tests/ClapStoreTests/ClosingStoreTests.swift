import ClapDomain
import ClapStore
import Foundation
import GRDB
import LedgerCore
import XCTest

final class CloseYearTests: XCTestCase {
    func testEachTeamsUnusedEnvelopeGoesToDedicatedFundsAtTheYearsEnd() throws {
        let world = try ClosingWorld()
        try world.rcp("R1", on: "2025-03-10", today: "2025-03-12")
        try world.rcp("R2", on: "2025-11-11", minutes: 90, today: "2025-11-20")
        let consumed = try world.status(ClosingWorld.north, 2025).consumed
        XCTAssertEqual(consumed, Cents(13_500 + 20_250))

        let outcome = try world.closeYear(2025, today: "2026-01-10")
        XCTAssertEqual(outcome.dedicatedFunds.map(\.team), [ClosingWorld.north, ClosingWorld.west])
        XCTAssertEqual(outcome.dedicatedFunds.map(\.amount), [Cents(1_000_000) - consumed, Cents(400_000)])
        let north = try XCTUnwrap(try world.entry(key: "close/2025/T044-001"))
        XCTAssertEqual(north.ref, EntryRef(journal: .od, fiscalYear: 2025, number: 3))
        XCTAssertEqual(north.draft.entryDate, day("2025-12-31"))
        XCTAssertEqual(north.validDate, day("2026-01-10"))
        XCTAssertEqual(north.draft.lines, [.debit("689400", Cents(1_000_000) - consumed, analytic: "T044-001/2025"),
                                           .credit("194000", Cents(1_000_000) - consumed, analytic: "T044-001/2025")])
        for team in [ClosingWorld.north, ClosingWorld.west] {
            let dedicated = try world.read { try Balances.balance(account: "689400", analytic: "\(team.rawValue)/2025", in: $0) }
            let status = try world.status(team, 2025)
            XCTAssertEqual(status.consumed + dedicated, status.granted, "\(team): consumed + dedicated funds = granted")
        }
        XCTAssertEqual(try world.read { try EligibilityLocks.kinds(in: $0) }, ["year"])
        XCTAssertEqual(try world.ledger.verify().violations, [])
    }

    func testTheOpeningEntryCarriesTheTrialBalanceOfClassesOneToFive() throws {
        let world = try ClosingWorld()
        try world.rcp("R1", on: "2025-12-10", today: "2025-12-12")   // still owed to the professionals at 31/12
        try world.write("2025-12-20") { db, context in        // a refund owed to the ARS, to carry a 441900 balance too
            try LedgerWriter.post(EntryDraft(journal: .od, entryDate: day("2025-12-20"), pieceDate: day("2025-12-20"), pieceRef: "X",
                                             label: "Reliquat 2024", lines: [.debit("512000", Cents(700)), .credit("441900", Cents(700), auxiliary: "T049-001")]),
                                  validDate: context.today, in: db)
        }
        let before = try world.read { try Balances.trialBalance(at: day("2025-12-31"), byAuxiliary: true, in: $0) }
        let outcome = try world.closeYear(2025, today: "2026-01-10")
        let opening = try XCTUnwrap(try world.entry(key: "close/2025/an"))
        XCTAssertEqual(outcome.opening, opening.ref)
        XCTAssertEqual(opening.ref, EntryRef(journal: .an, fiscalYear: 2026, number: 1))
        XCTAssertEqual(opening.draft.entryDate, day("2026-01-01"))
        XCTAssertEqual(outcome.openingLineCount, opening.draft.lines.count)

        // The trial balance at 31/12 (which now includes the dedicated funds) per account and third party, classes 1 to 5.
        let atClose = try world.read { try Balances.trialBalance(at: day("2025-12-31"), byAuxiliary: true, in: $0) }
        var expected: [String: Cents] = [:]
        for row in atClose where ("1"..."5").contains(String(row.account.prefix(1))) && row.balance != .zero {
            expected["\(row.account) \(row.auxiliary ?? "")"] = row.balance
        }
        var carried: [String: Cents] = [:]
        for line in opening.draft.lines { carried["\(line.account) \(line.auxiliary ?? "")", default: .zero] += line.signedAmount }
        XCTAssertEqual(carried, expected)
        XCTAssertEqual(expected["441900 T049-001"], Cents(-700))
        XCTAssertEqual(expected["401100 \(world.doctor)"], Cents(-8_000))
        // 194000 keeps each team's analytic code; the third-party accounts keep their third party.
        XCTAssertEqual(Set(opening.draft.lines.filter { $0.account == "194000" }.compactMap(\.analytic)), ["T044-001/2025", "T049-001/2025"])
        XCTAssertTrue(opening.draft.lines.filter { ["401100", "441100", "441900"].contains($0.account) }.allSatisfy { $0.auxiliary != nil })
        XCTAssertNotEqual(before, atClose, "the dedicated funds are dated 31/12")

        // The à-nouveaux restate the history: the balance of the whole ledger does not double.
        let whole = try world.read { try Balances.trialBalance(at: nil, byAuxiliary: true, in: $0) }
        XCTAssertEqual(whole, atClose)
        XCTAssertEqual(try world.ledger.verify().violations, [])
    }

    func testAfterTheCloseTheYearTakesNoActionNoGrantNoCancellation() throws {
        let world = try ClosingWorld()
        try world.rcp("R1", on: "2025-06-10", today: "2025-06-12")
        _ = try world.closeYear(2025, today: "2026-01-10")

        let late = try world.rcp("R2", on: "2025-12-15", today: "2026-01-12")
        XCTAssertEqual(late.accepted, 0)
        XCTAssertEqual(late.rejectionsByCode["date.closed"], 1)
        world.assertRefused("envelope.year_closed") {
            try world.write("2026-01-12") { db, context in
                try EnvelopeStore.grant(team: ClosingWorld.north, year: 2025, amount: Cents(100), date: day("2026-01-12"),
                                        decisionRef: "ARS-RALLONGE", context: context, in: db)
            }
        }
        let actionID = try XCTUnwrap(try world.read { try Int64.fetchOne($0, sql: "SELECT id FROM action WHERE reference = 'R1'") })
        world.assertRefused("envelope.year_closed") {
            try world.write("2026-01-12") { db, context in
                try ActionStore.cancel(actionID: actionID, reason: "doublon", context: context, in: db)
            }
        }
        // The next year is open: its grant goes through.
        try world.write("2026-01-12") { db, context in
            try EnvelopeStore.grant(team: ClosingWorld.north, year: 2026, amount: Cents(100_000), date: day("2026-01-12"), decisionRef: nil,
                                    context: context, in: db)
        }
        XCTAssertEqual(try world.status(ClosingWorld.north, 2026).granted, Cents(100_000))
        XCTAssertEqual(try world.ledger.verify().violations, [])
    }

    func testLateDecisionsAreDatedInsideTheirEnvelopeYearSoThatItCloses() throws {
        let world = try ClosingWorld()
        try world.rcp("R1", on: "2025-12-10", today: "2025-12-12")
        try world.write("2026-01-08") { db, context in
            // A grant for 2026 decided in December counts on 1 January 2026; a late 2025 top-up on 31 December 2025.
            let early = try EnvelopeStore.grant(team: ClosingWorld.west, year: 2026, amount: Cents(50_000), date: day("2025-12-18"),
                                                decisionRef: "ARS-2026", context: context, in: db)
            XCTAssertEqual(early.entry.draft.entryDate, day("2026-01-01"))
            let late = try EnvelopeStore.grant(team: ClosingWorld.west, year: 2025, amount: Cents(10_000), date: day("2026-01-08"),
                                               decisionRef: "ARS-RALLONGE", context: context, in: db)
            XCTAssertEqual(late.entry.draft.entryDate, day("2025-12-31"))
            XCTAssertEqual(late.entry.draft.pieceDate, day("2026-01-08"))
            let actionID = try XCTUnwrap(try Int64.fetchOne(db, sql: "SELECT id FROM action WHERE reference = 'R1'"))
            let cancel = try ActionStore.cancel(actionID: actionID, reason: "doublon", context: context, in: db)
            XCTAssertEqual(cancel.draft.entryDate, day("2025-12-31"))
        }
        let outcome = try world.closeYear(2025, today: "2026-01-10")
        XCTAssertEqual(outcome.dedicatedFunds.map(\.amount), [Cents(1_000_000), Cents(410_000)])
        XCTAssertEqual(try world.ledger.verify().violations, [])
    }

    func testYearsCloseOnceInOrderAndOnlyWhenOver() throws {
        let world = try ClosingWorld()
        world.assertRefused("close.year_not_ended") { _ = try world.closeYear(2025, today: "2025-12-31") }
        try world.ledger.post(EntryDraft(journal: .bq, entryDate: day("2024-12-20"), pieceDate: day("2024-12-20"), pieceRef: "OLD",
                                         label: "Versement 2024", lines: [.debit("512000", Cents(100)), .credit("441100", Cents(100), auxiliary: "T044-001")]))
        world.assertRefused("close.previous_year_open") { _ = try world.closeYear(2025, today: "2026-01-10") }
        let first2024 = try world.closeYear(2024, today: "2026-01-10")
        XCTAssertFalse(first2024.alreadyClosed)
        XCTAssertEqual(first2024.dedicatedFunds, [])

        let entries = try world.entryCount()
        let closed = try world.closeYear(2025, today: "2026-01-10")
        XCTAssertFalse(closed.alreadyClosed)
        let afterClose = try world.entryCount()
        XCTAssertEqual(afterClose, entries + 3, "two dedicated-fund entries and the à-nouveaux")
        let again = try world.closeYear(2025, today: "2026-02-10")
        XCTAssertTrue(again.alreadyClosed)
        XCTAssertEqual(again.dedicatedFunds, [])
        XCTAssertEqual(try world.entryCount(), afterClose)
        XCTAssertEqual(try world.read { try EligibilityLocks.kinds(in: $0) }, ["year", "year"])
        XCTAssertEqual(try world.ledger.verify().violations, [])
    }

    func testActivityOutsideTheEnvelopesIsRefusedAndNothingIsWritten() throws {
        let world = try ClosingWorld()
        try world.ledger.post(EntryDraft(journal: .bq, entryDate: day("2025-05-02"), pieceDate: day("2025-05-02"), pieceRef: "FRAIS",
                                         label: "Frais bancaires", lines: [.debit("622600", Cents(1_250)), .credit("512000", Cents(1_250))]))
        let entries = try world.entryCount()
        XCTAssertThrowsError(try world.closeYear(2025, today: "2026-01-10")) { error in
            XCTAssertEqual((error as? StoreError)?.code, "close.result_not_zero")
            XCTAssertTrue((error as? StoreError)?.message.contains("sans code analytique : 12,50") == true, "\(error)")
        }
        XCTAssertEqual(try world.entryCount(), entries)
        XCTAssertEqual(try world.read { try EligibilityLocks.kinds(in: $0) }, [])
    }

    func testAPayoutAfterTheCloseDoesNotPayTheOpeningBalancesAgain() throws {
        let world = try ClosingWorld()
        try world.rcp("R1", on: "2025-12-10", today: "2025-12-12")
        _ = try world.closeYear(2025, today: "2026-01-03")
        let run = try world.write("2026-01-05") { db, context in
            try PayoutStore.runPayout(PayoutRequest(month: YearMonth(year: 2025, month: 12)!, executionDate: day("2026-01-05")),
                                      context: context, in: db)
        }
        XCTAssertEqual(run.batch.total, Cents(13_500))
        XCTAssertEqual(try world.read { try Balances.balance(account: "401100", in: $0) }, .zero)
        // January reads the payable lines through 31/01/2026, the à-nouveaux of 01/01 included in its range: nothing is due.
        let january = try world.write("2026-02-05") { db, context in
            try PayoutStore.runPayout(PayoutRequest(month: YearMonth(year: 2026, month: 1)!, executionDate: day("2026-02-05")),
                                      context: context, in: db)
        }
        XCTAssertEqual(january.batch.transfers.count, 0)
        XCTAssertEqual(january.batch.total, .zero)
        XCTAssertEqual(try world.ledger.verify().violations, [])
    }
}

final class CloseMonthTests: XCTestCase {
    func testAClosedMonthMovesEntriesToTheFirstOpenDayAndRefusesDirectOnes() throws {
        let world = try ClosingWorld()
        world.assertRefused("close.month_not_ended") {
            try world.write("2025-03-31") { db, context in try ClosingStore.closeMonth(YearMonth(year: 2025, month: 3)!, context: context, in: db) }
        }
        let closed = try world.write("2025-04-10") { db, context in
            try ClosingStore.closeMonth(YearMonth(year: 2025, month: 3)!, context: context, in: db)
        }
        XCTAssertEqual(closed.through, day("2025-03-31"))
        XCTAssertFalse(closed.alreadyClosed)
        let again = try world.write("2025-04-11") { db, context in
            try ClosingStore.closeMonth(YearMonth(year: 2025, month: 2)!, context: context, in: db)
        }
        XCTAssertTrue(again.alreadyClosed)
        XCTAssertEqual(try world.read { try EligibilityLocks.kinds(in: $0) }, ["month"])

        let imported = try world.rcp("R1", on: "2025-03-20", today: "2025-04-11")
        XCTAssertEqual(imported.accepted, 1, "a closed month is not a closed year: the action is paid")
        let entry = try XCTUnwrap(try world.read { db -> PostedEntry? in
            let seq = try Int64.fetchOne(db, sql: "SELECT entry_seq FROM action WHERE reference = 'R1'")
            return try seq.map { try LedgerReader.entry(seq: $0, in: db) }
        })
        XCTAssertEqual(entry.draft.entryDate, day("2025-04-01"))
        XCTAssertEqual(entry.draft.pieceDate, day("2025-03-20"))

        XCTAssertThrowsError(try world.ledger.post(EntryDraft(journal: .od, entryDate: day("2025-03-15"), pieceDate: day("2025-03-15"),
                                                              pieceRef: "P", label: "L", lines: [.debit("512000", Cents(1)), .credit("441100", Cents(1), auxiliary: "T044-001")]))) {
            XCTAssertEqual(($0 as? StoreError)?.code, "period.closed")
        }
        world.assertRefused("close.december_with_year") {
            try world.write("2026-01-10") { db, context in try ClosingStore.closeMonth(YearMonth(year: 2025, month: 12)!, context: context, in: db) }
        }
        world.assertRefused("close.previous_year_open") {
            try world.write("2026-02-10") { db, context in try ClosingStore.closeMonth(YearMonth(year: 2026, month: 1)!, context: context, in: db) }
        }
        XCTAssertEqual(try world.ledger.verify().violations, [])
    }
}

final class DedicatedFundsTests: XCTestCase {
    private func request(_ team: TeamID, amount: Int64?, on date: String, ref: String? = nil) -> FundsMoveRequest {
        FundsMoveRequest(team: team, fromYear: 2025, amount: amount.map(Cents.init), date: day(date), reference: ref)
    }

    func testACarryOverGrowsTheNextEnvelopeOnceAndNeverBeyondTheFunds() throws {
        let world = try ClosingWorld()
        world.assertRefused("funds.year_not_closed") {
            try world.write("2025-12-20") { db, context in
                try EnvelopeStore.carryOver(self.request(ClosingWorld.west, amount: 1_000, on: "2025-12-20"), context: context, in: db)
            }
        }
        _ = try world.closeYear(2025, today: "2026-01-10")
        let first = try world.write("2026-03-10") { db, context in
            try EnvelopeStore.carryOver(self.request(ClosingWorld.west, amount: 100_000, on: "2026-03-10", ref: "ARS-REPORT-1"), context: context, in: db)
        }
        XCTAssertTrue(first.isNew)
        XCTAssertEqual(first.entry.draft.lines, [.debit("194000", Cents(100_000), analytic: "T049-001/2025"),
                                                 .credit("789400", Cents(100_000), analytic: "T049-001/2026")])
        XCTAssertEqual(try world.status(ClosingWorld.west, 2026).granted, Cents(100_000))
        XCTAssertEqual(try world.status(ClosingWorld.west, 2026).room, Cents(100_000))
        XCTAssertEqual(try world.read { try EnvelopeStore.dedicatedFundsLeft(EnvelopeKey(team: ClosingWorld.west, year: 2025), in: $0) }, Cents(300_000))

        let again = try world.write("2026-03-11") { db, context in
            try EnvelopeStore.carryOver(self.request(ClosingWorld.west, amount: 100_000, on: "2026-03-10", ref: "ARS-REPORT-1"), context: context, in: db)
        }
        XCTAssertFalse(again.isNew)
        XCTAssertEqual(again.entry.ref, first.entry.ref)
        world.assertRefused("funds.exceeded") {
            try world.write("2026-03-12") { db, context in
                try EnvelopeStore.carryOver(self.request(ClosingWorld.west, amount: 300_001, on: "2026-03-12"), context: context, in: db)
            }
        }
        world.assertRefused("amount.not_positive") {
            try world.write("2026-03-12") { db, context in
                try EnvelopeStore.carryOver(self.request(ClosingWorld.west, amount: 0, on: "2026-03-12"), context: context, in: db)
            }
        }
        world.assertRefused("carryover.date") {
            try world.write("2027-01-12") { db, context in
                try EnvelopeStore.carryOver(self.request(ClosingWorld.west, amount: nil, on: "2027-01-12"), context: context, in: db)
            }
        }
        // The rest by default; then nothing is left.
        let rest = try world.write("2026-03-12") { db, context in
            try EnvelopeStore.carryOver(self.request(ClosingWorld.west, amount: nil, on: "2026-03-12"), context: context, in: db)
        }
        XCTAssertEqual(rest.entry.draft.totalDebit, Cents(300_000))
        XCTAssertEqual(try world.status(ClosingWorld.west, 2026).granted, Cents(400_000))
        world.assertRefused("funds.none_left") {
            try world.write("2026-03-13") { db, context in
                try EnvelopeStore.carryOver(self.request(ClosingWorld.west, amount: nil, on: "2026-03-13"), context: context, in: db)
            }
        }
        // The carried funds pay 2026 actions of that team, and 2026 closes with its own dedicated funds.
        try world.rcp("W1", team: ClosingWorld.west, on: "2026-04-02", today: "2026-04-03")
        XCTAssertEqual(try world.status(ClosingWorld.west, 2026).consumed, Cents(13_500))
        let closed2026 = try world.closeYear(2026, today: "2027-01-05")
        XCTAssertEqual(closed2026.dedicatedFunds.map(\.amount), [Cents(400_000 - 13_500)])
        XCTAssertEqual(try world.ledger.verify().violations, [])
    }

    func testARefundIsOwedToTheARSThenPaidFromTheBank() throws {
        let world = try ClosingWorld()
        _ = try world.closeYear(2025, today: "2026-01-10")
        let refund = try world.write("2026-02-01") { db, context in
            try EnvelopeStore.refund(self.request(ClosingWorld.north, amount: nil, on: "2026-02-01"), context: context, in: db)
        }
        XCTAssertEqual(refund.entry.draft.lines, [.debit("194000", Cents(1_000_000), analytic: "T044-001/2025"),
                                                  .credit("441900", Cents(1_000_000), auxiliary: "T044-001")])
        XCTAssertEqual(try world.read { try Balances.balance(account: "441900", auxiliary: "T044-001", in: $0) }, Cents(-1_000_000))
        world.assertRefused("funds.none_left") {
            try world.write("2026-02-02") { db, context in
                try EnvelopeStore.refund(self.request(ClosingWorld.north, amount: nil, on: "2026-02-02"), context: context, in: db)
            }
        }
        world.assertRefused("refund.exceeds_payable") {
            try world.write("2026-02-05") { db, context in
                try EnvelopeStore.refundPaid(self.request(ClosingWorld.north, amount: 1_000_001, on: "2026-02-05"), context: context, in: db)
            }
        }
        let bank = try world.read { try Balances.balance(account: "512000", in: $0) }
        let paid = try world.write("2026-02-05") { db, context in
            try EnvelopeStore.refundPaid(self.request(ClosingWorld.north, amount: 600_000, on: "2026-02-05"), context: context, in: db)
        }
        XCTAssertEqual(paid.entry.ref.journal, .bq)
        XCTAssertEqual(paid.entry.draft.lines, [.debit("441900", Cents(600_000), auxiliary: "T044-001"), .credit("512000", Cents(600_000))])
        let rerun = try world.write("2026-02-06") { db, context in
            try EnvelopeStore.refundPaid(self.request(ClosingWorld.north, amount: 600_000, on: "2026-02-05"), context: context, in: db)
        }
        XCTAssertFalse(rerun.isNew)
        let rest = try world.write("2026-02-07") { db, context in
            try EnvelopeStore.refundPaid(self.request(ClosingWorld.north, amount: nil, on: "2026-02-07"), context: context, in: db)
        }
        XCTAssertEqual(rest.entry.draft.totalDebit, Cents(400_000))
        XCTAssertEqual(try world.read { try Balances.balance(account: "512000", in: $0) }, bank - Cents(1_000_000))
        world.assertRefused("refund.nothing_owed") {
            try world.write("2026-02-08") { db, context in
                try EnvelopeStore.refundPaid(self.request(ClosingWorld.north, amount: nil, on: "2026-02-08"), context: context, in: db)
            }
        }
        XCTAssertEqual(try world.ledger.verify().violations, [])
    }
}

final class ClosedYearVerifyTests: XCTestCase {
    func testVerifyCatchesAClosedYearsResultReopenedBehindTheDomainsBack() throws {
        let world = try ClosingWorld()
        try world.rcp("R1", on: "2025-06-10", today: "2025-06-12")
        _ = try world.closeYear(2025, today: "2026-01-10")
        XCTAssertEqual(try world.ledger.verify().violations, [])
        // Posted through LedgerWriter, as a buggy caller would: a 2026 expense charged to the closed 2025 envelope.
        try world.write("2026-02-01") { db, context in
            try LedgerWriter.post(EntryDraft(journal: .od, entryDate: day("2026-02-01"), pieceDate: day("2026-02-01"), pieceRef: "BUG",
                                             label: "Charge imputée à 2025",
                                             lines: [.debit("622600", Cents(4_200), analytic: "T044-001/2025"), .credit("512000", Cents(4_200))]),
                                  validDate: context.today, in: db)
        }
        let report = try world.ledger.verify()
        XCTAssertEqual(report.violations.map(\.invariant), [8], report.violations.map(\.description).joined(separator: "\n"))
        let violation = try XCTUnwrap(report.violations.first)
        XCTAssertEqual(violation.code, "closed_year.result_not_zero")
        XCTAssertTrue(violation.message.contains("T044-001") && violation.message.contains("2025") && violation.message.contains("42,00"),
                      violation.message)
    }
}

/// The kinds of the period locks, in order (read straight from the table, as an auditor would).
enum EligibilityLocks {
    static func kinds(in db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT kind FROM period_lock ORDER BY id")
    }
}

import LedgerCore
import XCTest

func day(_ text: String) -> Day {
    guard let day = Day.parse(text) else { preconditionFailure("bad test date \(text)") }
    return day
}

func grantDraft(team: String = "T044-001", cents: Int64 = 1_000_000, key: String? = nil) -> EntryDraft {
    EntryDraft(journal: .od, entryDate: day("2025-01-15"), pieceDate: day("2025-01-15"), pieceRef: "ARS-2025-01",
               label: "Dotation FIR 2025 \(team)",
               lines: [.debit("441100", Cents(cents), auxiliary: team), .credit("741000", Cents(cents), analytic: "\(team)/2025")],
               idempotencyKey: key)
}

final class EntryRulesTests: XCTestCase {
    func testABalancedEntryPasses() {
        XCTAssertNoThrow(try EntryRules.validate(grantDraft()).get())
    }

    func testUnbalancedTooShortAndNonPositiveEntriesAreRefusedByName() {
        var draft = grantDraft()
        draft.lines[1].amount = Cents(999_999)
        XCTAssertThrowsError(try EntryRules.validate(draft).get()) {
            XCTAssertEqual($0 as? PostingError, .unbalanced(debit: Cents(1_000_000), credit: Cents(999_999)))
        }
        draft = grantDraft()
        draft.lines.removeLast()
        XCTAssertThrowsError(try EntryRules.validate(draft).get()) { XCTAssertEqual($0 as? PostingError, .tooFewLines) }
        draft = grantDraft(cents: 0)
        XCTAssertThrowsError(try EntryRules.validate(draft).get()) { XCTAssertEqual($0 as? PostingError, .nonPositiveAmount(lineIndex: 0)) }
    }

    func testReversalMirrorsEveryLineAndReferencesTheOriginal() {
        let ref = EntryRef(journal: .ind, fiscalYear: 2025, number: 7)
        let original = PostedEntry(sequence: 7, ref: ref, validDate: day("2025-02-01"), draft: grantDraft(),
                                   previousHash: CanonicalHash.genesis, hash: CanonicalHash.genesis)
        let reversal = EntryDraft.reversal(of: original, on: day("2025-03-01"), label: "Annulation", idempotencyKey: "k")
        XCTAssertEqual(reversal.reverses, ref)
        XCTAssertEqual(reversal.lines.map(\.side), [.credit, .debit])
        XCTAssertEqual(reversal.lines.map(\.amount), original.draft.lines.map(\.amount))
        XCTAssertEqual(reversal.lines.map(\.auxiliary), original.draft.lines.map(\.auxiliary))
        XCTAssertNoThrow(try EntryRules.validate(reversal).get())
    }

    func testNumberingFindsGapsAndDuplicates() {
        XCTAssertEqual(EntryRules.checkNumbering(journal: .ind, fiscalYear: 2025, sortedNumbers: [1, 2, 3]), [])
        let gap = EntryRules.checkNumbering(journal: .ind, fiscalYear: 2025, sortedNumbers: [1, 2, 4])
        XCTAssertEqual(gap.map(\.code), ["numbering.gap"])
        XCTAssertEqual(gap.first?.entry, EntryRef(journal: .ind, fiscalYear: 2025, number: 4))
        XCTAssertEqual(EntryRules.checkNumbering(journal: .ind, fiscalYear: 2025, sortedNumbers: [1, 2, 2, 3]).map(\.code),
                       ["numbering.duplicate"])
        XCTAssertEqual(EntryRules.checkNumbering(journal: .ind, fiscalYear: 2025, sortedNumbers: [2, 3]).map(\.code), ["numbering.gap"])
    }

    func testPeriodRuleFlagsOnlyEntriesDatedInsideTheLock() {
        let ref = EntryRef(journal: .ind, fiscalYear: 2025, number: 1)
        XCTAssertNotNil(EntryRules.checkPeriod(ref: ref, entryDate: day("2025-03-31"), closedThroughAtPosting: day("2025-03-31")))
        XCTAssertNil(EntryRules.checkPeriod(ref: ref, entryDate: day("2025-04-01"), closedThroughAtPosting: day("2025-03-31")))
        XCTAssertNil(EntryRules.checkPeriod(ref: ref, entryDate: day("2025-01-01"), closedThroughAtPosting: nil))
    }
}

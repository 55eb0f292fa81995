import ClapDomain
@testable import ClapReports
@testable import ClapStore
import LedgerCore
import XCTest

/// `payout run` lists a small batch in full and summarises a large one; `payout show` always lists everything.
final class PayoutTextTests: XCTestCase {
    private func record(transfers: Int, exclusions: Int) -> PayoutBatchRecord {
        let rpps = (0..<max(transfers, exclusions)).map { RPPS(unchecked: String(10_000_000_000 + $0 * 7)) }
        return PayoutBatchRecord(
            id: "VIR-2026-01", month: YearMonth(year: 2026, month: 1)!, executionDate: day("2026-02-05"), threshold: Cents(100),
            sepaVersion: "pain.001.001.09", messageID: "VIR-2026-01-20260205093000", createdAt: "2026-02-05T09:30:00",
            debtor: AssociationInfo(name: "Association", siren: "123456789", iban: "FR7630006000011234567890189", bic: nil),
            remittance: "ESP CLAP indemnites 2026-01", entry: EntryRef(journal: .bq, fiscalYear: 2026, number: 2),
            entryDate: day("2026-02-05"), status: .issued, confirmedAt: nil,
            transfers: (0..<transfers).map { index in
                PayoutTransferRecord(rpps: rpps[index], creditorName: "Zoé NOM\(index)", amount: Cents(Int64(1_000 + index)),
                                     ibanID: Int64(index), iban: IBAN(unchecked: "FR7630004003122867802686483"), bic: nil,
                                     endToEndID: "VIR-2026-01-" + rpps[index].rawValue, paidPieceRefs: ["T044-001/RCP-\(index)"],
                                     rejection: nil)
            },
            exclusions: (0..<exclusions).map { index in
                PayoutExclusionRecord(rpps: rpps[index], name: "Paul NOM\(index)", balance: Cents(50), code: "payout.below_threshold",
                                      message: "solde inférieur au seuil")
            })
    }

    private func day(_ text: String) -> Day { Day.parse(text)! }

    func testASmallBatchIsListedInFull() {
        let small = record(transfers: PayoutText.runListMax, exclusions: PayoutText.runListMax)
        let text = PayoutText.runSummary(small)
        XCTAssertEqual(text, PayoutText.render(small))
        XCTAssertTrue(text.contains("VIR-2026-01-" + small.transfers.last!.rpps.rawValue), text)
        XCTAssertTrue(text.contains("Paul NOM\(PayoutText.runListMax - 1)"), text)
        XCTAssertFalse(text.contains("…"), text)
    }

    func testALargeBatchShowsItsFirstLinesAndWhereTheRestIs() {
        let large = record(transfers: 1_994, exclusions: 75)
        let text = PayoutText.runSummary(large)
        XCTAssertTrue(text.contains("1994 virement(s), total \(large.total.euroString) (pain.001.001.09"), text)
        let shown = large.transfers.prefix(PayoutText.runListShown)
        for transfer in shown { XCTAssertTrue(text.contains(transfer.endToEndID), transfer.endToEndID) }
        XCTAssertFalse(text.contains(large.transfers[PayoutText.runListShown].endToEndID))
        XCTAssertTrue(text.contains("… et 1974 autres virements (1994 en tout) : la liste complète est dans le bordereau "
                                    + "VIR-2026-01-bordereau.csv et dans « clap payout show VIR-2026-01 »."), text)
        XCTAssertTrue(text.contains("Reportés ou exclus (75) :"), text)
        XCTAssertTrue(text.contains("Paul NOM\(PayoutText.runListShown - 1)"), text)
        XCTAssertFalse(text.contains("Paul NOM\(PayoutText.runListShown) "), text)
        XCTAssertTrue(text.contains("  … et 55 autres : la liste complète est dans « clap payout show VIR-2026-01 »."), text)
        XCTAssertLessThan(text.split(separator: "\n").count, 60, "a summary, not 2 000 lines")

        let full = PayoutText.render(large)
        let fullLines = full.split(separator: "\n")
        XCTAssertEqual(fullLines.filter { $0.contains("VIR-2026-01-1") }.count, large.transfers.count, "payout show lists every transfer")
        XCTAssertEqual(fullLines.filter { $0.hasPrefix("  - ") }.count, large.exclusions.count)
        XCTAssertFalse(full.contains("…"))
    }
}

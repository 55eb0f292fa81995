import XCTest
import LedgerCore
@testable import ClapReports

final class SepaBatchCheckTests: XCTestCase {
    private func error(_ batch: SepaCreditTransferBatch) -> SepaError? {
        if case .failure(let error) = SepaWriter.xml(for: batch) { return error }
        return nil
    }

    private func transfer(_ id: String = "E2E-1", amount: Int64 = 100, name: String = "Jean Martin",
                          iban: String = "DE89370400440532013000", bic: String? = nil,
                          address: SepaPostalAddress? = nil) -> SepaTransfer {
        SepaTransfer(endToEndId: id, amount: Cents(amount), creditorName: name, creditorIBAN: iban,
                     creditorBIC: bic, remittanceInformation: "Indemnites", creditorAddress: address)
    }

    func testTheFixtureIsAccepted() {
        XCTAssertNil(error(SepaFixtures.batch()))
    }

    func testEmptyAndDuplicateTransfersAreRefused() {
        XCTAssertEqual(error(SepaFixtures.batch(transfers: [])), .noTransfers)
        XCTAssertEqual(error(SepaFixtures.batch(transfers: [transfer("X"), transfer("Y"), transfer("X")])),
                       .duplicateEndToEndId("X"))
    }

    func testAmountsOutOfRangeAreRefused() {
        for cents: Int64 in [0, -1, 100_000_000_000] {
            XCTAssertEqual(error(SepaFixtures.batch(transfers: [transfer(amount: cents)])),
                           .invalidAmount(endToEndId: "E2E-1", amount: Cents(cents)))
        }
        XCTAssertNil(error(SepaFixtures.batch(transfers: [transfer(amount: 99_999_999_999), transfer("E2E-2", amount: 1)])))
    }

    func testIdentifiersAreRefusedNotAltered() {
        var batch = SepaFixtures.batch()
        batch.messageId = "CLAP//2026"
        XCTAssertEqual(error(batch), .invalidIdentifier(field: .messageId, value: "CLAP//2026"))
        batch = SepaFixtures.batch()
        batch.paymentInformationId = String(repeating: "P", count: 36)
        XCTAssertEqual(error(batch), .invalidIdentifier(field: .paymentInformationId, value: batch.paymentInformationId))
        XCTAssertEqual(error(SepaFixtures.batch(transfers: [transfer("/E2E")])),
                       .invalidIdentifier(field: .transfer("/E2E"), value: "/E2E"))
        XCTAssertEqual(error(SepaFixtures.batch(transfers: [transfer("Réf-1")])),
                       .invalidIdentifier(field: .transfer("Réf-1"), value: "Réf-1"))
    }

    func testAccountsAreChecked() {
        XCTAssertEqual(error(SepaFixtures.batch(transfers: [transfer(iban: "FR7630006000011234567890188")])),
                       .invalidIBAN(field: .transfer("E2E-1"), value: "FR7630006000011234567890188"))
        XCTAssertEqual(error(SepaFixtures.batch(transfers: [transfer(bic: "BNPAFR")])),
                       .invalidBIC(field: .transfer("E2E-1"), value: "BNPAFR"))
        var debtor = SepaFixtures.debtor()
        debtor.iban = "FR00"
        XCTAssertEqual(error(SepaFixtures.batch(debtor: debtor)), .invalidIBAN(field: .debtor, value: "FR00"))
    }

    func testNamesAndAddressesAreChecked() {
        XCTAssertEqual(error(SepaFixtures.batch(transfers: [transfer(name: "€ @ #")])),
                       .emptyName(field: .transfer("E2E-1")))
        let noTown = SepaPostalAddress(townName: "  ", country: "FR")
        XCTAssertEqual(error(SepaFixtures.batch(transfers: [transfer(address: noTown)])),
                       .invalidPostalAddress(field: .transfer("E2E-1")))
        let badCountry = SepaPostalAddress(townName: "Dijon", country: "FRA")
        XCTAssertEqual(error(SepaFixtures.batch(debtor: SepaFixtures.debtor(address: badCountry))),
                       .invalidPostalAddress(field: .debtor))
    }

    func testCreationTimestampIsChecked() {
        var batch = SepaFixtures.batch()
        batch.creationDateTime = "2026-11-02 09:30"
        XCTAssertEqual(error(batch), .invalidCreationDateTime("2026-11-02 09:30"))
    }

    func testCheckedBatchIsNormalised() throws {
        let checked = try SepaFixtures.batch().epcChecked().get()
        XCTAssertEqual(checked.debtor.iban, "FR7630006000011234567890189")
        XCTAssertEqual(checked.debtor.address?.country, "FR")
        XCTAssertEqual(checked.transfers.map(\.endToEndId), SepaFixtures.transfers.map(\.endToEndId))
        XCTAssertEqual(checked.controlSum, SepaFixtures.batch().controlSum)
    }
}

import Foundation
import XCTest
import LedgerCore
@testable import ClapReports

/// The pain.001 text is streamed into a byte buffer; these tests hold it to the bytes the FoundationXML document
/// (`SepaDocumentReference`, the writer it replaced) gives for the same batch.
final class SepaStreamTests: XCTestCase {
    private func streamed(_ batch: SepaCreditTransferBatch, _ version: SepaVersion) throws -> Data {
        try SepaWriter.xml(for: batch, version: version).get()
    }

    private func reference(_ batch: SepaCreditTransferBatch, _ version: SepaVersion) throws -> Data {
        SepaDocumentReference.xml(for: try batch.epcChecked().get(), version: version)
    }

    private func assertSameBytes(_ batch: SepaCreditTransferBatch, file: StaticString = #filePath, line: UInt = #line) throws {
        for version in SepaVersion.allCases {
            let ours = try streamed(batch, version)
            let theirs = try reference(batch, version)
            XCTAssertEqual(String(decoding: ours, as: UTF8.self), String(decoding: theirs, as: UTF8.self),
                           version.rawValue, file: file, line: line)
            XCTAssertEqual(ours, theirs, version.rawValue, file: file, line: line)
        }
    }

    func testTheFixtureBatchesGiveTheDocumentsBytes() throws {
        let noBIC = SepaFixtures.debtor(bic: nil, address: nil)
        try assertSameBytes(SepaFixtures.batch())
        try assertSameBytes(SepaFixtures.batch(debtor: noBIC))
        try assertSameBytes(SepaFixtures.batch(transfers: [SepaFixtures.transfers[1]]))
        try assertSameBytes(SepaFixtures.batch(debtor: SepaFixtures.debtor(bic: "CEPAFRPP", address: nil)))
    }

    func testAwkwardNamesGiveTheDocumentsBytes() throws {
        let names = ["Dupont & Fils <SARL>", "Élodie d’Aubigné", "Seán O'Connor", "Ærøskøbing Ågård", "Zoë  \"Zaza\"  Noël",
                     "Œdipe > Ödön", "a&amp;b", "Jean-François L’Hôte & Cie", "Müller-Straße 12/14 (bis)"]
        let transfers = names.enumerated().map { index, name in
            SepaTransfer(endToEndId: "VIR-2026-01-\(index)", amount: Cents(Int64(100 + index)), creditorName: name,
                         creditorIBAN: "FR1420041010050500013M02606", creditorBIC: index.isMultiple(of: 2) ? "PSSTFRPPDIJ" : nil,
                         remittanceInformation: index == 3 ? "" : "Indemnités & frais <janvier> d’" + name,
                         creditorAddress: index.isMultiple(of: 3)
                             ? SepaPostalAddress(townName: "Saint-Étienne & <Loire>", country: " fr ", postCode: "42000",
                                                 streetName: index == 0 ? "Rue de l’Église" : nil, buildingNumber: "3 ter")
                             : nil)
        }
        let batch = SepaFixtures.batch(debtor: SepaParty(name: "Association « Santé & Soins » d’Île-de-France",
                                                         iban: "FR76 3000 6000 0112 3456 7890 189", bic: "cepafrpp251"),
                                       transfers: transfers)
        try assertSameBytes(batch)
        // The names reach the file in the EPC set: `&` as `+`, `<` `>` `"` as spaces, accents dropped, apostrophes kept.
        let text = String(decoding: try streamed(batch, .pain001001009), as: UTF8.self)
        XCTAssertTrue(text.contains("<Nm>Dupont + Fils SARL</Nm>"), text)
        XCTAssertTrue(text.contains("<Nm>Elodie d'Aubigne</Nm>"), text)
        XCTAssertTrue(text.contains("<Nm>Sean O'Connor</Nm>"), text)
        XCTAssertTrue(text.contains("<Nm>Zoe Zaza Noel</Nm>"), text)
        XCTAssertTrue(text.contains("<Nm>a+amp b</Nm>"), text)
        XCTAssertTrue(text.contains("<TwnNm>Saint-Etienne + Loire</TwnNm>"), text)
        XCTAssertTrue(text.contains("<Nm>Association Sante + Soins d'Ile-de-France</Nm>"), text)
    }

    /// Below the EPC check: text the check would have cleaned is escaped exactly as libxml2 escaped it.
    func testUncheckedTextIsEscapedAsTheDocumentEscapedIt() throws {
        let awkward = ["Dupont & Fils", "<script>alert('x')</script>", "a > b", "&amp; déjà", "L’Hôte \"Zaza\"",
                       "Ærøskøbing 🎉", "tab\there", "line\nbreak", "carriage\rreturn", ""]
        let transfers = awkward.enumerated().map { index, name in
            SepaTransfer(endToEndId: "E2E-\(index)", amount: Cents(Int64(1 + index)), creditorName: name,
                         creditorIBAN: "FR1420041010050500013M02606", creditorBIC: "PSSTFRPPDIJ",
                         remittanceInformation: name + " & <rest>",
                         creditorAddress: SepaPostalAddress(townName: name, country: "FR", postCode: "<1>"))
        }
        let batch = SepaCreditTransferBatch(
            messageId: "M&1", creationDateTime: "2026-11-02T09:30:00", paymentInformationId: "P<1>",
            requestedExecutionDate: Day(year: 2026, month: 11, day: 5)!,
            debtor: SepaParty(name: "Assoc & <Co> é'", iban: "FR76", bic: nil), transfers: transfers)
        for version in SepaVersion.allCases {
            let ours = Data(SepaXMLText.document(batch, version: version))
            let theirs = SepaDocumentReference.xml(for: batch, version: version)
            XCTAssertEqual(String(decoding: ours, as: UTF8.self), String(decoding: theirs, as: UTF8.self), version.rawValue)
            XCTAssertEqual(ours, theirs, version.rawValue)
            let text = String(decoding: ours, as: UTF8.self)
            XCTAssertTrue(text.contains("<Nm>Dupont &amp; Fils</Nm>"), text)
            XCTAssertTrue(text.contains("<Nm>&lt;script&gt;alert('x')&lt;/script&gt;</Nm>"), text)
            XCTAssertTrue(text.contains("<Nm>&amp;amp; déjà</Nm>"), text)
            XCTAssertTrue(text.contains("<Nm>carriage&#13;return</Nm>"), text)
            XCTAssertTrue(text.contains("<Nm></Nm>"), text)
        }
    }

    /// Many transfers with every optional part present or not, in both versions.
    func testALargeVariedBatchGivesTheDocumentsBytes() throws {
        let first = ["Zoé", "Jean-Luc", "Anaïs", "Œdipe", "Marie-Hélène", "D’Artagnan", "Björn", "Ñuño", "Ève", "Paul"]
        let last = ["Lefèvre", "O'Neil", "Dupont & Fils", "Gaßmann", "Ødegård", "L’Hôte", "MARTIN", "Çelik", "Nguyễn", "Ba"]
        let ibans = ["FR1420041010050500013M02606", "DE89370400440532013000", "BE68539007547034"]
        var transfers: [SepaTransfer] = []
        for index in 0..<600 {
            let name: String = first[index % 10] + " " + last[(index / 10) % 10].uppercased()
            let bic: String? = index % 4 == 0 ? nil : (index.isMultiple(of: 2) ? "PSSTFRPPDIJ" : "GEBABEBB")
            let address: SepaPostalAddress? = index % 5 == 0 ? SepaPostalAddress(townName: "Besançon", country: "FR") : nil
            let amount = Cents(Int64(index) * 137 + 1)
            transfers.append(SepaTransfer(endToEndId: "VIR-2026-01-\(10_000_000_000 + index)", amount: amount,
                                          creditorName: name, creditorIBAN: ibans[index % 3], creditorBIC: bic,
                                          remittanceInformation: index % 7 == 0 ? "" : "ESP CLAP indemnités 2026-01",
                                          creditorAddress: address))
        }
        try assertSameBytes(SepaFixtures.batch(transfers: transfers))
    }
}

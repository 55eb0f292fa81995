import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
import LedgerCore
@testable import ClapReports

/// Batches shared by the SEPA tests.
enum SepaFixtures {
    /// 120 characters with accents, ligatures, an apostrophe (typographic and plain) and `&`.
    static let longAccentedName =
        "Hélène-Françoise d’Aubigné & Œdipe O'Connor Lætitia Müller-Straße García Núñez Ærøskøbing Jérôme Béatrice Zoë Noël Ågård"
    static let longAccentedNameEPC = "Helene-Francoise d'Aubigne + OEdipe O'Connor Laetitia Muller-Strasse G"

    static let debtorAddress = SepaPostalAddress(townName: "Besançon", country: "fr", postCode: "25000",
                                                 streetName: "Rue de la République", buildingNumber: "12 bis")

    static func debtor(bic: String? = "CEPAFRPP251", address: SepaPostalAddress? = debtorAddress) -> SepaParty {
        SepaParty(name: "Association ESP CLAP Bourgogne-Franche-Comté", iban: "fr76 3000 6000 0112 3456 7890 189",
                  bic: bic, address: address)
    }

    static let transfers = [
        SepaTransfer(endToEndId: "CLAP-2026-10-0001", amount: Cents(12_345), creditorName: longAccentedName,
                     creditorIBAN: "FR1420041010050500013M02606", creditorBIC: "PSSTFRPPDIJ",
                     remittanceInformation: "Indemnités CLAP octobre 2026 – RCP & PPS, équipe « Dole Nord »",
                     creditorAddress: SepaPostalAddress(townName: "Dole", country: "FR", postCode: "39100")),
        SepaTransfer(endToEndId: "CLAP-2026-10-0002", amount: Cents(5), creditorName: "Dr Zoë L’Hôte",
                     creditorIBAN: "DE89370400440532013000", creditorBIC: nil,
                     remittanceInformation: String(repeating: "Séance de concertation pluriprofessionnelle ", count: 5)),
        SepaTransfer(endToEndId: "CLAP/2026/10/0003", amount: Cents(99_999_999_999), creditorName: "Cabinet Kiné Œuvre",
                     creditorIBAN: "BE68539007547034", creditorBIC: "GEBABEBB",
                     remittanceInformation: "Indemnites octobre 2026"),
    ]

    static func batch(debtor: SepaParty = debtor(), transfers: [SepaTransfer] = transfers) -> SepaCreditTransferBatch {
        SepaCreditTransferBatch(messageId: "CLAP-PAYOUT-2026-10", creationDateTime: "2026-11-02T09:30:00",
                                paymentInformationId: "CLAP-PAYOUT-2026-10-PMT",
                                requestedExecutionDate: Day(year: 2026, month: 11, day: 5)!,
                                debtor: debtor, transfers: transfers)
    }

    static let expectedControlSum = "1000000123.49"
}

/// A parsed pain.001 document, queried by local element names.
struct SepaParsed {
    let document: XMLDocument

    init(_ data: Data) throws { document = try XMLDocument(data: data, options: []) }

    func nodes(_ path: String) throws -> [XMLNode] {
        let xpath = path.split(separator: "/").map { "*[local-name()='\($0)']" }.joined(separator: "/")
        return try document.nodes(forXPath: "//" + xpath)
    }

    func texts(_ path: String) throws -> [String] { try nodes(path).map { $0.stringValue ?? "" } }
}

final class SepaWriterTests: XCTestCase {
    private func write(_ batch: SepaCreditTransferBatch, _ version: SepaVersion) throws -> SepaParsed {
        switch SepaWriter.xml(for: batch, version: version) {
        case .success(let data): return try SepaParsed(data)
        case .failure(let error): throw error
        }
    }

    func testCountsAndControlSumsAtBothLevels() throws {
        for version in SepaVersion.allCases {
            let doc = try write(SepaFixtures.batch(), version)
            XCTAssertEqual(try doc.texts("GrpHdr/NbOfTxs"), ["3"])
            XCTAssertEqual(try doc.texts("PmtInf/NbOfTxs"), ["3"])
            XCTAssertEqual(try doc.texts("GrpHdr/CtrlSum"), [SepaFixtures.expectedControlSum])
            XCTAssertEqual(try doc.texts("PmtInf/CtrlSum"), [SepaFixtures.expectedControlSum])
            XCTAssertEqual(try doc.nodes("PmtInf").count, 1)
            XCTAssertEqual(try doc.nodes("CdtTrfTxInf").count, 3)
            let sum = try doc.texts("CdtTrfTxInf/Amt/InstdAmt").map(centsOf).reduce(0, +)
            XCTAssertEqual(Cents(sum).plainString, SepaFixtures.expectedControlSum)
        }
    }

    func testAmountsHaveTwoDecimalsInEuro() throws {
        let doc = try write(SepaFixtures.batch(), .pain001001009)
        XCTAssertEqual(try doc.texts("CdtTrfTxInf/Amt/InstdAmt"), ["123.45", "0.05", "999999999.99"])
        let currencies = try doc.document.nodes(forXPath: "//*[local-name()='InstdAmt']/@Ccy").map(\.stringValue)
        XCTAssertEqual(currencies, ["EUR", "EUR", "EUR"])
    }

    func testIdentifiersAreKeptAndShort() throws {
        let doc = try write(SepaFixtures.batch(), .pain001001009)
        XCTAssertEqual(try doc.texts("GrpHdr/MsgId"), ["CLAP-PAYOUT-2026-10"])
        XCTAssertEqual(try doc.texts("PmtInf/PmtInfId"), ["CLAP-PAYOUT-2026-10-PMT"])
        let ends = try doc.texts("PmtId/EndToEndId")
        XCTAssertEqual(ends, SepaFixtures.transfers.map(\.endToEndId))
        for id in ends + (try doc.texts("MsgId")) + (try doc.texts("PmtInfId")) {
            XCTAssertTrue(EPCText.isValidIdentifier(id), id)
        }
    }

    func testNamesAndRemittanceAreInTheEPCSetAndCut() throws {
        for version in SepaVersion.allCases {
            let doc = try write(SepaFixtures.batch(), version)
            let names = try doc.texts("Nm")
            let remittances = try doc.texts("RmtInf/Ustrd")
            let addressTexts = try doc.nodes("PstlAdr").flatMap { $0.children ?? [] }.map { $0.stringValue ?? "" }
            for text in names + remittances + addressTexts {
                XCTAssertTrue(EPCText.isEPCText(text), text)
                XCTAssertFalse(text.isEmpty)
            }
            XCTAssertTrue(names.allSatisfy { $0.count <= 70 })
            XCTAssertTrue(remittances.allSatisfy { $0.count <= 140 })
            XCTAssertEqual(try doc.texts("Cdtr/Nm"),
                           [SepaFixtures.longAccentedNameEPC, "Dr Zoe L'Hote", "Cabinet Kine OEuvre"])
            XCTAssertEqual(SepaFixtures.longAccentedName.count, 120)
            XCTAssertEqual(SepaFixtures.longAccentedNameEPC.count, 70)
            XCTAssertEqual(remittances.first, "Indemnites CLAP octobre 2026 - RCP + PPS, equipe Dole Nord")
            XCTAssertEqual(remittances[1].count, 140)
            XCTAssertEqual(try doc.texts("Dbtr/Nm"), ["Association ESP CLAP Bourgogne-Franche-Comte"])
            XCTAssertEqual(try doc.texts("InitgPty/Nm"), ["Association ESP CLAP Bourgogne-Franche-Comte"])
        }
    }

    func testAddressesAreStructuredNeverFreeLines() throws {
        let doc = try write(SepaFixtures.batch(), .pain001001009)
        XCTAssertEqual(try doc.nodes("AdrLine").count, 0)
        XCTAssertEqual(try doc.texts("Dbtr/PstlAdr/StrtNm"), ["Rue de la Republique"])
        XCTAssertEqual(try doc.texts("Dbtr/PstlAdr/BldgNb"), ["12 bis"])
        XCTAssertEqual(try doc.texts("Dbtr/PstlAdr/PstCd"), ["25000"])
        XCTAssertEqual(try doc.texts("Dbtr/PstlAdr/TwnNm"), ["Besancon"])
        XCTAssertEqual(try doc.texts("Dbtr/PstlAdr/Ctry"), ["FR"])
        XCTAssertEqual(try doc.texts("Cdtr/PstlAdr/TwnNm"), ["Dole"])
        XCTAssertEqual(try doc.texts("Cdtr/PstlAdr/StrtNm"), [])
        XCTAssertEqual(try doc.nodes("Cdtr/PstlAdr").count, 1)
    }

    func testDebtorAgentIsTheBICOrNotProvided() throws {
        let with09 = try write(SepaFixtures.batch(), .pain001001009)
        XCTAssertEqual(try with09.texts("DbtrAgt/FinInstnId/BICFI"), ["CEPAFRPP251"])
        let with03 = try write(SepaFixtures.batch(), .pain001001003)
        XCTAssertEqual(try with03.texts("DbtrAgt/FinInstnId/BIC"), ["CEPAFRPP251"])
        for version in SepaVersion.allCases {
            let without = try write(SepaFixtures.batch(debtor: SepaFixtures.debtor(bic: nil, address: nil)), version)
            XCTAssertEqual(try without.texts("DbtrAgt/FinInstnId/Othr/Id"), ["NOTPROVIDED"])
            XCTAssertEqual(try without.nodes("Dbtr/PstlAdr").count, 0)
        }
    }

    func testCreditorAgentOnlyWhenTheBICIsKnown() throws {
        let doc = try write(SepaFixtures.batch(), .pain001001009)
        XCTAssertEqual(try doc.texts("CdtTrfTxInf/CdtrAgt/FinInstnId/BICFI"), ["PSSTFRPPDIJ", "GEBABEBB"])
        XCTAssertEqual(try doc.texts("CdtrAcct/Id/IBAN"),
                       ["FR1420041010050500013M02606", "DE89370400440532013000", "BE68539007547034"])
        XCTAssertEqual(try doc.texts("DbtrAcct/Id/IBAN"), ["FR7630006000011234567890189"])
    }

    func testFixedPaymentFields() throws {
        for version in SepaVersion.allCases {
            let doc = try write(SepaFixtures.batch(), version)
            XCTAssertEqual(try doc.texts("PmtInf/PmtMtd"), ["TRF"])
            XCTAssertEqual(try doc.texts("PmtInf/BtchBookg"), ["true"])
            XCTAssertEqual(try doc.texts("PmtTpInf/SvcLvl/Cd"), ["SEPA"])
            XCTAssertEqual(try doc.texts("PmtInf/ChrgBr"), ["SLEV"])
            XCTAssertEqual(try doc.texts("GrpHdr/CreDtTm"), ["2026-11-02T09:30:00"])
            guard case .success(let data) = SepaWriter.xml(for: SepaFixtures.batch(), version: version) else {
                return XCTFail("batch refused")
            }
            XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("<Document xmlns=\"\(version.namespace)\">"))
        }
        XCTAssertEqual(try write(SepaFixtures.batch(), .pain001001009).texts("ReqdExctnDt/Dt"), ["2026-11-05"])
        let doc03 = try write(SepaFixtures.batch(), .pain001001003)
        XCTAssertEqual(try doc03.texts("PmtInf/ReqdExctnDt"), ["2026-11-05"])
        XCTAssertEqual(try doc03.nodes("ReqdExctnDt/Dt").count, 0)
    }

    func testOutputIsUTF8WithADeclaration() throws {
        guard case .success(let data) = SepaWriter.xml(for: SepaFixtures.batch()) else {
            return XCTFail("batch refused")
        }
        let text = try XCTUnwrap(String(data: data, encoding: .utf8))
        XCTAssertTrue(text.hasPrefix("<?xml version=\"1.0\" encoding=\""), String(text.prefix(60)))
        XCTAssertTrue(text.prefix(60).lowercased().contains("utf-8"))
        XCTAssertTrue(data.allSatisfy { $0 < 0x80 }, "an EPC file is plain ASCII once transliterated")
    }

    /// Reads `123.45` as cents; fails unless there are exactly two decimals.
    private func centsOf(_ amount: String) -> Int64 {
        let parts = amount.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let euros = Int64(parts[0]), let cents = Int64(parts[1]) else {
            XCTFail("not an amount with two decimals: \(amount)")
            return 0
        }
        return euros * 100 + cents
    }
}

@testable import ClapDomain
import XCTest

final class RegistryIBANTests: RegistryTestCase {
    func testValidIBANsOfSEPACountries() throws {
        for text in ["FR7630006000011234567890189", "DE89370400440532013000", "GB29NWBK60161331926819",
                     "CH9300762011623852957", "BE68539007547034", "NO9386011117947", "MC5811222000010123456789030"] {
            XCTAssertEqual(try XCTUnwrapSuccess(IBAN.parse(text)).rawValue, text)
        }
    }

    func testSpacesAndLowercaseAreNormalized() throws {
        let iban = try XCTUnwrapSuccess(IBAN.parse("fr76 3000 6000 0112 3456 7890 189"))
        XCTAssertEqual(iban.rawValue, "FR7630006000011234567890189")
        XCTAssertEqual(iban.countryCode, "FR")
    }

    func testFrenchIBANWithLetterInAccountNumber() throws {
        // La Banque Postale style: a letter in the account number, counted A=10 by mod-97 and A=1 by the RIB key.
        XCTAssertNoThrow(try XCTUnwrapSuccess(IBAN.parse("FR3220041010110727315B78586")))
    }

    func testWrongCheckDigitsAreRefused() {
        XCTAssertEqual(issueCode(IBAN.parse("FR7630006000011234567890188")), "iban.checksum")
        XCTAssertEqual(issueCode(IBAN.parse("FR7730006000011234567890189")), "iban.checksum")
        XCTAssertEqual(issueCode(IBAN.parse("DE89370400440532013001")), "iban.checksum")
    }

    func testWrongRIBKeyInsideAValidMod97IsRefused() {
        // Check digits recomputed so that mod-97 holds, but the RIB key 19 is not the account's (89).
        XCTAssertEqual(issueCode(IBAN.parse("FR2630006000011234567890119")), "iban.rib_key")
    }

    func testWrongLengthForTheCountryIsRefused() {
        let result = IBAN.parse("FR763000600001123456789018")
        XCTAssertEqual(issueCode(result), "iban.length")
        guard case .failure(let issue) = result else { return XCTFail() }
        XCTAssertTrue(issue.message.contains("27"), issue.message)
        XCTAssertEqual(issueCode(IBAN.parse("BE6853900754703")), "iban.length")
    }

    func testNonSEPACountryIsRefused() {
        // A valid Turkish IBAN: right checksum, but Turkey is outside SEPA.
        let result = IBAN.parse("TR330006100519786457841326")
        XCTAssertEqual(issueCode(result), "iban.country")
        guard case .failure(let issue) = result else { return XCTFail() }
        XCTAssertTrue(issue.message.contains("TR"), issue.message)
        XCTAssertEqual(issueCode(IBAN.parse("US12345678901234")), "iban.country")
    }

    func testMalformedIBANIsRefused() {
        XCTAssertEqual(issueCode(IBAN.parse("7630006000011234567890189")), "iban.format")
        XCTAssertEqual(issueCode(IBAN.parse("FR76-3000-6000")), "iban.format")
        XCTAssertEqual(issueCode(IBAN.parse("FRXX30006000011234567890189")), "iban.format")
        XCTAssertEqual(issueCode(IBAN.parse("")), "iban.empty")
    }

    func testMaskedGroupedAndLast4() throws {
        let french = try XCTUnwrapSuccess(IBAN.parse("FR7630006000011234567890189"))
        XCTAssertEqual(french.masked, "FR76 **** **** **** **** **** 189")
        XCTAssertEqual(french.grouped, "FR76 3000 6000 0112 3456 7890 189")
        XCTAssertEqual(french.last4, "0189")
        let belgian = try XCTUnwrapSuccess(IBAN.parse("BE68539007547034"))
        XCTAssertEqual(belgian.masked, "BE68 **** **** *034")
        let norwegian = try XCTUnwrapSuccess(IBAN.parse("NO9386011117947"))
        XCTAssertEqual(norwegian.masked, "NO93 **** **** 947")
    }

    func testEverySEPALengthIsWithinTheISOBounds() {
        XCTAssertEqual(SEPACountries.ibanLengths.count, 42)
        for (country, length) in SEPACountries.ibanLengths {
            XCTAssertTrue((15...34).contains(length), country)
        }
        XCTAssertFalse(SEPACountries.contains("TR"))
        XCTAssertTrue(SEPACountries.contains("SM"))
    }
}

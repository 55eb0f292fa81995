@testable import ClapDomain
import XCTest

final class RegistryIdentifierTests: RegistryTestCase {
    func testRPPSWithValidLuhnKeyIsAccepted() throws {
        XCTAssertEqual(try XCTUnwrapSuccess(RPPS.parse("10748602298")).rawValue, "10748602298")
        XCTAssertEqual(try XCTUnwrapSuccess(RPPS.parse(" 107 4860 2298 ")).rawValue, "10748602298")
    }

    func testRPPSWithWrongKeyIsRefused() throws {
        let result = RPPS.parse("10748602299")
        XCTAssertEqual(issueCode(result), "rpps.checksum")
        guard case .failure(let issue) = result else { return XCTFail() }
        XCTAssertEqual(issue.message, "La clé de contrôle du numéro RPPS est fausse : vérifiez les 11 chiffres.")
    }

    func testRPPSWithWrongLengthOrCharactersIsRefused() {
        XCTAssertEqual(issueCode(RPPS.parse("1074860229")), "rpps.length")
        XCTAssertEqual(issueCode(RPPS.parse("107486022981")), "rpps.length")
        XCTAssertEqual(issueCode(RPPS.parse("1074860229A")), "rpps.format")
        XCTAssertEqual(issueCode(RPPS.parse("")), "rpps.empty")
    }

    func testSIRENChecksum() throws {
        XCTAssertEqual(try XCTUnwrapSuccess(SIREN.parse("552 100 554")).rawValue, "552100554")
        XCTAssertEqual(issueCode(SIREN.parse("552100555")), "siren.checksum")
        XCTAssertEqual(issueCode(SIREN.parse("55210055")), "siren.length")
        XCTAssertEqual(issueCode(SIREN.parse("55210055A")), "siren.length")
    }

    func testBICOfEightOrElevenCharacters() throws {
        XCTAssertEqual(try XCTUnwrapSuccess(BIC.parse("BNPAFRPP")).rawValue, "BNPAFRPP")
        XCTAssertEqual(try XCTUnwrapSuccess(BIC.parse("bnpa fr pp xxx")).rawValue, "BNPAFRPPXXX")
        XCTAssertEqual(try XCTUnwrapSuccess(BIC.parse("AGRIFRPP847")).countryCode, "FR")
    }

    func testMalformedBICIsRefused() {
        XCTAssertEqual(issueCode(BIC.parse("BNPAFRP")), "bic.length")
        XCTAssertEqual(issueCode(BIC.parse("BNPAFRPPXX")), "bic.length")
        XCTAssertEqual(issueCode(BIC.parse("BNP1FRPP")), "bic.format", "digit in the bank code")
        XCTAssertEqual(issueCode(BIC.parse("BNPAF1PP")), "bic.format", "digit in the country code")
        XCTAssertEqual(issueCode(BIC.parse("BNPAFRP-")), "bic.format")
    }

    func testTeamIDFormat() throws {
        XCTAssertEqual(try XCTUnwrapSuccess(TeamID.parse(" T044-001 ")).rawValue, "T044-001")
        XCTAssertEqual(issueCode(TeamID.parse("t044-001")), "team.id_format")
        XCTAssertEqual(issueCode(TeamID.parse("T4")), "team.id_format")
        XCTAssertEqual(issueCode(TeamID.parse("T044_001")), "team.id_format")
        XCTAssertEqual(issueCode(TeamID.parse(String(repeating: "A", count: 21))), "team.id_format")
    }

    func testDepartmentOfThePaysDeLaLoireOnly() throws {
        XCTAssertEqual(try XCTUnwrapSuccess(Department.parse("85")), .vendee)
        XCTAssertEqual(try XCTUnwrapSuccess(Department.parse(" 44")), .loireAtlantique)
        let result = Department.parse("35")
        XCTAssertEqual(issueCode(result), "department.unknown")
        guard case .failure(let issue) = result else { return XCTFail() }
        XCTAssertTrue(issue.message.contains("53 (Mayenne)"), issue.message)
    }

    func testProfessionByCodeOrLabelIgnoringCaseAndAccents() throws {
        XCTAssertEqual(try XCTUnwrapSuccess(Profession.parse("medecin_generaliste")), .medecinGeneraliste)
        XCTAssertEqual(try XCTUnwrapSuccess(Profession.parse("Médecin Généraliste")), .medecinGeneraliste)
        XCTAssertEqual(try XCTUnwrapSuccess(Profession.parse("SAGE-FEMME")), .sageFemme)
        XCTAssertEqual(try XCTUnwrapSuccess(Profession.parse("Masseur-kinésithérapeute")), .masseurKinesitherapeute)
        XCTAssertEqual(try XCTUnwrapSuccess(Profession.parse("infirmière")), .infirmier)
    }

    func testUnknownProfessionListsTheValidCodes() {
        let result = Profession.parse("cardiologue")
        XCTAssertEqual(issueCode(result), "profession.unknown")
        guard case .failure(let issue) = result else { return XCTFail() }
        XCTAssertTrue(issue.message.contains("« cardiologue »"), issue.message)
        XCTAssertTrue(issue.message.contains("orthophoniste"), issue.message)
        XCTAssertEqual(issueCode(Profession.parse("medecin")), "profession.unknown", "a specialist is no GP")
    }

    func testLegalForm() throws {
        XCTAssertEqual(try XCTUnwrapSuccess(LegalForm.parse("Association")), .association)
        XCTAssertEqual(try XCTUnwrapSuccess(LegalForm.parse("")), .aucune)
        XCTAssertEqual(issueCode(LegalForm.parse("SARL")), "legal_form.unknown")
    }

    func testEmailSanity() throws {
        XCTAssertEqual(try XCTUnwrapSuccess(EmailAddress.parse(" helene.darcy@orange.fr ")).rawValue,
                       "helene.darcy@orange.fr")
        XCTAssertEqual(issueCode(EmailAddress.parse("helene.darcy.orange.fr")), "email.format")
        XCTAssertEqual(issueCode(EmailAddress.parse("a@b@orange.fr")), "email.format")
        XCTAssertEqual(issueCode(EmailAddress.parse("helene@localhost")), "email.format")
        XCTAssertEqual(issueCode(EmailAddress.parse("helene darcy@orange.fr")), "email.format")
        XCTAssertEqual(issueCode(EmailAddress.parse("@orange.fr")), "email.format")
        let long = String(repeating: "a", count: 250) + "@b.fr"
        XCTAssertEqual(issueCode(EmailAddress.parse(long)), "email.length")
    }

    func testPersonName() throws {
        XCTAssertEqual(try XCTUnwrapSuccess(PersonName.parse(" D'Arcy ")).rawValue, "D'Arcy")
        XCTAssertEqual(issueCode(PersonName.parse("   ")), "name.empty")
        XCTAssertEqual(issueCode(PersonName.parse(String(repeating: "é", count: 71))), "name.length")
        XCTAssertEqual(issueCode(PersonName.parse("Le\tGoff")), "name.control_character")
    }

    func testActionTypeList() throws {
        XCTAssertEqual(try XCTUnwrapSuccess(ActionTypeCode.parseList("RCP+pps + ETP+RCP")), [.rcp, .pps, .etp])
        XCTAssertEqual(try XCTUnwrapSuccess(ActionTypeCode.parseList("")), [])
        let result = ActionTypeCode.parseList("RCP+VISITE")
        XCTAssertEqual(issueCode(result), "action_types.unknown")
        guard case .failure(let issue) = result else { return XCTFail() }
        XCTAssertTrue(issue.message.contains("VISITE"), issue.message)
    }
}

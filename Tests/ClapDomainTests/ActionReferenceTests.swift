import ClapDomain
import XCTest

final class ActionReferenceTests: XCTestCase {
    private func caseCode(_ text: String) -> String? {
        if case let .failure(issue) = CaseReference.parse(text) { return issue.code }
        return nil
    }

    func testOpaqueCaseReferencesAreAccepted() throws {
        XCTAssertEqual(try CaseReference.parse("CAS-2026-017").get().rawValue, "CAS-2026-017")
        XCTAssertEqual(try CaseReference.parse(" dupont-42 ").get().rawValue, "dupont-42")
        XCTAssertNil(caseCode("12345678901234567890"))
        XCTAssertNil(caseCode("3850578006084"), "13 digits not starting with 1, 2, 7 or 8")
        XCTAssertNil(caseCode("185057800608"), "12 digits")
    }

    func testNIRInCaseReferenceIsRefusedWithAnExplanation() throws {
        for nir in ["1850578006084", "185057800608436", "2 85 05 78 006 084 36", "1-85-05-78-006-084",
                    "7850578006084", "285052A00608436", "285052A006084", "2.85.05.2B.006.084"] {
            XCTAssertEqual(caseCode(nir), "patient.nir", nir)
        }
        guard case let .failure(issue) = CaseReference.parse("185057800608436") else { return XCTFail("NIR accepted") }
        XCTAssertTrue(issue.message.contains("jamais l'identité d'un patient"), issue.message)
        XCTAssertTrue(issue.message.contains("référence opaque"), issue.message)
    }

    func testCaseReferenceFormat() {
        XCTAssertEqual(caseCode(""), "ref_cas.format")
        XCTAssertEqual(caseCode("CAS_1"), "ref_cas.format")
        XCTAssertEqual(caseCode("cas é"), "ref_cas.format")
        XCTAssertEqual(caseCode(String(repeating: "a", count: 21)), "ref_cas.format")
    }

    func testActionAndProtocolReferenceFormats() throws {
        XCTAssertEqual(try ActionReference.parse("2026/03.RCP_01-a").get().rawValue, "2026/03.RCP_01-a")
        XCTAssertEqual(try ProtocolReference.parse("PROTO-AVK.v2").get().rawValue, "PROTO-AVK.v2")
        if case let .failure(issue) = ActionReference.parse(String(repeating: "x", count: 41)) {
            XCTAssertEqual(issue.code, "action.reference_format")
        } else { XCTFail("41 characters accepted") }
        if case let .failure(issue) = ProtocolReference.parse("proto avk") {
            XCTAssertEqual(issue.code, "ref_protocole.format")
        } else { XCTFail("space accepted") }
        if case let .failure(issue) = ProtocolReference.parse("185057800608436") {
            XCTAssertEqual(issue.code, "patient.nir")
        } else { XCTFail("NIR accepted") }
    }
}

import ClapDomain
import LedgerCore
import XCTest

/// The declaration digest is stored with every action and compared on every import (a declaration already recorded
/// is skipped) and by `verify`: its bytes must never change. Pinned here on known vectors.
final class DeclarationDigestTests: XCTestCase {
    private func declaration(duration: Int?, caseRef: String?, protocolRef: String?, reference: String = "RCP-2026-001") -> ActionDeclaration {
        ActionDeclaration(team: TeamID(unchecked: "T044-001"), reference: reference, type: ActionTypeCode("RCP"),
                          date: Day(year: 2026, month: 3, day: 14)!, durationMinutes: duration, caseRef: caseRef, protocolRef: protocolRef,
                          participants: [ActionParticipant(rpps: RPPS(unchecked: "10101010106"), role: .referent, line: 3),
                                         ActionParticipant(rpps: RPPS(unchecked: "10000000008"), role: .participant, line: 2)],
                          line: 2)
    }

    func testTheDigestCoversTheCanonicalFieldsParticipantsSortedByRPPS() {
        let digest = declaration(duration: 90, caseRef: "CAS-26-0002", protocolRef: nil).declarationDigest
        let bytes = "8:T044-001;12:RCP-2026-001;3:RCP;10:2026-03-14;2:90;11:CAS-26-0002;0:;"
            + "11:10000000008;11:participant;11:10101010106;8:referent;"
        XCTAssertEqual(digest, CanonicalHash.sha256Hex(Array(bytes.utf8)))
    }

    /// Computed independently (Python hashlib over the same layout), including a multi-byte reference.
    func testKnownVectors() {
        XCTAssertEqual(declaration(duration: 90, caseRef: "CAS-26-0002", protocolRef: nil).declarationDigest, "9d862c94e374f8d7aca5847a9a656faa9b345895e781df3c44a1519f35178536")
        XCTAssertEqual(declaration(duration: nil, caseRef: nil, protocolRef: "PROTO-2026-001",
                                   reference: "ÉTP – séance n°3 « bilan »").declarationDigest, "afe417b3b2ebaff7bd8dfc763faf42cba12d65d97f21b8b1b563a5f2bdd9d460")
    }
}

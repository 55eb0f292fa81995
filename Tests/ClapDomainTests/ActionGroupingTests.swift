import ClapDomain
import LedgerCore
import XCTest

final class ActionGroupingTests: XCTestCase {
    private func row(_ line: Int, team: String = "T044-001", reference: String = "A-1", type: ActionTypeCode = .rcp,
                     date: String = "2026-03-10", minutes: Int? = 60, caseRef: String? = nil, protocolRef: String? = nil,
                     rpps: String, role: ParticipantRole = .participant) -> ActionRow {
        ActionRow(team: TeamID(unchecked: team), reference: reference, type: type, date: day(date), durationMinutes: minutes,
                  caseRef: caseRef, protocolRef: protocolRef, rpps: RPPS(unchecked: rpps), role: role, line: line)
    }

    func testRowsAreGroupedByTeamAndReferenceInFileOrder() {
        let rows = [
            row(2, rpps: "10000000001"),
            row(3, reference: "A-2", type: .pps, minutes: nil, caseRef: "C1", rpps: "10000000001", role: .referent),
            row(4, rpps: "10000000002"),
            row(5, team: "T049-001", rpps: "10000000003"),
            row(6, reference: "A-2", type: .pps, minutes: nil, caseRef: "C1", rpps: "10000000002", role: .contributeur),
        ]
        let (actions, issues) = ActionDeclaration.group(rows, fileName: "actions.csv")
        XCTAssertEqual(issues, [])
        XCTAssertEqual(actions.map { "\($0.team)/\($0.reference)" }, ["T044-001/A-1", "T044-001/A-2", "T049-001/A-1"])
        XCTAssertEqual(actions[0].participants.map(\.line), [2, 4])
        XCTAssertEqual(actions[1].participants.map(\.role), [.referent, .contributeur])
        XCTAssertEqual(actions[1].caseRef, "C1")
        XCTAssertEqual(actions[1].line, 3)
    }

    func testInconsistentRowsNameLineAndColumn() {
        let rows = [
            row(2, rpps: "10000000001"),
            row(3, date: "2026-03-11", minutes: 90, rpps: "10000000002"),
            row(4, type: .etp, rpps: "10000000003"),
            row(5, reference: "B", rpps: "10000000001"),
        ]
        let (actions, issues) = ActionDeclaration.group(rows, fileName: "actions.csv")
        XCTAssertEqual(actions.map(\.reference), ["B"], "a faulty action is not returned")
        XCTAssertEqual(issues.map(\.issue.code), Array(repeating: "action.inconsistent_rows", count: 3))
        XCTAssertEqual(issues.map(\.location.line), [3, 3, 4])
        XCTAssertEqual(issues.map(\.location.column), ["date", "duree_minutes", "type"])
        XCTAssertEqual(issues.map(\.value), ["11/03/2026", "90", "ETP"])
        XCTAssertTrue(issues[0].issue.message.contains("ligne 2"), issues[0].issue.message)
    }

    func testSameProfessionalTwiceInOneAction() {
        let rows = [row(2, rpps: "10000000001"), row(3, rpps: "10000000002"), row(4, rpps: "10000000001", role: .referent)]
        let (actions, issues) = ActionDeclaration.group(rows, fileName: "actions.csv")
        XCTAssertEqual(actions, [])
        XCTAssertEqual(issues.map(\.issue.code), ["action.duplicate_participant"])
        XCTAssertEqual(issues.first?.location, SourceLocation(file: "actions.csv", line: 4, column: "rpps"))
    }

    func testAtMostFiftyParticipants() {
        let fifty = (0..<50).map { row($0 + 2, rpps: String(10_000_000_000 + $0)) }
        XCTAssertEqual(ActionDeclaration.group(fifty, fileName: "a.csv").0.first?.participants.count, 50)
        let fiftyOne = fifty + [row(52, rpps: "19999999999")]
        let (actions, issues) = ActionDeclaration.group(fiftyOne, fileName: "a.csv")
        XCTAssertEqual(actions, [])
        XCTAssertEqual(issues.map(\.issue.code), ["action.too_many_participants"])
        XCTAssertEqual(issues.first?.location.line, 52)
    }
}

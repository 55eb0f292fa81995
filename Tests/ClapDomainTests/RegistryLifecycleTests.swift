@testable import ClapDomain
import LedgerCore
import XCTest

final class RegistryLifecycleTests: RegistryTestCase {
    func testImportedWithConventionAndRegistrationDates() throws {
        let lifecycle = try XCTUnwrapSuccess(TeamLifecycle.imported(
            arsRegistration: try day("2024-03-12"), convention: try day("2024-05-02"), importedOn: try day("2025-01-15")))
        XCTAssertEqual(lifecycle.status(at: try day("2024-03-11")), .projet)
        XCTAssertEqual(lifecycle.status(at: try day("2024-03-12")), .reconnue)
        XCTAssertEqual(lifecycle.status(at: try day("2024-05-01")), .reconnue)
        XCTAssertEqual(lifecycle.status(at: try day("2024-05-02")), .active)
        XCTAssertEqual(lifecycle.current, .active)
    }

    func testImportedWithOnlyAConventionDateIsActiveFromIt() throws {
        let lifecycle = try XCTUnwrapSuccess(TeamLifecycle.imported(
            arsRegistration: nil, convention: try day("2025-03-03"), importedOn: try day("2025-01-15")))
        XCTAssertEqual(lifecycle.history, [StatusChange(status: .active, since: try day("2025-03-03"))])
        XCTAssertEqual(lifecycle.status(at: try day("2025-03-02")), .projet)
    }

    func testImportedWithOnlyARegistrationDateIsReconnue() throws {
        let lifecycle = try XCTUnwrapSuccess(TeamLifecycle.imported(
            arsRegistration: try day("2025-04-14"), convention: nil, importedOn: try day("2025-01-15")))
        XCTAssertEqual(lifecycle.status(at: try day("2025-12-31")), .reconnue)
    }

    func testImportedWithNeitherDateIsProjet() throws {
        let lifecycle = try XCTUnwrapSuccess(TeamLifecycle.imported(
            arsRegistration: nil, convention: nil, importedOn: try day("2025-01-15")))
        XCTAssertEqual(lifecycle.history, [StatusChange(status: .projet, since: try day("2025-01-15"))])
        XCTAssertEqual(lifecycle.status(at: try day("2025-06-30")), .projet)
    }

    func testConventionBeforeRegistrationIsRefused() throws {
        let result = TeamLifecycle.imported(arsRegistration: try day("2024-06-01"), convention: try day("2024-05-01"),
                                            importedOn: try day("2025-01-15"))
        guard case .failure(let refusal) = result else { return XCTFail("expected a refusal") }
        XCTAssertEqual(refusal.code, "team.convention_before_registration")
    }

    func testAllowedTransitions() {
        XCTAssertTrue(TeamLifecycle.allows(from: .projet, to: .reconnue))
        XCTAssertTrue(TeamLifecycle.allows(from: .reconnue, to: .active))
        XCTAssertTrue(TeamLifecycle.allows(from: .active, to: .suspendue))
        XCTAssertTrue(TeamLifecycle.allows(from: .suspendue, to: .active))
        for status in [TeamStatus.projet, .reconnue, .active, .suspendue] {
            XCTAssertTrue(TeamLifecycle.allows(from: status, to: .cloturee), "\(status)")
        }
        XCTAssertFalse(TeamLifecycle.allows(from: .projet, to: .active))
        XCTAssertFalse(TeamLifecycle.allows(from: .reconnue, to: .suspendue))
        XCTAssertFalse(TeamLifecycle.allows(from: .active, to: .reconnue))
        XCTAssertFalse(TeamLifecycle.allows(from: .cloturee, to: .active))
        XCTAssertFalse(TeamLifecycle.allows(from: .cloturee, to: .cloturee))
        XCTAssertFalse(TeamLifecycle.allows(from: .active, to: .active))
    }

    func testSuspensionAndReactivationGiveTheStatusAtEachDay() throws {
        var lifecycle = try XCTUnwrapSuccess(TeamLifecycle.imported(
            arsRegistration: nil, convention: try day("2024-07-01"), importedOn: try day("2024-07-01")))
        lifecycle = try XCTUnwrapSuccess(lifecycle.changing(to: .suspendue, on: try day("2025-03-01")))
        lifecycle = try XCTUnwrapSuccess(lifecycle.changing(to: .active, on: try day("2025-05-01")))
        lifecycle = try XCTUnwrapSuccess(lifecycle.changing(to: .cloturee, on: try day("2025-12-31")))
        XCTAssertEqual(lifecycle.status(at: try day("2025-02-28")), .active)
        XCTAssertEqual(lifecycle.status(at: try day("2025-04-30")), .suspendue)
        XCTAssertEqual(lifecycle.status(at: try day("2025-05-01")), .active)
        XCTAssertEqual(lifecycle.status(at: try day("2025-12-30")), .active)
        XCTAssertEqual(lifecycle.status(at: try day("2026-01-01")), .cloturee)
    }

    func testRefusedChanges() throws {
        let lifecycle = try XCTUnwrapSuccess(TeamLifecycle.imported(
            arsRegistration: try day("2025-04-14"), convention: nil, importedOn: try day("2025-04-14")))
        guard case .failure(let refusal) = lifecycle.changing(to: .suspendue, on: try day("2025-06-01")) else {
            return XCTFail("reconnue → suspendue must be refused")
        }
        XCTAssertEqual(refusal, .transitionNotAllowed(from: .reconnue, to: .suspendue))
        XCTAssertEqual(refusal.issue.code, "team.status_transition")
        guard case .failure(let early) = lifecycle.changing(to: .active, on: try day("2025-04-13")) else {
            return XCTFail("a change before the latest must be refused")
        }
        XCTAssertEqual(early.code, "team.status_date")
    }
}

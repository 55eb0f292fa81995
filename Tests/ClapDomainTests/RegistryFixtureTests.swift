@testable import ClapDomain
import Foundation
import LedgerCore
import XCTest

/// Reads the demo association's registry CSVs with the validators: every field must pass, and every
/// team must satisfy the composition rule as `Fixtures/demo/README.md` describes.
final class RegistryFixtureTests: RegistryTestCase {
    private static let demo = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/demo")

    /// The data rows, split on `;` (the real CSV reader lives elsewhere), after checking the header.
    private func rows(_ file: String, header: String) throws -> [[String]] {
        let text = try String(contentsOf: Self.demo.appendingPathComponent(file), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        XCTAssertEqual(lines.first, header, file)
        let columns = header.split(separator: ";").count
        let rows = lines.dropFirst().map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
        for (index, row) in rows.enumerated() {
            XCTAssertEqual(row.count, columns, "\(file), ligne \(index + 2)")
        }
        return Array(rows)
    }

    private func check<T>(_ result: Result<T, InputIssue>, _ place: String,
                          file: StaticString = #filePath, line: UInt = #line) -> T? {
        switch result {
        case .success(let value): return value
        case .failure(let issue):
            XCTFail("\(place): \(issue.code) \(issue.message)", file: file, line: line)
            return nil
        }
    }

    private func optionalDay(_ text: String, _ place: String) -> Day?? {
        if text.isEmpty { return .some(nil) }
        guard let day = Day.parse(text) else {
            XCTFail("\(place): not a day: \(text)")
            return nil
        }
        XCTAssertTrue((2024...2025).contains(day.year), "\(place): \(text) outside 2024–2025")
        return .some(day)
    }

    private struct Registry {
        var teams: [TeamID: (legalForm: LegalForm, actions: [ActionTypeCode], lifecycle: TeamLifecycle)] = [:]
        var departments: Set<Department> = []
        var professions: [RPPS: Profession] = [:]
        var memberships: [Membership] = []
    }

    private func loadRegistry() throws -> Registry {
        var registry = Registry()
        let importDay = try day("2025-01-01")
        for (index, row) in try rows("equipes.csv", header: "equipe;nom;departement;numero_ars;"
                                     + "date_enregistrement_ars;date_convention;forme_juridique;actions").enumerated() {
            let place = "equipes.csv, ligne \(index + 2)"
            guard let team = check(TeamID.parse(row[0]), place),
                  check(PersonName.parse(row[1]), place) != nil,
                  let department = check(Department.parse(row[2]), place),
                  let registration = optionalDay(row[4], place), let convention = optionalDay(row[5], place),
                  let legalForm = check(LegalForm.parse(row[6]), place),
                  let actions = check(ActionTypeCode.parseList(row[7]), place),
                  let lifecycle = check(TeamLifecycle.imported(arsRegistration: registration, convention: convention,
                                                               importedOn: importDay).mapError(\.issue), place)
            else { XCTFail("\(place): unreadable"); continue }
            XCTAssertFalse(row[3].isEmpty, place)
            XCTAssertNil(registry.teams[team], "\(place): duplicate team")
            registry.teams[team] = (legalForm, actions, lifecycle)
            registry.departments.insert(department)
        }
        for (index, row) in try rows("professionnels.csv",
                                     header: "rpps;nom;prenom;profession;iban;bic;email;date_convention").enumerated() {
            let place = "professionnels.csv, ligne \(index + 2)"
            guard let rpps = check(RPPS.parse(row[0]), place),
                  check(PersonName.parse(row[1]), place) != nil, check(PersonName.parse(row[2]), place) != nil,
                  let profession = check(Profession.parse(row[3]), place),
                  let iban = check(IBAN.parse(row[4]), place),
                  optionalDay(row[7], place) != nil else { XCTFail("\(place): unreadable"); continue }
            XCTAssertTrue(rpps.rawValue.hasPrefix("10"), place)
            XCTAssertEqual(iban.countryCode, "FR", place)
            if !row[5].isEmpty { _ = check(BIC.parse(row[5]), place) }
            if !row[6].isEmpty { _ = check(EmailAddress.parse(row[6]), place) }
            XCTAssertNil(registry.professions[rpps], "\(place): duplicate RPPS")
            registry.professions[rpps] = profession
        }
        for (index, row) in try rows("membres.csv", header: "equipe;rpps;date_debut;date_fin").enumerated() {
            let place = "membres.csv, ligne \(index + 2)"
            guard let team = check(TeamID.parse(row[0]), place), let rpps = check(RPPS.parse(row[1]), place),
                  let from = Day.parse(row[2]), let to = optionalDay(row[3], place),
                  let membership = check(Membership.validated(team: team, rpps: rpps, from: from, to: to), place)
            else { XCTFail("\(place): unreadable"); continue }
            XCTAssertNotNil(registry.teams[team], "\(place): unknown team")
            XCTAssertNotNil(registry.professions[rpps], "\(place): unknown professional")
            XCTAssertFalse(overlaps(registry.memberships, membership), "\(place): overlapping membership")
            registry.memberships.append(membership)
        }
        return registry
    }

    func testEveryFieldOfTheDemoRegistryIsValid() throws {
        let registry = try loadRegistry()
        XCTAssertTrue((7...8).contains(registry.teams.count))
        XCTAssertEqual(registry.departments, Set(Department.allCases))
        XCTAssertTrue((32...40).contains(registry.professions.count))
        XCTAssertEqual(registry.memberships.count, 38)
    }

    func testDemoOdditiesAreThoseTheREADMEDescribes() throws {
        let registry = try loadRegistry()
        let associations = registry.teams.filter { $0.value.legalForm == .association }
        XCTAssertEqual(associations.map(\.key), [TeamID(unchecked: "T044-002")])
        XCTAssertTrue(associations.allSatisfy { $0.value.actions.contains(.etp) })
        XCTAssertTrue(registry.teams.filter { $0.value.legalForm != .association }.allSatisfy { !$0.value.actions.contains(.etp) })

        let endOf2025 = try day("2025-12-31")
        let notActive = registry.teams.filter { $0.value.lifecycle.status(at: endOf2025) != .active }
        XCTAssertEqual(notActive.map(\.key), [TeamID(unchecked: "T049-002")])
        XCTAssertEqual(notActive.first?.value.lifecycle.current, .reconnue)

        let teamsByMember = Dictionary(grouping: registry.memberships, by: \.rpps).mapValues { Set($0.map(\.team)) }
        XCTAssertEqual(teamsByMember.filter { $0.value.count > 1 }.count, 1, "one professional in two teams")
        XCTAssertEqual(registry.memberships.filter { $0.to.map { $0.year == 2025 } == true }.count, 1,
                       "one membership ends during 2025")
    }

    func testEveryTeamSatisfiesTheCompositionRuleOnJune30() throws {
        let registry = try loadRegistry()
        let june30 = try day("2025-06-30")
        for team in registry.teams.keys.sorted() {
            let memberships = registry.memberships.filter { $0.team == team }
            XCTAssertNil(compositionFailure(memberships: memberships, professions: registry.professions, at: june30),
                         "\(team)")
            let members = memberships.filter { $0.covers(june30) }.map(\.rpps)
            let professions = Set(members.compactMap { registry.professions[$0] })
            XCTAssertGreaterThanOrEqual(professions.count, 2, "\(team): at least two professions")
        }
    }

    func testOnlyLavalHasACompositionGapIn2025AsTheREADMESays() throws {
        let registry = try loadRegistry()
        var gapsByTeam: [TeamID: [ClosedRange<Day>]] = [:]
        for team in registry.teams.keys {
            let gaps = compositionGaps(memberships: registry.memberships.filter { $0.team == team },
                                       professions: registry.professions,
                                       from: try day("2025-01-01"), to: try day("2025-12-31"))
            if !gaps.isEmpty { gapsByTeam[team] = gaps }
        }
        // T049-002 has no members before it is registered on 14/04/2025; it is not active anyway.
        XCTAssertEqual(gapsByTeam[TeamID(unchecked: "T049-002")], [try day("2025-01-01")...(try day("2025-04-13"))])
        XCTAssertEqual(gapsByTeam[TeamID(unchecked: "T053-001")], [try day("2025-11-01")...(try day("2025-11-30"))])
        XCTAssertEqual(gapsByTeam.count, 2)
    }
}

final class ChartFileTests: XCTestCase {
    func testARenumberedChartLoadsAndEveryMistakeIsListed() throws {
        let good = "role;compte;libelle;tiers\nbank;512100;Banque;non\nars_receivable;441100;ARS;oui\nprofessional_payable;401100;Pros;oui\n"
            + "ars_refund_payable;441900;Reliquats;oui\nsubsidy_revenue;741000;FIR;non\nindemnity_expense;622600;Indemnités;non\n"
            + "dedicated_funds;194000;Fonds dédiés;non\ndedicated_funds_expense;689400;Reports;non\ndedicated_funds_reuse;789400;Utilisations;non\n"
        let chart = try ChartFile.parse(good, fileName: "plan.csv").get()
        XCTAssertEqual(chart.number(.bank), "512100")
        XCTAssertEqual(chart.account(number: "401100")?.isThirdParty, true)

        let bad = good.replacingOccurrences(of: "bank;512100", with: "banque;51A100")
        XCTAssertThrowsError(try ChartFile.parse(bad, fileName: "plan.csv").get()) { error in
            let codes = (error as? InputRejected)?.issues.map(\.issue.code) ?? []
            XCTAssertEqual(Set(codes), ["chart.role", "chart.number"])
            XCTAssertEqual((error as? InputRejected)?.issues.first?.location.line, 2)
        }
        let missingRole = String(good.split(separator: "\n").dropLast().joined(separator: "\n"))
        XCTAssertThrowsError(try ChartFile.parse(missingRole, fileName: "plan.csv").get()) {
            XCTAssertEqual(($0 as? InputRejected)?.issues.map(\.issue.code), ["chart.roles"])
        }
    }
}

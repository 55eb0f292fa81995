import ClapAssets
import ClapDomain
import ClapReports
import ClapStore
import Foundation
import GRDB
import LedgerCore
import XCTest
import ClapTestSupport

/// `clap generate`: the same seed writes the same bytes, and what it writes loads through the real importers.
final class GeneratorTests: XCTestCase {
    var folders: [URL] = []

    override func tearDown() {
        for folder in folders { try? FileManager.default.removeItem(at: folder) }
        super.tearDown()
    }

    func generate(_ options: GeneratorOptions) throws -> (URL, HistoryGenerator.Written) {
        let folder = ScratchFolder.url("clap-generate")
        folders.append(folder)
        let tariff = try String(contentsOf: ClapAssets.fixture("bareme-defaut.toml"), encoding: .utf8)
        return (folder, try HistoryGenerator.generate(options, tariffTOML: tariff, into: folder.path))
    }

    func contents(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    func testTheSameSeedWritesTheSameBytesAndAnotherSeedDoesNot() throws {
        let options = GeneratorOptions(teams: 7, years: 2, seed: 42)
        let (first, written) = try generate(options)
        let (second, _) = try generate(options)
        let (other, _) = try generate(GeneratorOptions(teams: 7, years: 2, seed: 43))
        let firstFiles = try contents(first)
        XCTAssertEqual(Set(firstFiles.keys), Set(["equipes.csv", "professionnels.csv", "membres.csv", "bareme.toml"]
            + (2025...2026).flatMap { year in (1...12).map { String(format: "actions-%d-%02d.csv", year, $0) } }))
        XCTAssertEqual(written.files.count, firstFiles.count)
        XCTAssertEqual(firstFiles, try contents(second))
        let otherFiles = try contents(other)
        XCTAssertNotEqual(firstFiles["professionnels.csv"], otherFiles["professionnels.csv"])
        XCTAssertNotEqual(firstFiles["actions-2025-03.csv"], otherFiles["actions-2025-03.csv"])
    }

    func testTheBaremeStartsWithTheHistory() throws {
        let (folder, _) = try generate(GeneratorOptions(teams: 2, years: 1, seed: 1, startYear: 2021))
        let toml = try String(contentsOf: folder.appendingPathComponent("bareme.toml"), encoding: .utf8)
        let schedule = try TariffSchedule.parse(toml: toml, fileName: "bareme.toml").get()
        XCTAssertEqual(schedule.effectiveFrom, Day(year: 2021, month: 1, day: 1))
    }

    /// Five teams over two years go through the same imports as `clap team import`, `professional import`,
    /// `member import`, `envelope grant --all` and `actions import`: every identifier is valid, and the actions
    /// are mostly paid, with a few rejections of the kinds the generator plants.
    func testAGeneratedHistoryLoadsThroughTheImportsWithFewRejections() throws {
        let (folder, written) = try generate(GeneratorOptions(teams: 5, years: 2, seed: 2025))
        func data(_ name: String) throws -> Data { try Data(contentsOf: folder.appendingPathComponent(name)) }
        let teams = try RegistryFiles.teams(try data("equipes.csv"), fileName: "equipes.csv").get()
        let professionals = try RegistryFiles.professionals(try data("professionnels.csv"), fileName: "professionnels.csv").get()
        let members = try RegistryFiles.members(try data("membres.csv"), fileName: "membres.csv").get()
        XCTAssertEqual(teams.count, 5)
        XCTAssertEqual(Set(professionals.map(\.value.rpps)).count, professionals.count, "RPPS numbers are distinct")
        XCTAssertGreaterThanOrEqual(professionals.count, 50)
        XCTAssertEqual(members.count, written.memberships)
        for professional in professionals {
            XCTAssertNoThrow(try RPPS.parse(professional.value.rpps.rawValue).get())
            XCTAssertNoThrow(try IBAN.parse(professional.value.iban.rawValue).get())
        }

        let store = try ImportedHistory(folder: folder)
        _ = try store.write("2024-12-15") { try RegistryStore.importTeams(teams, context: $1, in: $0) }
        _ = try store.write("2024-12-15") { try RegistryStore.importProfessionals(professionals, context: $1, in: $0) }
        _ = try store.write("2024-12-15") { try RegistryStore.importMembers(members, context: $1, in: $0) }
        var accepted = 0, rejected = 0
        var codes: Set<String> = []
        for year in 2025...2026 {
            let grants = try store.write("\(year)-01-15") {
                try EnvelopeStore.grantAll(year: year, date: Day(year: year, month: 1, day: 15)!, context: $1, in: $0)
            }
            XCTAssertGreaterThan(grants.granted.count, 0)
            for month in 1...12 {
                let name = String(format: "actions-%d-%02d.csv", year, month)
                let declarations = try ActionFile.declarations(try data(name), fileName: name).get()
                let today = YearMonth(year: year, month: month)!.next.firstDay.adding(days: 1)!.iso
                let summary = try store.write(today) { try ActionStore.importDeclarations(declarations, fileName: name, context: $1, in: $0) }
                accepted += summary.accepted
                rejected += summary.rejected
                codes.formUnion(summary.rejectionsByCode.keys)
            }
        }
        XCTAssertEqual(accepted + rejected, written.actions)
        XCTAssertGreaterThan(written.actions, 5 * 2 * 40, "about 53 actions a team a year")
        XCTAssertLessThan(written.actions, 5 * 2 * 70)
        XCTAssertGreaterThan(rejected, 0)
        XCTAssertLessThan(rejected * 100, written.actions * 8, "rejections are a few per cent: \(codes)")
        XCTAssertTrue(try store.database.read { try Verifier.verify(in: $0, extraChecks: StoreChecks.all) }.isClean)
    }
}

/// A fresh database with the association and the generated barème, written through `ClapDatabase.write`.
private struct ImportedHistory {
    let database: ClapDatabase

    init(folder: URL) throws {
        database = try ClapDatabase.create(at: folder.appendingPathComponent("clap.sqlite").path)
        let chart = try DemoYear.loadDefaultChart()
        let toml = try String(contentsOf: folder.appendingPathComponent("bareme.toml"), encoding: .utf8)
        _ = try write("2024-12-15") { db, context in
            try AssociationStore.initialize(DemoYear.association, chart: chart, context: context, in: db)
            return try TariffStore.importVersion(toml: toml, fileName: "bareme.toml", context: context, in: db)
        }
    }

    func write<T>(_ today: String, _ body: (GRDB.Database, CommandContext) throws -> T) throws -> T {
        let context = CommandContext(operatorName: "test", commandLine: "test", today: Day.parse(today)!, timestamp: today + "T12:00:00")
        return try database.write(context) { db in (try body(db, context), "test") }
    }
}

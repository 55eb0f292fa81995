import ClapAssets
import ClapDomain
import ClapReports
@testable import ClapStore
import Foundation
import GRDB
import LedgerCore
import XCTest
import ClapTestSupport

/// The facts an import reads once per file (`EligibilityBatch`, with the registry read up front or as it comes)
/// decide exactly what the facts read afresh for every declaration decide: a generated history, with a barème of small caps and envelopes and declarations that
/// repeat a reference, a case or a protocol, is imported both ways and the ledgers compared row by row. The per-file
/// imports hold their rows and write them after the decisions (`ActionRows`), the reference writes each at once: what a
/// file's earlier actions did is known from memory exactly as from the tables, whenever the rows are written.
final class EligibilityBatchTests: XCTestCase {
    func testReadingFactsOncePerFileDecidesExactlyAsReadingThemPerDeclaration() throws {
        let folder = ScratchFolder.url("clap-batch")
        defer { try? FileManager.default.removeItem(at: folder) }
        let defaults = try String(contentsOf: ClapAssets.fixture("bareme-defaut.toml"), encoding: .utf8)
        _ = try HistoryGenerator.generate(GeneratorOptions(teams: 6, years: 2, seed: 99), tariffTOML: defaults, into: folder.path)
        // Tight limits, so that the count cap, the amount cap and the envelope all refuse some actions.
        let tight = try String(contentsOf: folder.appendingPathComponent("bareme.toml"), encoding: .utf8)
            .replacingOccurrences(of: "envelope_cap_per_team_year = \"10000.00\"", with: "envelope_cap_per_team_year = \"2000.00\"")
            .replacingOccurrences(of: "yearly_amount_cap_per_professional = \"5000.00\"", with: "yearly_amount_cap_per_professional = \"300.00\"")
            .replacingOccurrences(of: "yearly_cap_per_professional = 24", with: "yearly_cap_per_professional = 4")
        XCTAssertNotEqual(tight, defaults)

        let batch = try Ledger(folder: folder, name: "batch", tariff: tight)
        let preloaded = try Ledger(folder: folder, name: "preloaded", tariff: tight)
        let oneByOne = try Ledger(folder: folder, name: "one-by-one", tariff: tight)
        // Rows held three at a time (a thousand otherwise): the rows are written in the middle of every file.
        let writtenOften = try Ledger(folder: folder, name: "written-often", tariff: tight)
        // Decided on a second connection while the writer writes (`SnapshotPipeline`), as the command does: by
        // chunks of three actions, and by the command's chunks.
        let pipelined = try Ledger(folder: folder, name: "pipelined", tariff: tight)
        let pipelinedOften = try Ledger(folder: folder, name: "pipelined-often", tariff: tight)
        var rejectionCodes: Set<String> = []
        var unchanged = 0
        var previousMonth: [ActionDeclaration] = []
        for year in 2025...2026 {
            for ledger in [batch, preloaded, oneByOne, writtenOften, pipelined, pipelinedOften] {
                _ = try ledger.write("\(year)-01-15") { try EnvelopeStore.grantAll(year: year, date: Day(year: year, month: 1, day: 15)!, context: $1, in: $0) }
            }
            for month in 1...12 {
                let name = String(format: "actions-%d-%02d.csv", year, month)
                let read = try ActionFile.declarations(try Data(contentsOf: folder.appendingPathComponent(name)), fileName: name).get()
                // And every thirteenth declaration of the month before, declared again with another duration: its
                // reference is already in the tables (paid, or rejected and so free to declare again).
                let declarations = Self.withRepeats(read) + previousMonth.enumerated().filter { $0.offset % 13 == 6 }.map { Self.changed($0.element) }
                previousMonth = read
                let today = YearMonth(year: year, month: month)!.next.firstDay.adding(days: 1)!.iso
                let fast = try batch.write(today) {
                    try ActionStore.importDeclarations(declarations, fileName: name, context: $1, in: $0, facts: .perFile(preloadingRegistry: false))
                }
                let fastest = try preloaded.write(today) {
                    try ActionStore.importDeclarations(declarations, fileName: name, context: $1, in: $0, facts: .perFile(preloadingRegistry: true))
                }
                let often = try writtenOften.write(today) {
                    try ActionStore.importDeclarations(declarations, fileName: name, context: $1, in: $0, facts: .perFile(preloadingRegistry: true),
                                                       holding: 3)
                }
                let decidedAside = try pipelined.writeWithSnapshot(today) {
                    try ActionStore.importDeclarations(declarations, fileName: name, context: $1, in: $0, snapshot: $2)
                }
                let decidedAsideOften = try pipelinedOften.writeWithSnapshot(today) {
                    try ActionStore.importDeclarations(declarations, fileName: name, context: $1, in: $0, snapshot: $2,
                                                       facts: .perFile(preloadingRegistry: true), holding: 3)
                }
                let reference = try oneByOne.write(today) {
                    try ActionStore.importDeclarations(declarations, fileName: name, context: $1, in: $0, facts: .perDeclaration)
                }
                for summary in [fast, fastest, often, decidedAside, decidedAsideOften] {
                    XCTAssertEqual(summary.accepted, reference.accepted, name)
                    XCTAssertEqual(summary.rejections, reference.rejections, name)
                    XCTAssertEqual(summary.unchanged, reference.unchanged, name)
                }
                rejectionCodes.formUnion(fast.rejectionsByCode.keys)
                unchanged += reference.unchanged
            }
        }
        XCTAssertGreaterThan(unchanged, 0, "the history repeats declarations word for word")
        for code in ["cap.count", "cap.amount", "envelope", "duplicate.reference", "duplicate.case", "duplicate.protocol",
                     "participant.not_member", "participant.no_convention"] {
            XCTAssertTrue(rejectionCodes.contains(code), "the history exercises \(code): \(rejectionCodes.sorted())")
        }
        for table in ["SELECT id, team_id, reference, status, total_cents, entry_seq, tariff_version_id FROM action ORDER BY id",
                      "SELECT * FROM action_participant ORDER BY action_id, rpps",
                      "SELECT * FROM action_rejection ORDER BY action_id, position",
                      "SELECT seq, journal, fiscal_year, number, hash FROM entry ORDER BY seq",
                      "SELECT * FROM participant_year_tally ORDER BY year, rpps, type"] {
            let expected = try oneByOne.rows(table)
            XCTAssertEqual(try batch.rows(table), expected, table)
            XCTAssertEqual(try preloaded.rows(table), expected, table)
            XCTAssertEqual(try writtenOften.rows(table), expected, table)
            XCTAssertEqual(try pipelined.rows(table), expected, table)
            XCTAssertEqual(try pipelinedOften.rows(table), expected, table)
        }
        for ledger in [batch, writtenOften, pipelinedOften] {
            XCTAssertTrue(try ledger.database.read { try Verifier.verify(in: $0, extraChecks: StoreChecks.all) }.isClean)
        }
    }

    /// The same declaration with fifteen more minutes: the same reference, another content.
    static func changed(_ original: ActionDeclaration) -> ActionDeclaration {
        ActionDeclaration(team: original.team, reference: original.reference, type: original.type, date: original.date,
                          durationMinutes: (original.durationMinutes ?? 60) + 15, caseRef: original.caseRef, protocolRef: original.protocolRef,
                          participants: original.participants, line: original.line + 20_000)
    }

    /// The declarations, plus, for every seventh one and every protocol, a second declaration of the same work: the same reference with
    /// another duration (duplicate reference), or another reference for the same case or protocol; and every eleventh one
    /// declared twice, word for word (known unchanged the second time).
    static func withRepeats(_ declarations: [ActionDeclaration]) -> [ActionDeclaration] {
        var result = declarations
        for (index, original) in declarations.enumerated() where index % 11 == 5 { result.append(original) }
        for (index, original) in declarations.enumerated() where index % 7 == 3 || original.type == .protocole {
            let sameReference = original.type == .rcp
            result.append(ActionDeclaration(team: original.team, reference: sameReference ? original.reference : original.reference + "-BIS",
                                            type: original.type, date: original.date,
                                            durationMinutes: sameReference ? (original.durationMinutes ?? 60) + 15 : original.durationMinutes,
                                            caseRef: original.caseRef, protocolRef: original.protocolRef, participants: original.participants,
                                            line: original.line + 10_000))
        }
        return result
    }
}

/// A database with the association and a barème, written through `ClapDatabase.write` at a pinned clock.
private struct Ledger {
    let database: ClapDatabase

    init(folder: URL, name: String, tariff: String) throws {
        database = try ClapDatabase.create(at: folder.appendingPathComponent("\(name).sqlite").path)
        let chart = try DemoYear.loadDefaultChart()
        func data(_ file: String) throws -> Data { try Data(contentsOf: folder.appendingPathComponent(file)) }
        let teams = try RegistryFiles.teams(try data("equipes.csv"), fileName: "equipes.csv").get()
        let professionals = try RegistryFiles.professionals(try data("professionnels.csv"), fileName: "professionnels.csv").get()
        let members = try RegistryFiles.members(try data("membres.csv"), fileName: "membres.csv").get()
        _ = try write("2024-12-15") { db, context in
            try AssociationStore.initialize(DemoYear.association, chart: chart, context: context, in: db)
            _ = try TariffStore.importVersion(toml: tariff, fileName: "bareme.toml", context: context, in: db)
            _ = try RegistryStore.importTeams(teams, context: context, in: db)
            _ = try RegistryStore.importProfessionals(professionals, context: context, in: db)
            return try RegistryStore.importMembers(members, context: context, in: db)
        }
    }

    func write<T>(_ today: String, _ body: (GRDB.Database, CommandContext) throws -> T) throws -> T {
        let context = CommandContext(operatorName: "test", commandLine: "test", today: Day.parse(today)!, timestamp: today + "T12:00:00")
        return try database.write(context) { db in (try body(db, context), "test") }
    }

    func writeWithSnapshot<T>(_ today: String, _ body: (GRDB.Database, CommandContext, SnapshotReads) throws -> T) throws -> T {
        let context = CommandContext(operatorName: "test", commandLine: "test", today: Day.parse(today)!, timestamp: today + "T12:00:00")
        return try database.writeWithSnapshot(context) { db, snapshot in (try body(db, context, snapshot), "test") }
    }

    func rows(_ sql: String) throws -> [[String]] {
        try database.read { db in
            try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map { $0.description } }
        }
    }
}

import ClapAssets
import ClapDomain
import ClapStore
import Foundation
import GRDB
import LedgerCore
import XCTest

/// Two active teams (T044-001 with a doctor and a nurse, T049-001 with the same two), the default barème, and
/// 2025 grants of 10 000 € and 4 000 €; actions go through `ActionStore` as `clap actions import` does.
struct ClosingWorld {
    let ledger: TestLedger
    let doctor = PayoutTestIDs.rpps(1), nurse = PayoutTestIDs.rpps(2)
    static let north = TeamID(unchecked: "T044-001"), west = TeamID(unchecked: "T049-001")

    init() throws {
        ledger = try TestLedger(today: "2025-01-20")
        let barème = try String(contentsOf: ClapAssets.fixture("bareme-defaut.toml"), encoding: .utf8)
        let teams = try RegistryFiles.teams(Data("""
            equipe;nom;departement;numero_ars;date_enregistrement_ars;date_convention;forme_juridique;actions
            T044-001;ESP CLAP Nord;44;ARS-1;01/01/2024;01/02/2024;aucune;RCP+PPS
            T049-001;ESP CLAP Ouest;49;ARS-2;01/01/2024;01/02/2024;aucune;RCP+PPS
            """.utf8), fileName: "equipes.csv").get()
        let professionals = try RegistryFiles.professionals(Data("""
            rpps;nom;prenom;profession;iban;bic;email;date_convention
            \(doctor);Martin;Anne;medecin_generaliste;\(PayoutTestIDs.iban(1));;;01/01/2024
            \(nurse);Durand;Luc;infirmier;\(PayoutTestIDs.iban(2));;;01/01/2024
            """.utf8), fileName: "pros.csv").get()
        let members = try RegistryFiles.members(Data("""
            equipe;rpps;date_debut;date_fin
            T044-001;\(doctor);01/01/2024;
            T044-001;\(nurse);01/01/2024;
            T049-001;\(doctor);01/01/2024;
            T049-001;\(nurse);01/01/2024;
            """.utf8), fileName: "membres.csv").get()
        try write("2025-01-20") { db, context in
            _ = try TariffStore.importVersion(toml: barème, fileName: "bareme-defaut.toml", context: context, in: db)
            _ = try RegistryStore.importTeams(teams, context: context, in: db)
            _ = try RegistryStore.importProfessionals(professionals, context: context, in: db)
            _ = try RegistryStore.importMembers(members, context: context, in: db)
            _ = try EnvelopeStore.grant(team: Self.north, year: 2025, amount: Cents(1_000_000), date: day("2025-01-15"), decisionRef: nil,
                                        context: context, in: db)
            _ = try EnvelopeStore.grant(team: Self.west, year: 2025, amount: Cents(400_000), date: day("2025-01-15"), decisionRef: nil,
                                        context: context, in: db)
            _ = try EnvelopeStore.receive(team: Self.north, year: 2025, amount: Cents(1_000_000), date: day("2025-02-10"), context: context, in: db)
        }
    }

    var database: ClapDatabase { ledger.database }

    static func context(_ today: String) -> CommandContext {
        CommandContext(operatorName: "test", commandLine: "clap test", today: day(today), timestamp: today + "T10:00:00")
    }

    /// One command: a transaction on `today`.
    @discardableResult
    func write<T>(_ today: String, _ body: (Database, CommandContext) throws -> T) throws -> T {
        let context = Self.context(today)
        return try database.write(context) { db in (try body(db, context), "test") }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T { try database.read(body) }

    /// An RCP of the doctor and the nurse (80 €/h + 55 €/h with the default barème), imported on `today`.
    @discardableResult
    func rcp(_ reference: String, team: TeamID = north, on date: String, minutes: Int = 60, today: String) throws -> ActionImportSummary {
        let text = "equipe;action;type;date;duree_minutes;ref_cas;ref_protocole;rpps;role\n"
            + "\(team.rawValue);\(reference);RCP;\(date);\(minutes);;;\(doctor);participant\n"
            + "\(team.rawValue);\(reference);RCP;\(date);\(minutes);;;\(nurse);participant\n"
        let declarations = try ActionFile.declarations(Data(text.utf8), fileName: "actions.csv").get()
        return try write(today) { db, context in
            try ActionStore.importDeclarations(declarations, fileName: "actions.csv", context: context, in: db)
        }
    }

    func closeYear(_ year: Int, today: String) throws -> YearCloseOutcome {
        try write(today) { db, context in try ClosingStore.closeYear(year, context: context, in: db) }
    }

    func entryCount() throws -> Int { try read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM entry") ?? 0 } }

    func entry(key: String) throws -> PostedEntry? { try read { try LedgerReader.entry(idempotencyKey: key, in: $0) } }

    func status(_ team: TeamID, _ year: Int) throws -> EnvelopeStatus {
        try read { try EnvelopeStore.status(EnvelopeKey(team: team, year: year), in: $0) }
    }

    /// Asserts that `body` is refused with the store's stable code.
    func assertRefused<T>(_ code: String, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertEqual((error as? StoreError)?.code, code, "\(error)", file: file, line: line)
        }
    }
}

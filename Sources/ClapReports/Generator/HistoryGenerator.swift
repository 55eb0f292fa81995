import ClapDomain
import Foundation
import LedgerCore

/// What `clap generate` is asked for.
public struct GeneratorOptions: Hashable, Sendable {
    public var teams: Int
    public var years: Int
    public var seed: UInt64
    public var startYear: Int

    /// Team ids are `T` + department + a three-digit rank: at most 999 teams per department.
    public static let teamsRange = 1...(999 * Department.allCases.count)
    public static let yearsRange = 1...30
    public static let startYearRange = 2000...2090

    public init(teams: Int, years: Int, seed: UInt64, startYear: Int = 2025) {
        self.teams = teams
        self.years = years
        self.seed = seed
        self.startYear = startYear
    }
}

/// Writes a whole generated history as the CSV files the import commands read (equipes.csv, professionnels.csv,
/// membres.csv, one actions-AAAA-MM.csv per month) and the barème it is valued with. Deterministic: the same
/// options write the same bytes. Streaming: one month of actions is in memory at a time.
public enum HistoryGenerator {
    /// What was written.
    public struct Written: Sendable {
        public var files: [String] = []
        public var teams = 0
        public var professionals = 0
        public var memberships = 0
        public var actions = 0
        public var participantLines = 0
    }

    public static let tariffFileName = "bareme.toml"

    /// Writes the files into `folder` (created when missing). `tariffTOML` is the barème to copy; its
    /// `effective_from` moves to the first day of the history when it starts later.
    public static func generate(_ options: GeneratorOptions, tariffTOML: String, into folder: String) throws -> Written {
        precondition(GeneratorOptions.teamsRange.contains(options.teams) && GeneratorOptions.yearsRange.contains(options.years),
                     "options checked by the command")
        var random = SplitMix64(seed: options.seed)
        var registryRandom = random.fork()
        let registry = GeneratedRegistry.make(options, random: &registryRandom)
        var written = Written(teams: registry.teams.count, professionals: registry.professionals.count,
                              memberships: registry.memberships.count)
        let csv = CSVWriter()
        func write(_ name: String, header: [String], rows: some Sequence<[String]>) throws {
            let sink = try FileSink(path: (folder as NSString).appendingPathComponent(name))
            do {
                csv.stream(header: header, rows: rows, to: sink.write)
                _ = try sink.finish()
            } catch {
                sink.discard()
                throw error
            }
            written.files.append(name)
        }

        try write("equipes.csv", header: ["equipe", "nom", "departement", "numero_ars", "date_enregistrement_ars", "date_convention",
                                          "forme_juridique", "actions"],
                  rows: registry.teams.lazy.map { team in
                      [team.id, team.name, team.department.rawValue, team.arsNumber, team.registeredOn.french,
                       team.conventionOn?.french ?? "", team.legalForm.rawValue, team.types.map(\.rawValue).joined(separator: "+")]
                  })
        try write("professionnels.csv", header: ["rpps", "nom", "prenom", "profession", "iban", "bic", "email", "date_convention"],
                  rows: registry.professionals.lazy.map { person in
                      [person.rpps.rawValue, person.lastName, person.firstName, person.profession.rawValue, person.iban.grouped,
                       person.bic ?? "", person.email ?? "", person.conventionOn?.french ?? ""]
                  })
        try write("membres.csv", header: ["equipe", "rpps", "date_debut", "date_fin"],
                  rows: registry.memberships.lazy.map { membership in
                      [registry.teams[membership.team].id, registry.professionals[membership.professional].rpps.rawValue,
                       membership.from.french, membership.to?.french ?? ""]
                  })

        var planner = ActionPlanner(registry: registry)
        var month = YearMonth(year: options.startYear, month: 1)!
        for _ in 0..<(options.years * 12) {
            var monthRandom = random.fork()
            let rows = planner.rows(for: month, random: &monthRandom)
            written.participantLines += rows.count
            written.actions += Set(rows.lazy.map { "\($0.team)/\($0.reference)" }).count
            try write("actions-\(month.iso).csv", header: ["equipe", "action", "type", "date", "duree_minutes", "ref_cas",
                                                          "ref_protocole", "rpps", "role"],
                      rows: rows.lazy.map { row in
                          [row.team, row.reference, row.type.rawValue, row.date.french, row.durationMinutes.map(String.init) ?? "",
                           row.caseRef ?? "", row.protocolRef ?? "", row.rpps.rawValue, row.role.rawValue]
                      })
            month = month.next
        }
        let sink = try FileSink(path: (folder as NSString).appendingPathComponent(tariffFileName))
        sink.write(tariff(tariffTOML, from: Day(year: options.startYear, month: 1, day: 1)!))
        _ = try sink.finish()
        written.files.append(tariffFileName)
        return written
    }

    /// The barème with its `effective_from` moved back to `start` when it is later (so the first months are valued).
    static func tariff(_ toml: String, from start: Day) -> String {
        toml.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.hasPrefix("effective_from"), let value = line.split(separator: "=").last,
                  let day = Day.parse(value.trimmingCharacters(in: .whitespaces)), start < day else { return String(line) }
            return "effective_from = \(start.iso)"
        }.joined(separator: "\n")
    }
}

import ClapDomain
import GRDB
import LedgerCore

/// Writes the registry: teams (with their status history), professionals (with their IBAN history), memberships.
/// Importing the same data twice changes nothing the second time.
public enum RegistryStore {
    // MARK: Teams

    public static func importTeams(_ teams: [Located<Team>], context: CommandContext, in db: Database) throws -> ImportSummary {
        var summary = ImportSummary()
        var issues: [LocatedIssue] = []
        for located in teams {
            let team = located.value
            let existing = try self.team(team.id, in: db)
            switch TeamLifecycle.imported(arsRegistration: team.arsRegisteredOn, convention: team.conventionOn, importedOn: context.today) {
            case .failure(let refusal):
                issues.append(LocatedIssue(refusal.issue, at: located.location))
                continue
            case .success(let lifecycle):
                if existing == team {
                    summary.unchanged += 1
                    continue
                }
                if existing == nil {
                    try db.execute(sql: """
                        INSERT INTO team (id, name, department, ars_number, ars_registered_on, convention_on, legal_form, action_types, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: StatementArguments(teamValues(team) + [context.timestamp]))
                    summary.created += 1
                } else {
                    try db.execute(sql: """
                        UPDATE team SET name = ?, department = ?, ars_number = ?, ars_registered_on = ?, convention_on = ?,
                                        legal_form = ?, action_types = ? WHERE id = ?
                        """, arguments: StatementArguments(Array(teamValues(team).dropFirst()) + [team.id.rawValue]))
                    summary.updated += 1
                }
                try recordStatuses(lifecycle.history, team: team.id, context: context, in: db)
            }
        }
        guard issues.isEmpty else { throw InputRejected(issues) }
        return summary
    }

    /// Changes a team's status from a date (suspension, closure, reactivation), keeping the history.
    public static func changeStatus(team id: TeamID, to status: TeamStatus, on day: Day, context: CommandContext, in db: Database) throws {
        let lifecycle = try self.lifecycle(of: id, in: db)
        switch lifecycle.changing(to: status, on: day) {
        case .failure(let refusal): throw refusal.issue
        case .success(let changed): try recordStatuses(changed.history, team: id, context: context, in: db)
        }
    }

    static func recordStatuses(_ history: [StatusChange], team: TeamID, context: CommandContext, in db: Database) throws {
        for change in history {
            try db.execute(sql: "INSERT OR IGNORE INTO team_status (team_id, since, status, recorded_at) VALUES (?, ?, ?, ?)",
                           arguments: [team.rawValue, change.since.iso, change.status.rawValue, context.timestamp])
        }
    }

    static func teamValues(_ team: Team) -> [(any DatabaseValueConvertible)?] {
        [team.id.rawValue, team.name, team.department.rawValue, team.arsNumber, team.arsRegisteredOn?.iso,
         team.conventionOn?.iso, team.legalForm.rawValue, team.actionTypes.map(\.rawValue).joined(separator: "+")]
    }

    public static func team(_ id: TeamID, in db: Database) throws -> Team? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(teamColumns) FROM team WHERE id = ?"), arguments: [id.rawValue]).map(team(from:))
    }

    public static func teams(in db: Database) throws -> [Team] {
        try Row.fetchAll(db, sql: "SELECT \(teamColumns) FROM team ORDER BY id").map(team(from:))
    }

    /// The columns `team(from:)` reads, by position (an import reads the 1,500 teams at once).
    static let teamColumns = "id, name, department, ars_number, ars_registered_on, convention_on, legal_form, action_types"

    static func team(from row: Row) -> Team {
        Team(id: TeamID(unchecked: row[0]), name: row[1],
             department: Department(rawValue: row[2]) ?? .loireAtlantique,
             arsNumber: row[3], arsRegisteredOn: (row[4] as String?).flatMap(Day.parse),
             conventionOn: (row[5] as String?).flatMap(Day.parse),
             legalForm: LegalForm(rawValue: row[6]) ?? .aucune,
             actionTypes: (row[7] as String).split(separator: "+").map { ActionTypeCode(String($0)) })
    }

    /// A team's status history, oldest first.
    public static func lifecycle(of id: TeamID, in db: Database) throws -> TeamLifecycle {
        let history = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT since, status FROM team_status WHERE team_id = ? ORDER BY since, CASE status
              WHEN 'projet' THEN 0 WHEN 'reconnue' THEN 1 WHEN 'active' THEN 2 WHEN 'suspendue' THEN 3 ELSE 4 END
            """), arguments: [id.rawValue]).compactMap { row -> StatusChange? in
            guard let since = Day.parse(row["since"]), let status = TeamStatus(rawValue: row["status"]) else { return nil }
            return StatusChange(status: status, since: since)
        }
        return TeamLifecycle(history: history)
    }

    // MARK: Professionals

    public static func importProfessionals(_ professionals: [Located<Professional>], context: CommandContext,
                                           in db: Database) throws -> ImportSummary {
        var summary = ImportSummary()
        for located in professionals {
            let professional = located.value
            let existing = try self.professional(professional.rpps, in: db)
            if existing == professional {
                summary.unchanged += 1
                continue
            }
            if existing == nil {
                try db.execute(sql: """
                    INSERT INTO professional (rpps, last_name, first_name, profession, email, convention_on, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [professional.rpps.rawValue, professional.lastName, professional.firstName,
                                     professional.profession.rawValue, professional.email?.rawValue,
                                     professional.conventionOn?.iso, context.timestamp])
                summary.created += 1
            } else {
                try db.execute(sql: """
                    UPDATE professional SET last_name = ?, first_name = ?, profession = ?, email = ?, convention_on = ? WHERE rpps = ?
                    """, arguments: [professional.lastName, professional.firstName, professional.profession.rawValue,
                                     professional.email?.rawValue, professional.conventionOn?.iso, professional.rpps.rawValue])
                summary.updated += 1
            }
            if existing?.iban != professional.iban || existing?.bic != professional.bic {
                try db.execute(sql: "INSERT INTO professional_iban (rpps, iban, bic, recorded_at) VALUES (?, ?, ?, ?)",
                               arguments: [professional.rpps.rawValue, professional.iban.rawValue, professional.bic?.rawValue,
                                           context.timestamp])
            }
        }
        return summary
    }

    public static func professional(_ rpps: RPPS, in db: Database) throws -> Professional? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT p.*, i.iban, i.bic FROM professional p
            JOIN professional_iban i ON i.id = (SELECT MAX(id) FROM professional_iban WHERE rpps = p.rpps)
            WHERE p.rpps = ?
            """), arguments: [rpps.rawValue]).map(professional(from:))
    }

    public static func professionals(in db: Database) throws -> [Professional] {
        try Row.fetchAll(db, sql: """
            SELECT p.*, i.iban, i.bic FROM professional p
            JOIN professional_iban i ON i.id = (SELECT MAX(id) FROM professional_iban WHERE rpps = p.rpps)
            ORDER BY p.last_name, p.first_name
            """).map(professional(from:))
    }

    static func professional(from row: Row) -> Professional {
        Professional(rpps: RPPS(unchecked: row["rpps"]), lastName: row["last_name"], firstName: row["first_name"],
                     profession: Profession(rawValue: row["profession"]) ?? .infirmier, iban: IBAN(unchecked: row["iban"]),
                     bic: (row["bic"] as String?).map(BIC.init(unchecked:)),
                     email: (row["email"] as String?).map(EmailAddress.init(unchecked:)),
                     conventionOn: (row["convention_on"] as String?).flatMap(Day.parse))
    }

    /// Every IBAN a professional had, oldest first, with when it was recorded.
    public static func ibanHistory(_ rpps: RPPS, in db: Database) throws -> [(iban: IBAN, recordedAt: String)] {
        try Row.fetchAll(db, sql: "SELECT iban, recorded_at FROM professional_iban WHERE rpps = ? ORDER BY id",
                         arguments: [rpps.rawValue]).map { (IBAN(unchecked: $0["iban"]), $0["recorded_at"]) }
    }

    // MARK: Memberships

    public static func importMembers(_ memberships: [Located<Membership>], context: CommandContext, in db: Database) throws -> ImportSummary {
        var summary = ImportSummary()
        var issues: [LocatedIssue] = []
        for located in memberships {
            let membership = located.value
            guard try team(membership.team, in: db) != nil else {
                issues.append(LocatedIssue(InputIssue(code: "team.unknown", message: "L'équipe \(membership.team) n'est pas enregistrée : importez d'abord les équipes."),
                                           at: SourceLocation(file: located.location.file, line: located.location.line, column: "equipe"),
                                           value: membership.team.rawValue))
                continue
            }
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM professional WHERE rpps = ?", arguments: [membership.rpps.rawValue]) ?? false else {
                issues.append(LocatedIssue(InputIssue(code: "professional.unknown", message: "Le professionnel \(membership.rpps) n'est pas enregistré : importez-le d'abord."),
                                           at: SourceLocation(file: located.location.file, line: located.location.line, column: "rpps"),
                                           value: membership.rpps.rawValue))
                continue
            }
            let existing = try self.memberships(team: membership.team, in: db).filter { $0.rpps == membership.rpps }
            if existing.contains(membership) {
                summary.unchanged += 1
                continue
            }
            if let clash = existing.first(where: { $0.overlaps(membership) }) {
                issues.append(LocatedIssue(Membership.overlapIssue(clash),
                                           at: SourceLocation(file: located.location.file, line: located.location.line, column: "date_debut"),
                                           value: membership.from.french))
                continue
            }
            try db.execute(sql: "INSERT INTO membership (team_id, rpps, from_day, to_day) VALUES (?, ?, ?, ?)",
                           arguments: [membership.team.rawValue, membership.rpps.rawValue, membership.from.iso, membership.to?.iso])
            summary.created += 1
        }
        guard issues.isEmpty else { throw InputRejected(issues) }
        return summary
    }

    public static func memberships(team: TeamID, in db: Database) throws -> [Membership] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT \(membershipColumns) FROM membership WHERE team_id = ? ORDER BY from_day, rpps"),
                         arguments: [team.rawValue]).map(membership(from:))
    }

    public static func memberships(rpps: RPPS, in db: Database) throws -> [Membership] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT \(membershipColumns) FROM membership WHERE rpps = ? ORDER BY from_day, team_id"),
                         arguments: [rpps.rawValue]).map(membership(from:))
    }

    /// The columns `membership(from:)` reads, by position (an import reads the 20,000 memberships at once).
    static let membershipColumns = "team_id, rpps, from_day, to_day"

    static func membership(from row: Row) -> Membership {
        Membership(team: TeamID(unchecked: row[0]), rpps: RPPS(unchecked: row[1]),
                   from: Day.parse(row[2]) ?? Day(year: 1900, month: 1, day: 1)!,
                   to: (row[3] as String?).flatMap(Day.parse))
    }

    /// The professions of the given professionals, in one query.
    public static func professions(of rpps: [RPPS], in db: Database) throws -> [RPPS: Profession] {
        guard !rpps.isEmpty else { return [:] }
        let placeholders = Array(repeating: "?", count: rpps.count).joined(separator: ", ")
        let rows = try Row.fetchAll(db, sql: "SELECT rpps, profession FROM professional WHERE rpps IN (\(placeholders))",
                                    arguments: StatementArguments(rpps.map(\.rawValue)))
        var result: [RPPS: Profession] = [:]
        for row in rows {
            if let profession = Profession(rawValue: row["profession"]) { result[RPPS(unchecked: row["rpps"])] = profession }
        }
        return result
    }
}

extension RegistryStore {
    /// A professional leaves the association: kept with all their history, never deleted; no longer paid
    /// for new actions nor included in payouts until reactivated.
    public static func setActive(_ rpps: RPPS, active: Bool, in db: Database) throws {
        guard try professional(rpps, in: db) != nil else { throw StoreError.notFound(what: "Le professionnel \(rpps)") }
        try db.execute(sql: "UPDATE professional SET active = ? WHERE rpps = ?", arguments: [active, rpps.rawValue])
    }
}

import ClapDomain
import GRDB
import LedgerCore

/// Reads, inside the posting transaction, every fact the eligibility rules need about one declaration.
enum EligibilityFacts {
    static func context(for action: ActionDeclaration, excludingAction excluded: Int64?, book: TariffBook,
                        context command: CommandContext, in db: Database) throws -> EligibilityContext {
        let team = try RegistryStore.team(action.team, in: db)
        let lifecycle = try RegistryStore.lifecycle(of: action.team, in: db)
        let status = lifecycle.history.first.map { $0.since <= action.date } == true ? lifecycle.status(at: action.date) : nil
        let teamFacts = TeamFacts(id: action.team, statusAtDate: status, legalForm: team?.legalForm ?? .aucune,
                                  projectTypes: Set(team?.actionTypes ?? []))

        let members = try RegistryStore.memberships(team: action.team, in: db).filter { $0.covers(action.date) }
        let memberFacts = try members.compactMap { try facts($0.rpps, in: db) }
        let participantFacts = try action.participants.compactMap { try facts($0.rpps, in: db) }

        let year = action.date.year
        let from = "\(year)-01-01", to = "\(year)-12-31"
        let excludedID = excluded ?? -1
        let references = Set(try String.fetchAll(db.cachedStatement(sql: """
            SELECT reference FROM action WHERE team_id = ? AND status <> 'rejetee' AND id <> ?
            """), arguments: [action.team.rawValue, excludedID]))
        let caseRefs = Set(try String.fetchAll(db.cachedStatement(sql: """
            SELECT case_ref FROM action WHERE team_id = ? AND type = ? AND status = 'validee' AND case_ref IS NOT NULL
              AND action_date BETWEEN ? AND ? AND id <> ?
            """), arguments: [action.team.rawValue, action.type.rawValue, from, to, excludedID]))

        var protocolRefs: [RPPS: Set<String>] = [:]
        var counts: [RPPS: Int] = [:]
        var amounts: [RPPS: Cents] = [:]
        for participant in action.participants {
            let rpps = participant.rpps.rawValue
            protocolRefs[participant.rpps] = Set(try String.fetchAll(db.cachedStatement(sql: """
                SELECT a.protocol_ref FROM action_participant p JOIN action a ON a.id = p.action_id
                WHERE p.rpps = ? AND a.team_id = ? AND a.type = ? AND a.status = 'validee' AND a.protocol_ref IS NOT NULL AND a.id <> ?
                """), arguments: [rpps, action.team.rawValue, action.type.rawValue, excludedID]))
            counts[participant.rpps] = try Int.fetchOne(db.cachedStatement(sql: """
                SELECT COUNT(*) FROM action_participant p JOIN action a ON a.id = p.action_id
                WHERE p.rpps = ? AND a.type = ? AND a.status = 'validee' AND a.action_date BETWEEN ? AND ? AND a.id <> ?
                """), arguments: [rpps, action.type.rawValue, from, to, excludedID]) ?? 0
            amounts[participant.rpps] = Cents(try Int64.fetchOne(db.cachedStatement(sql: """
                SELECT COALESCE(SUM(p.amount_cents), 0) FROM action_participant p JOIN action a ON a.id = p.action_id
                WHERE p.rpps = ? AND a.status = 'validee' AND a.action_date BETWEEN ? AND ? AND a.id <> ?
                """), arguments: [rpps, from, to, excludedID]) ?? 0)
        }
        let paid = PaidFacts(actionReferences: references, caseRefsThisYear: caseRefs, protocolRefsByProfessional: protocolRefs,
                             countThisYearByProfessional: counts, amountThisYearByProfessional: amounts)
        let room = try EnvelopeStore.status(EnvelopeKey(team: action.team, year: year), in: db).room
        return EligibilityContext(team: teamFacts, members: memberFacts, participants: participantFacts,
                                  schedule: book.version(at: action.date), paid: paid, envelopeRoom: room,
                                  today: command.today, closedThrough: try closedYearThrough(in: db))
    }

    static func facts(_ rpps: RPPS, in db: Database) throws -> ProfessionalFacts? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT profession, convention_on, first_name, last_name FROM professional WHERE rpps = ? AND active = 1
            """), arguments: [rpps.rawValue]),
              let profession = Profession(rawValue: row["profession"]) else { return nil }
        return ProfessionalFacts(rpps: rpps, profession: profession,
                                 conventionSignedOn: (row["convention_on"] as String?).flatMap(Day.parse),
                                 displayName: "\(row["first_name"] as String) \((row["last_name"] as String).uppercased())")
    }

    /// The last day of the last closed fiscal year: actions dated up to it are refused (rule 9). A closed
    /// month only moves the entry date to the first open day.
    static func closedYearThrough(in db: Database) throws -> Day? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT MAX(closed_through) FROM period_lock WHERE kind = 'year'")).flatMap(Day.parse)
    }
}

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
        // The rules ask whether this action's own reference and case are already paid: read those, by one seek each
        // (action_paid_reference and action_by_case are keyed by reference, then team, since Schema/0017).
        let references = Set(try String.fetchAll(db.cachedStatement(sql: """
            SELECT reference FROM action WHERE team_id = ? AND reference = ? AND status <> 'rejetee' AND id <> ?
            """), arguments: [action.team.rawValue, action.reference, excludedID]))
        let caseRefs = try action.caseRef.map { caseRef in
            Set(try String.fetchAll(db.cachedStatement(sql: """
                SELECT case_ref FROM action WHERE team_id = ? AND case_ref = ? AND type = ? AND status = 'validee'
                  AND action_date BETWEEN ? AND ? AND id <> ?
                """), arguments: [action.team.rawValue, caseRef, action.type.rawValue, from, to, excludedID]))
        } ?? []

        // Protocols from the team's actions under a protocol (index action_by_protocol), the counts and amounts from
        // one pass over the year's paid actions: participants are found by action, not by RPPS (Schema/0012).
        var protocolRefs: [RPPS: Set<String>] = [:]
        var counts: [RPPS: Int] = [:]
        var amounts: [RPPS: Cents] = [:]
        let participants = Set(action.participants.map(\.rpps))
        for participant in participants { protocolRefs[participant] = []; counts[participant] = 0; amounts[participant] = .zero }
        let protocolRows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT p.rpps, a.protocol_ref FROM action a CROSS JOIN action_participant p ON p.action_id = a.id
            WHERE a.team_id = ? AND a.protocol_ref IS NOT NULL AND a.type = ? AND a.status = 'validee' AND a.id <> ?
            """), arguments: [action.team.rawValue, action.type.rawValue, excludedID])
        while let row = try protocolRows.next() {
            let rpps = RPPS(unchecked: row[0])
            if participants.contains(rpps) { protocolRefs[rpps, default: []].insert(row[1]) }
        }
        let yearRows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT p.rpps, a.type, p.amount_cents FROM action a CROSS JOIN action_participant p ON p.action_id = a.id
            WHERE a.status = 'validee' AND a.action_date BETWEEN ? AND ? AND a.id <> ?
            """), arguments: [from, to, excludedID])
        while let row = try yearRows.next() {
            let rpps = RPPS(unchecked: row[0])
            guard participants.contains(rpps) else { continue }
            if (row[1] as String) == action.type.rawValue { counts[rpps, default: 0] += 1 }
            amounts[rpps, default: .zero] += Cents((row[2] as Int64?) ?? 0)
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

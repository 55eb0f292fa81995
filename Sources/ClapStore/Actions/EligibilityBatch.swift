import ClapDomain
import GRDB
import LedgerCore

/// The eligibility facts of one import, read once inside its transaction and kept current in memory as each
/// paid action is written: the registry (teams, status histories, memberships, professionals) once per team and
/// professional, each professional's counts and amounts of the year in one query per year, each envelope's room
/// once per team and year. A declaration is then decided with at most a few point lookups (its case, its protocol;
/// whether its reference is paid comes with the import's own lookup, `ActionStore.referenceSQL`) instead of a dozen
/// queries per participant.
///
/// It gives the rules exactly what `EligibilityFacts.context` reads one declaration at a time (a test imports
/// the same generated history both ways and compares every decision), with two shortcuts the rules allow: the
/// reference, case and protocol sets hold only the one value the rules look up.
struct EligibilityBatch {
    /// From this many declarations, the whole registry is read up front (`preloadRegistry`).
    static let preloadThreshold = 200

    let book: TariffBook
    let chart: Chart
    /// The accounts a room is moved by (`EnvelopeStore.status`): granted on the first two, consumed on the third.
    private let subsidyRevenue: String
    private let dedicatedFundsReuse: String
    private let indemnityExpense: String
    let today: Day
    /// Rule 9: the last day of the last closed fiscal year.
    let closedYearThrough: Day?
    /// The last closed day of any kind (month or year): entries move to the day after.
    let closedThrough: Day?

    private var teams: [TeamID: TeamRecord] = [:]
    private var professionals: [RPPS: ProfessionalRecord] = [:]
    private var years: [Int: YearTally] = [:]
    private var rooms: [EnvelopeKey: Cents] = [:]
    /// Every team and professional is in the maps: one missing is unknown.
    private var registryPreloaded = false
    /// What this import paid, which its held rows (`ActionRows`) do not show the tables yet: references per team,
    /// cases per team, type and year, protocols per team, type and professional.
    private var paidReferences: Set<TeamReference> = []
    private var paidCases: Set<CaseOfYear> = []
    private var paidProtocols: Set<ProtocolOfProfessional> = []

    private struct TeamReference: Hashable {
        let team: TeamID
        let reference: String
    }

    private struct CaseOfYear: Hashable {
        let team: TeamID
        let caseRef: String
        let type: ActionTypeCode
        let year: Int
    }

    private struct ProtocolOfProfessional: Hashable {
        let team: TeamID
        let protocolRef: String
        let type: ActionTypeCode
        let rpps: RPPS
    }

    private struct TeamRecord {
        let team: Team?
        let lifecycle: TeamLifecycle
        /// Each membership with its professional's facts (nil when unknown or deactivated), looked up once.
        let members: [(membership: Membership, facts: ProfessionalFacts?)]
    }

    private struct ProfessionalRecord {
        /// Nil when the professional is unknown (or their profession unreadable).
        let profession: Profession?
        /// Nil when unknown or deactivated: the rules see them as unknown.
        let facts: ProfessionalFacts?
    }

    /// What was paid in one year, per professional: actions per type, and the amount of all types.
    private struct YearTally {
        var counts: [RPPS: [ActionTypeCode: Int]] = [:]
        var amounts: [RPPS: Cents] = [:]
    }

    init(book: TariffBook, context: CommandContext, in db: Database) throws {
        self.book = book
        chart = try AssociationStore.chart(in: db)
        subsidyRevenue = chart.number(.subsidyRevenue)
        dedicatedFundsReuse = chart.number(.dedicatedFundsReuse)
        indemnityExpense = chart.number(.indemnityExpense)
        today = context.today
        closedYearThrough = try EligibilityFacts.closedYearThrough(in: db)
        closedThrough = try LedgerReader.closedThrough(in: db)
    }

    /// The first day an entry may be dated on, on or after `day`.
    func firstOpenDay(onOrAfter day: Day) -> Day {
        guard let closed = closedThrough, day <= closed else { return day }
        return closed.adding(days: 1) ?? day
    }

    /// Whether the team is registered.
    mutating func teamExists(_ id: TeamID, in db: Database) throws -> Bool { try team(id, in: db).team != nil }

    /// Whether the team was already paid an action of this type for this case in the year: one seek of action_by_case.
    static let caseThisYearSQL = """
        SELECT 1 FROM action WHERE team_id = ? AND case_ref = ? AND type = ? AND status = 'validee' AND action_date BETWEEN ? AND ?
        """

    /// The facts the rules need about one declaration, as they stand now in this transaction. `referencePaidInTables`:
    /// whether the tables hold a paid (or cancelled) action of the team with this reference (`ActionStore.referenceSQL`).
    mutating func context(for action: ActionDeclaration, referencePaidInTables: Bool, in db: Database) throws -> EligibilityContext {
        let record = try team(action.team, in: db)
        let lifecycle = record.lifecycle
        let status = lifecycle.history.first.map { $0.since <= action.date } == true ? lifecycle.status(at: action.date) : nil
        let teamFacts = TeamFacts(id: action.team, statusAtDate: status, legalForm: record.team?.legalForm ?? .aucune,
                                  projectTypes: Set(record.team?.actionTypes ?? []))
        let memberFacts = record.members.filter { $0.membership.covers(action.date) }.compactMap(\.facts)
        let participantFacts = try action.participants.compactMap { try professional($0.rpps, in: db).facts }

        let year = action.date.year
        let from = "\(year)-01-01", to = "\(year)-12-31"
        let team = action.team.rawValue
        var paid = PaidFacts()
        if referencePaidInTables || paidReferences.contains(TeamReference(team: action.team, reference: action.reference)) {
            paid.actionReferences = [action.reference]
        }
        if let caseRef = action.caseRef,
           try paidCases.contains(CaseOfYear(team: action.team, caseRef: caseRef, type: action.type, year: year))
            || Bool.fetchOne(db.cachedStatement(sql: Self.caseThisYearSQL), arguments: [team, caseRef, action.type.rawValue, from, to]) ?? false {
            paid.caseRefsThisYear = [caseRef]
        }
        if let protocolRef = action.protocolRef {
            for participant in action.participants
            where try paidProtocols.contains(ProtocolOfProfessional(team: action.team, protocolRef: protocolRef, type: action.type,
                                                                    rpps: participant.rpps))
                || Bool.fetchOne(db.cachedStatement(sql: """
                    SELECT 1 FROM action a CROSS JOIN action_participant p ON p.action_id = a.id AND p.rpps = ?
                    WHERE a.team_id = ? AND a.protocol_ref = ? AND a.type = ? AND a.status = 'validee'
                    """), arguments: [participant.rpps.rawValue, team, protocolRef, action.type.rawValue]) ?? false {
                paid.protocolRefsByProfessional[participant.rpps] = [protocolRef]
            }
        }
        let tally = try self.tally(year, in: db)
        for participant in action.participants {
            paid.countThisYearByProfessional[participant.rpps] = tally.counts[participant.rpps]?[action.type] ?? 0
            paid.amountThisYearByProfessional[participant.rpps] = tally.amounts[participant.rpps] ?? .zero
        }
        return EligibilityContext(team: teamFacts, members: memberFacts, participants: participantFacts,
                                  schedule: book.version(at: action.date), paid: paid,
                                  envelopeRoom: try room(EnvelopeKey(team: action.team, year: year), in: db),
                                  today: today, closedThrough: closedYearThrough)
    }

    /// Brings the facts up to date after `action` was paid with `entry` (before its rows are written): what its
    /// participants were paid this year, and its envelope's room, moved by the entry's lines exactly as
    /// `EnvelopeStore.status` sums them, and what this import paid (references, cases, protocols), which its held rows
    /// do not show the tables yet. A room is read from the envelope totals once, by `context`, before the first entry
    /// on its code; from then on it is moved here, so the import may hold the totals with its rows
    /// (`EnvelopeTotalsWriting.withHeldRows`). The tallies are all read before the first decision (`readTallies`): a
    /// tally read later would miss the held rows.
    mutating func recordPaid(_ action: ActionDeclaration, valuation: ActionValuation, entry: PostedEntry) {
        let year = action.date.year
        paidReferences.insert(TeamReference(team: action.team, reference: action.reference))
        if let caseRef = action.caseRef { paidCases.insert(CaseOfYear(team: action.team, caseRef: caseRef, type: action.type, year: year)) }
        if let protocolRef = action.protocolRef {
            for participant in action.participants {
                paidProtocols.insert(ProtocolOfProfessional(team: action.team, protocolRef: protocolRef, type: action.type, rpps: participant.rpps))
            }
        }
        if years[year] != nil {
            for participant in action.participants {
                // In place: the tallies hold every professional of the year and must not be copied per action.
                years[year, default: YearTally()].counts[participant.rpps, default: [:]][action.type, default: 0] += 1
                if let amount = valuation.lines.first(where: { $0.rpps == participant.rpps })?.amount {
                    years[year, default: YearTally()].amounts[participant.rpps, default: .zero] += amount
                }
            }
        }
        let key = EnvelopeKey(team: action.team, year: year)
        guard var room = rooms[key] else { return }
        let analytic = key.analyticCode
        for line in entry.draft.lines where line.analytic == analytic {
            if line.account == subsidyRevenue || line.account == dedicatedFundsReuse { room += line.creditCents - line.debitCents }
            if line.account == indemnityExpense { room -= line.debitCents - line.creditCents }
        }
        rooms[key] = room
    }

    /// The profession of each participant that is registered (active or not), for the tariff group stored with it.
    mutating func professions(of action: ActionDeclaration, in db: Database) throws -> [RPPS: Profession] {
        var result: [RPPS: Profession] = [:]
        for participant in action.participants {
            if let profession = try professional(participant.rpps, in: db).profession { result[participant.rpps] = profession }
        }
        return result
    }

    // MARK: Loading, once each

    /// Reads the whole registry in four queries, instead of a few per team and one per professional as they come:
    /// worth it for a file of many declarations (a month of the whole region touches nearly every team).
    mutating func preloadRegistry(in db: Database) throws {
        var histories: [TeamID: [StatusChange]] = [:]
        let statuses = try Row.fetchCursor(db, sql: """
            SELECT team_id, since, status FROM team_status ORDER BY team_id, since, CASE status
              WHEN 'projet' THEN 0 WHEN 'reconnue' THEN 1 WHEN 'active' THEN 2 WHEN 'suspendue' THEN 3 ELSE 4 END
            """)
        while let row = try statuses.next() {
            guard let since = Day.parse(row[1]), let status = TeamStatus(rawValue: row[2]) else { continue }
            histories[TeamID(unchecked: row[0]), default: []].append(StatusChange(status: status, since: since))
        }
        var memberships: [TeamID: [Membership]] = [:]
        let members = try Row.fetchCursor(db, sql: "SELECT \(RegistryStore.membershipColumns) FROM membership ORDER BY team_id, from_day, rpps")
        while let row = try members.next() {
            let membership = RegistryStore.membership(from: row)
            memberships[membership.team, default: []].append(membership)
        }
        professionals.reserveCapacity(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM professional") ?? 0)
        let people = try Row.fetchCursor(db, sql: "SELECT \(Self.professionalColumns) FROM professional")
        while let row = try people.next() {
            let rpps = RPPS(unchecked: row[0])
            professionals[rpps] = Self.professionalRecord(rpps, row)
        }
        registryPreloaded = true
        let teamRows = try Row.fetchCursor(db, sql: "SELECT \(RegistryStore.teamColumns) FROM team")
        while let row = try teamRows.next() {
            let team = RegistryStore.team(from: row)
            teams[team.id] = TeamRecord(team: team, lifecycle: TeamLifecycle(history: histories[team.id] ?? []),
                                        members: try (memberships[team.id] ?? []).map { ($0, try professional($0.rpps, in: db).facts) })
        }
    }

    private mutating func team(_ id: TeamID, in db: Database) throws -> TeamRecord {
        if let record = teams[id] { return record }
        if registryPreloaded { return TeamRecord(team: nil, lifecycle: TeamLifecycle(history: []), members: []) }
        let record = TeamRecord(team: try RegistryStore.team(id, in: db), lifecycle: try RegistryStore.lifecycle(of: id, in: db),
                                members: try RegistryStore.memberships(team: id, in: db).map { ($0, try professional($0.rpps, in: db).facts) })
        teams[id] = record
        return record
    }

    private mutating func professional(_ rpps: RPPS, in db: Database) throws -> ProfessionalRecord {
        if let record = professionals[rpps] { return record }
        if registryPreloaded { return ProfessionalRecord(profession: nil, facts: nil) }
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT \(Self.professionalColumns) FROM professional WHERE rpps = ?
            """), arguments: [rpps.rawValue])
        let record = row.map { Self.professionalRecord(rpps, $0) } ?? ProfessionalRecord(profession: nil, facts: nil)
        professionals[rpps] = record
        return record
    }

    /// The columns `professionalRecord` reads, by position: the registry's 15,000 rows are read faster so than by name.
    private static let professionalColumns = "rpps, profession, convention_on, first_name, last_name, active"

    /// A professional's row as the rules see it: facts only when active (and their profession readable).
    private static func professionalRecord(_ rpps: RPPS, _ row: Row) -> ProfessionalRecord {
        guard let profession = Profession(rawValue: row[1]) else { return ProfessionalRecord(profession: nil, facts: nil) }
        let facts = ProfessionalFacts(rpps: rpps, profession: profession,
                                      conventionSignedOn: (row[2] as String?).flatMap(Day.parse),
                                      displayName: "\(row[3] as String) \((row[4] as String).uppercased())")
        return ProfessionalRecord(profession: profession, facts: (row[5] as Bool) ? facts : nil)
    }

    /// Reads the tallies of these years now, before the import holds any row: a tally read later would miss the
    /// held rows (`ActionRows`).
    mutating func readTallies(of years: Set<Int>, in db: Database) throws {
        for year in years.sorted() { _ = try tally(year, in: db) }
    }

    private mutating func tally(_ year: Int, in db: Database) throws -> YearTally {
        if let tally = years[year] { return tally }
        var tally = YearTally()
        // The sums the triggers keep (Schema/0018), not a GROUP BY over the year's actions, which grew with the months.
        for row in try ParticipantTallies.rows(year: year, in: db) {
            let rpps = RPPS(unchecked: row.rpps)
            tally.counts[rpps, default: [:]][ActionTypeCode(row.type)] = row.actions
            tally.amounts[rpps, default: .zero] += row.amount
        }
        years[year] = tally
        return tally
    }

    private mutating func room(_ key: EnvelopeKey, in db: Database) throws -> Cents {
        if let room = rooms[key] { return room }
        let room = try EnvelopeStore.status(key, chart: chart, in: db).room
        rooms[key] = room
        return room
    }
}

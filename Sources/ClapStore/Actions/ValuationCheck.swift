import ClapDomain
import GRDB
import LedgerCore

/// Invariant 6: every IND entry belongs to an action, and valuing that action again with the barème version
/// it was valued with gives exactly the posted amounts, line by line.
///
/// It streams: three cursors in action order (the actions with their entry, their participants, their entry's
/// lines) are walked side by side, so the check reads each row once and holds one action at a time.
enum ValuationCheck {
    static func check(in db: Database) throws -> [LedgerViolation] {
        var found: [LedgerViolation] = []
        let schedules = Dictionary(uniqueKeysWithValues: try TariffStore.loaded(in: db).map { ($0.id, $0.schedule) })
        let chart = try AssociationStore.chart(in: db)
        let payable = chart.number(.professionalPayable), expense = chart.number(.indemnityExpense)

        // Entries an action points to, as an IN list SQLite builds once (a correlated NOT EXISTS would scan the
        // actions once per entry).
        let orphans = try Row.fetchAll(db, sql: """
            SELECT e.journal, e.fiscal_year, e.number FROM entry e
            WHERE e.journal = 'IND' AND e.seq NOT IN (SELECT entry_seq FROM action WHERE entry_seq IS NOT NULL
                                                      UNION SELECT cancel_entry_seq FROM action WHERE cancel_entry_seq IS NOT NULL)
            ORDER BY e.seq
            """)
        for row in orphans {
            found.append(LedgerViolation(invariant: 6, code: "indemnity.orphan", entry: Verifier.ref(row),
                                         message: "cette écriture d'indemnités ne correspond à aucune action."))
        }

        let paid = "a.status IN ('validee', 'annulee') AND a.entry_seq IS NOT NULL"
        let actions = try Row.fetchCursor(db, sql: """
            SELECT a.*, e.seq AS found_seq, e.journal, e.fiscal_year, e.number
            FROM action a LEFT JOIN entry e ON e.seq = a.entry_seq WHERE \(paid) ORDER BY a.id
            """)
        let participants = try Row.fetchCursor(db, sql: """
            SELECT p.action_id, p.rpps, p.role, p.tariff_group FROM action a JOIN action_participant p ON p.action_id = a.id
            WHERE \(paid) ORDER BY a.id, p.rpps
            """)
        let lines = try Row.fetchCursor(db, sql: """
            SELECT a.id AS action_id, p.account, p.auxiliary, p.analytic, p.debit_cents, p.credit_cents
            FROM action a JOIN posting p ON p.entry_seq = a.entry_seq WHERE \(paid) ORDER BY a.id, p.line_no
            """)
        var nextParticipant = try participants.next()
        var nextLine = try lines.next()
        while let row = try actions.next() {
            let id: Int64 = row["id"]
            var people: [ActionParticipant] = []
            var groups: [RPPS: TariffGroup] = [:]
            while let participant = nextParticipant, (participant["action_id"] as Int64) == id {
                let rpps = RPPS(unchecked: participant["rpps"])
                people.append(ActionParticipant(rpps: rpps, role: ParticipantRole(rawValue: participant["role"]) ?? .participant,
                                                line: row["source_line"]))
                if let text: String = participant["tariff_group"], let group = TariffGroup(rawValue: text) { groups[rpps] = group }
                nextParticipant = try participants.next()
            }
            var posted: [String: Cents] = [:]
            var expensePosted = Cents.zero
            let analytic = "\(row["team_id"] as String)/\(((row["action_date"] as String).prefix(4)))"
            while let line = nextLine, (line["action_id"] as Int64) == id {
                let account: String = line["account"]
                let debit = Cents(line["debit_cents"]), credit = Cents(line["credit_cents"])
                // A line holds money on its debit side when its debit is positive, else on its credit side (as read back).
                if account == payable, !debit.isPositive { posted[line["auxiliary"] ?? "", default: .zero] += credit }
                if account == expense, debit.isPositive, (line["analytic"] as String?) == analytic { expensePosted += debit }
                nextLine = try lines.next()
            }
            guard (row["found_seq"] as Int64?) != nil else {
                found.append(LedgerViolation(invariant: 6, code: "indemnity.missing_entry",
                                             message: "action n° \(id) : son écriture d'indemnités (position \(row["entry_seq"] as Int64) de la chaîne) a disparu."))
                continue
            }
            let ref = EntryRef(journal: JournalCode(row["journal"]), fiscalYear: row["fiscal_year"], number: row["number"])
            func violation(_ message: String) -> LedgerViolation {
                LedgerViolation(invariant: 6, code: "indemnity.valuation", entry: ref, message: "action n° \(id) : " + message)
            }
            guard let versionID: Int64 = row["tariff_version_id"], let schedule = schedules[versionID] else {
                found.append(violation("la version du barème qui l'a valorisée est introuvable."))
                continue
            }
            guard let date = Day.parse(row["action_date"]) else { continue }
            let declaration = ActionDeclaration(team: TeamID(unchecked: row["team_id"]), reference: row["reference"],
                                                type: ActionTypeCode(row["type"]), date: date, durationMinutes: row["duration_minutes"],
                                                caseRef: row["case_ref"], protocolRef: row["protocol_ref"], participants: people,
                                                line: row["source_line"])
            switch Valuation.value(declaration, groups: groups, schedule: schedule) {
            case .failure(let issue):
                found.append(violation("elle ne se valorise plus avec son barème : \(issue.message)"))
            case .success(let valuation):
                var expected: [String: Cents] = [:]
                for line in valuation.lines { expected[line.rpps.rawValue, default: .zero] += line.amount }
                if posted != expected || expensePosted != valuation.total {
                    found.append(violation("revalorisée, elle vaut \(valuation.total.euroString) (\(expected.map { "\($0.key) \($0.value.euroString)" }.sorted().joined(separator: ", "))) ; l'écriture porte \(expensePosted.euroString) (\(posted.map { "\($0.key) \($0.value.euroString)" }.sorted().joined(separator: ", ")))."))
                }
            }
        }
        return found
    }
}

import ClapDomain
import GRDB
import LedgerCore

/// Invariant 6: every IND entry belongs to an action, and valuing that action again with the barème version
/// it was valued with gives exactly the posted amounts, line by line, and the amounts stored with the action.
/// Every action's stored declaration must still match the digest taken when it was imported.
/// Nothing read here is trusted: a damaged value is named and the check goes on with the next action.
enum ValuationCheck {
    static func check(in db: Database) throws -> [LedgerViolation] {
        var found: [LedgerViolation] = []
        let schedules = try readSchedules(in: db, found: &found)
        func account(_ role: AccountRole) throws -> String {
            try String.fetchOne(db, sql: "SELECT number FROM account WHERE role = ?", arguments: [role.rawValue]) ?? ""
        }
        let payable = try account(.professionalPayable), expense = try account(.indemnityExpense)

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

        let participantRows = Dictionary(grouping: try Row.fetchAll(db, sql: "SELECT * FROM action_participant ORDER BY action_id, rpps"),
                                         by: { $0.stored("action_id").integer ?? -1 })
        for row in try Row.fetchAll(db, sql: "SELECT * FROM action ORDER BY id") {
            let action = StoredAction(row: row, participants: participantRows[row.stored("id").integer ?? -1] ?? [])
            found += check(action, schedules: schedules, payable: payable, expense: expense, in: db)
        }
        return found
    }

    /// Every loaded barème version parsed again from its stored text; a version that no longer parses is named.
    static func readSchedules(in db: Database, found: inout [LedgerViolation]) throws -> [Int64: TariffSchedule] {
        var schedules: [Int64: TariffSchedule] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, source_toml FROM tariff_version ORDER BY id") {
            guard let id = row.stored("id").integer else { continue }
            guard let text = row.stored("source_toml").text else {
                found.append(LedgerViolation(invariant: 6, code: "tariff.unreadable",
                                             message: "le texte de la version n° \(id) du barème vaut \(row.stored("source_toml"))."))
                continue
            }
            switch TariffSchedule.parse(toml: text, fileName: "barème n° \(id)") {
            case .success(let schedule):
                schedules[id] = schedule
            case .failure(let rejected):
                found.append(LedgerViolation(invariant: 6, code: "tariff.unreadable", message:
                    "la version n° \(id) du barème ne se relit plus : \(rejected.issues.first.map { "\($0)" } ?? "texte illisible")."))
            }
        }
        return schedules
    }

    static func check(_ action: StoredAction, schedules: [Int64: TariffSchedule], payable: String, expense: String,
                      in db: Database) -> [LedgerViolation] {
        let declaration: ActionDeclaration
        switch action.declaration {
        case .failure(let problems):
            return [LedgerViolation(invariant: 6, code: "action.unreadable", message:
                "\(action.name) ne se relit plus : " + problems.joined(separator: " ; ") + ".")]
        case .success(let read):
            declaration = read
        }
        var found: [LedgerViolation] = []
        if declaration.declarationDigest != action.row.stored("declaration_digest").text {
            found.append(LedgerViolation(invariant: 6, code: "action.digest", message:
                "\(action.name) : sa déclaration enregistrée (équipe, date, durée, participants, rôles) ne correspond plus "
                + "à l'empreinte prise à l'import : elle a été modifiée depuis."))
        }
        let status = action.row.stored("status").text
        guard status == "validee" || status == "annulee" else { return found }
        guard let seq = action.row.stored("entry_seq").integer else {
            return found + [LedgerViolation(invariant: 6, code: "indemnity.missing_entry", message:
                "\(action.name) est payée mais son écriture vaut \(action.row.stored("entry_seq")).")]
        }
        let entry: PostedEntry
        do {
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM entry WHERE seq = ?", arguments: [seq]) ?? false else {
                return found + [LedgerViolation(invariant: 6, code: "indemnity.missing_entry",
                                                message: "\(action.name) : son écriture d'indemnités (position \(seq) de la chaîne) a disparu.")]
            }
            entry = try LedgerReader.entry(seq: seq, in: db)
        } catch {
            return found + [LedgerViolation(invariant: 6, code: "indemnity.unreadable", message:
                "\(action.name) : son écriture (position \(seq) de la chaîne) ne se relit plus, elle ne peut pas être revalorisée.")]
        }
        func violation(_ message: String) -> LedgerViolation {
            LedgerViolation(invariant: 6, code: "indemnity.valuation", entry: entry.ref, message: "\(action.name) : " + message)
        }
        guard let versionID = action.row.stored("tariff_version_id").integer, let schedule = schedules[versionID] else {
            return found + [violation("la version du barème qui l'a valorisée (\(action.row.stored("tariff_version_id"))) est introuvable ou illisible.")]
        }
        var groups: [RPPS: TariffGroup] = [:]
        for participant in action.participants {
            let stored = participant.stored("tariff_group")
            guard let rpps = participant.stored("rpps").text, let group = stored.text.flatMap(TariffGroup.init(rawValue:)) else {
                found.append(violation("le groupe tarifaire \(stored) de \(participant.stored("rpps")) n'est pas un groupe du barème."))
                continue
            }
            groups[RPPS(unchecked: rpps)] = group
        }
        switch Valuation.value(declaration, groups: groups, schedule: schedule) {
        case .failure(let issue):
            found.append(violation("elle ne se valorise plus avec son barème : \(issue.message)"))
        case .success(let valuation):
            var expected: [String: Cents] = [:]
            for line in valuation.lines { expected[line.rpps.rawValue, default: .zero] += line.amount }
            var posted: [String: Cents] = [:]
            var expensePosted = Cents.zero
            for line in entry.draft.lines {
                if line.account == payable, line.side == .credit { posted[line.auxiliary ?? "", default: .zero] += line.amount }
                if line.account == expense, line.side == .debit, line.analytic == declaration.analyticCode { expensePosted += line.amount }
            }
            if posted != expected || expensePosted != valuation.total {
                found.append(violation("revalorisée, elle vaut \(valuation.total.euroString) (\(list(expected))) ; "
                                       + "l'écriture porte \(expensePosted.euroString) (\(list(posted)))."))
            }
            var stored: [String: Cents] = [:]
            for participant in action.participants {
                let amount = participant.stored("amount_cents")
                guard let rpps = participant.stored("rpps").text, !amount.isNull else { continue }
                stored[rpps] = amount.integer.map { Cents($0) } ?? Cents(-1)
            }
            if stored != expected {
                found.append(LedgerViolation(invariant: 6, code: "action.participant_amount", entry: entry.ref, message:
                    "\(action.name) : les montants enregistrés pour ses participants (\(list(stored))) ne sont pas ceux de sa "
                    + "valorisation (\(list(expected)))."))
            }
            let total = action.row.stored("total_cents")
            if total.integer != valuation.total.value {
                found.append(LedgerViolation(invariant: 6, code: "action.total", entry: entry.ref, message:
                    "\(action.name) : son total enregistré \(total) centimes n'est pas sa valorisation (\(valuation.total.euroString))."))
            }
        }
        return found
    }

    static func list(_ amounts: [String: Cents]) -> String {
        amounts.map { "\($0.key) \($0.value.euroString)" }.sorted().joined(separator: ", ")
    }
}

/// An action row and its participant rows, read back without trusting a value.
struct StoredAction {
    let row: Row
    let participants: [Row]

    var name: String {
        "action n° \(row.stored("id"))" + (row.stored("team_id").text.flatMap { team in
            row.stored("reference").text.map { " (\(team) \($0))" } } ?? "")
    }

    /// The declaration as stored, or every value that cannot be read back.
    var declaration: Result<ActionDeclaration, Problems> {
        var problems: [String] = []
        func text(_ column: String, optional: Bool = false) -> String? {
            let value = row.stored(column)
            if let text = value.text { return text }
            if !(optional && value.isNull) { problems.append("\(column) vaut \(value)") }
            return nil
        }
        let team = text("team_id"), reference = text("reference"), type = text("type")
        let date = row.stored("action_date").day
        if date == nil { problems.append("action_date vaut \(row.stored("action_date")), qui n'est pas une date AAAA-MM-JJ") }
        let durationValue = row.stored("duration_minutes")
        let duration = durationValue.integer.flatMap { Int(exactly: $0) }
        if duration == nil, !durationValue.isNull { problems.append("duration_minutes vaut \(durationValue)") }
        let caseRef = text("case_ref", optional: true), protocolRef = text("protocol_ref", optional: true)
        let line = row.stored("source_line").integer.flatMap { Int(exactly: $0) } ?? 0
        var participants: [ActionParticipant] = []
        for participant in self.participants {
            let rpps = participant.stored("rpps"), role = participant.stored("role")
            guard let rppsText = rpps.text, let parsed = role.text.flatMap(ParticipantRole.init(rawValue:)) else {
                problems.append("le participant \(rpps) a le rôle \(role)")
                continue
            }
            participants.append(ActionParticipant(rpps: RPPS(unchecked: rppsText), role: parsed, line: line))
        }
        guard problems.isEmpty, let team, let reference, let type, let date else { return .failure(Problems(problems)) }
        return .success(ActionDeclaration(team: TeamID(unchecked: team), reference: reference, type: ActionTypeCode(type), date: date,
                                          durationMinutes: duration, caseRef: caseRef, protocolRef: protocolRef,
                                          participants: participants, line: line))
    }

    struct Problems: Error, Sequence {
        let items: [String]
        init(_ items: [String]) { self.items = items }
        func makeIterator() -> IndexingIterator<[String]> { items.makeIterator() }
    }
}

import ClapDomain
import GRDB
import LedgerCore

/// Invariant 6: every IND entry belongs to an action, and valuing that action again with the barème version
/// it was valued with gives exactly the posted amounts, line by line, and the amounts stored with the action.
/// Every action's stored declaration must still match the digest taken when it was imported.
/// Nothing read here is trusted: a damaged value is named and the check goes on with the next action.
///
/// It streams, so that `verify` costs the same few queries and holds one action in memory however long the
/// history grows: three cursors in action order (the actions with their IND entry, their participants, their
/// entry's lines) are walked side by side; each action is checked from the rows read for it, then dropped.
enum ValuationCheck {
    static func check(in db: Database) throws -> [LedgerViolation] {
        var found: [LedgerViolation] = []
        let schedules = try readSchedules(in: db, found: &found)
        func account(_ role: AccountRole) throws -> String {
            try String.fetchOne(db, sql: "SELECT number FROM account WHERE role = ?", arguments: [role.rawValue]) ?? ""
        }
        let payable = try account(.professionalPayable), expense = try account(.indemnityExpense)
        found += try orphanEntries(in: db)
        var actions = try ActionStream(in: db)
        while let action = try actions.next() {
            found += check(action, schedules: schedules, payable: payable, expense: expense)
        }
        return found
    }

    /// IND entries no action points to.
    static func orphanEntries(in db: Database) throws -> [LedgerViolation] {
        // Entries an action points to, as an IN list SQLite builds once (a correlated NOT EXISTS would scan the
        // actions once per entry).
        let orphans = try Row.fetchAll(db, sql: """
            SELECT e.journal, e.fiscal_year, e.number FROM entry e
            WHERE e.journal = 'IND' AND e.seq NOT IN (SELECT entry_seq FROM action WHERE entry_seq IS NOT NULL
                                                      UNION SELECT cancel_entry_seq FROM action WHERE cancel_entry_seq IS NOT NULL)
            ORDER BY e.seq
            """)
        return orphans.map { row in
            LedgerViolation(invariant: 6, code: "indemnity.orphan", entry: Verifier.ref(row),
                            message: "cette écriture d'indemnités ne correspond à aucune action.")
        }
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

    /// One action: its declaration against its digest, then, when it is paid, its entry against its revaluation.
    static func check(_ action: StoredAction, schedules: [Int64: TariffSchedule], payable: String, expense: String) -> [LedgerViolation] {
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
        guard let entryRow = action.entry else {
            return found + [LedgerViolation(invariant: 6, code: "indemnity.missing_entry",
                                            message: "\(action.name) : son écriture d'indemnités (position \(seq) de la chaîne) a disparu.")]
        }
        guard case .success(let entry) = LedgerReader.decode(entryRow, lines: action.lines) else {
            return found + [LedgerViolation(invariant: 6, code: "indemnity.unreadable", message:
                "\(action.name) : son écriture (position \(seq) de la chaîne) ne se relit plus, elle ne peut pas être revalorisée.")]
        }
        return found + revalue(action, declaration, entry: entry, schedules: schedules, payable: payable, expense: expense)
    }

    /// The action valued again with its barème version, against its entry's lines and the amounts stored with it.
    static func revalue(_ action: StoredAction, _ declaration: ActionDeclaration, entry: PostedEntry,
                        schedules: [Int64: TariffSchedule], payable: String, expense: String) -> [LedgerViolation] {
        func violation(_ message: String) -> LedgerViolation {
            LedgerViolation(invariant: 6, code: "indemnity.valuation", entry: entry.ref, message: "\(action.name) : " + message)
        }
        guard let versionID = action.row.stored("tariff_version_id").integer, let schedule = schedules[versionID] else {
            return [violation("la version du barème qui l'a valorisée (\(action.row.stored("tariff_version_id"))) est introuvable ou illisible.")]
        }
        var found: [LedgerViolation] = []
        var groups: [RPPS: TariffGroup] = [:]
        for participant in action.participants {
            let stored = participant.stored("tariff_group")
            guard let rpps = participant.stored("rpps").text, let group = stored.text.flatMap(TariffGroup.init(rawValue:)) else {
                found.append(violation("le groupe tarifaire \(stored) de \(participant.stored("rpps")) n'est pas un groupe du barème."))
                continue
            }
            groups[RPPS(unchecked: rpps)] = group
        }
        let valuation: ActionValuation
        switch Valuation.value(declaration, groups: groups, schedule: schedule) {
        case .failure(let issue):
            return found + [violation("elle ne se valorise plus avec son barème : \(issue.message)")]
        case .success(let valued):
            valuation = valued
        }
        var expected: [String: Cents] = [:]
        for line in valuation.lines { expected[line.rpps.rawValue, default: .zero] += line.amount }
        var posted: [String: Cents] = [:]
        var expensePosted = Cents.zero
        // A damaged amount can make these sums overflow: that is named, it must not stop verify.
        var overflowed = false
        func add(_ amount: Cents, to sum: inout Cents) {
            let (value, overflow) = sum.value.addingReportingOverflow(amount.value)
            overflowed = overflowed || overflow
            sum = Cents(value)
        }
        for line in entry.draft.lines {
            if line.account == payable, line.side == .credit { add(line.amount, to: &posted[line.auxiliary ?? "", default: .zero]) }
            if line.account == expense, line.side == .debit, line.analytic == declaration.analyticCode { add(line.amount, to: &expensePosted) }
        }
        if overflowed {
            found.append(violation("son écriture porte des montants hors de toute mesure (leur somme déborde) : "
                                   + "elle ne peut pas être revalorisée."))
        } else if posted != expected || expensePosted != valuation.total {
            found.append(violation("revalorisée, elle vaut \(valuation.total.euroString) (\(list(expected))) ; "
                                   + "l'écriture porte \(expensePosted.euroString) (\(list(posted)))."))
        }
        return found + storedAmounts(of: action, expected: expected, total: valuation.total, entry: entry)
    }

    /// The amounts stored with the action and its participants against its revaluation.
    static func storedAmounts(of action: StoredAction, expected: [String: Cents], total valued: Cents,
                              entry: PostedEntry) -> [LedgerViolation] {
        var found: [LedgerViolation] = []
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
        if total.integer != valued.value {
            found.append(LedgerViolation(invariant: 6, code: "action.total", entry: entry.ref, message:
                "\(action.name) : son total enregistré \(total) centimes n'est pas sa valorisation (\(valued.euroString))."))
        }
        return found
    }

    static func list(_ amounts: [String: Cents]) -> String {
        amounts.map { "\($0.key) \($0.value.euroString)" }.sorted().joined(separator: ", ")
    }
}

/// The actions in id order, each with its participant rows, its entry row and that entry's line rows, read from
/// three cursors walked side by side: each row is read once, and only the current action's rows are held.
struct ActionStream {
    private let actions: RowCursor
    private var participants: RowsByAction
    private var lines: RowsByAction

    init(in db: Database) throws {
        // The entry's columns follow the action's in one row; the adapter gives the entry its own row, so it is
        // decoded with its stored column names, as `LedgerReader` reads an entry.
        let actionColumns = try db.columns(in: "action").count
        let adapter = ScopeAdapter(base: RangeRowAdapter(0..<actionColumns),
                                   scopes: ["entry": SuffixRowAdapter(fromIndex: actionColumns)])
        actions = try Row.fetchCursor(db, sql: """
            SELECT a.*, e.* FROM action a LEFT JOIN entry e ON e.seq = a.entry_seq ORDER BY a.id
            """, adapter: adapter)
        participants = try RowsByAction(Row.fetchCursor(db, sql: "SELECT * FROM action_participant ORDER BY action_id, rpps"))
        lines = try RowsByAction(Row.fetchCursor(db, sql: """
            SELECT a.id AS action_id, p.* FROM action a JOIN posting p ON p.entry_seq = a.entry_seq ORDER BY a.id, p.line_no
            """))
    }

    mutating func next() throws -> StoredAction? {
        guard let row = try actions.next()?.copy() else { return nil }
        // `id` is the rowid: SQLite always stores it as an integer.
        let id = row.stored("id").integer ?? 0
        // A LEFT JOIN that found no entry gives an entry row of NULLs; `seq` is never NULL in a stored entry.
        let entry = row.scopes["entry"].flatMap { $0.stored("seq").isNull ? nil : $0 }
        return StoredAction(row: row, participants: try participants.take(action: id),
                            entry: entry, lines: try lines.take(action: id))
    }
}

/// A cursor of rows sorted by their `action_id`, handed out one action at a time. A row whose `action_id` is not
/// stored as an integer belongs to no action (ids are compared as integers) and is passed over, wherever it sorts.
struct RowsByAction {
    private let cursor: RowCursor
    private var pending: Row?

    init(_ cursor: RowCursor) throws {
        self.cursor = cursor
        pending = try cursor.next()?.copy()
    }

    /// The rows of action `id`, skipping those of earlier ids (rows of no action); the actions come in id order.
    mutating func take(action id: Int64) throws -> [Row] {
        var taken: [Row] = []
        while let row = pending {
            let key = row.stored("action_id").integer
            if let key, key > id { break }
            if key == id { taken.append(row) }
            pending = try cursor.next()?.copy()
        }
        return taken
    }
}

/// An action row with its participant rows and its entry's rows, read back without trusting a value.
struct StoredAction {
    let row: Row
    let participants: [Row]
    /// The entry `entry_seq` points to, as stored; nil when there is none.
    let entry: Row?
    /// That entry's line rows, in line order.
    let lines: [Row]

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

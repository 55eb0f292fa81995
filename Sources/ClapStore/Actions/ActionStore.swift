import ClapDomain
import GRDB
import LedgerCore

/// What an actions import decided.
public struct ActionImportSummary: Hashable, Sendable, Codable {
    public var accepted = 0
    public var rejected = 0
    public var unchanged = 0
    public var paidTotal = Cents.zero
    /// How many rejected actions carried each reason code.
    public var rejectionsByCode: [String: Int] = [:]
    /// Each rejected action with its reasons, for the report.
    public var rejections: [String] = []

    public init() {}
}

/// An action as stored: its declaration, status, amount and reasons.
public struct ActionRecord: Hashable, Sendable, Codable {
    public let id: Int64
    public let team: String
    public let reference: String
    public let type: String
    public let date: Day
    public let durationMinutes: Int?
    public let status: String
    public let totalCents: Int64?
    public let participants: [String]
    public let reasons: [String]
}

/// Declared actions: eligibility, valuation and posting, one IMMEDIATE transaction per command so that
/// no sequence or concurrency of imports can overspend an envelope.
public enum ActionStore {
    /// Imports declarations in date order. A declaration already recorded (same team, reference and content)
    /// is skipped; the others are decided one by one, paid or stored `rejetee` with every reason. The facts are
    /// read once for the whole file (`EligibilityBatch`) and kept current as each action is paid; the rows are held
    /// and written a hundred to a statement (`ActionRows`, `PostingBatch`), all in the command's one transaction.
    ///
    /// Given `snapshot`, the declarations are decided on a second connection, on one core, while the writer
    /// connection writes the rows of the 250 before on the other (`SnapshotPipeline`): the decisions read only
    /// what was committed before the file, and know the file's own actions from memory, so they are the same either
    /// way. `progress` is told `(decided, total)` after each declaration, for a progress bar.
    public static func importDeclarations(_ declarations: [ActionDeclaration], fileName: String, context: CommandContext,
                                          in db: Database, snapshot: SnapshotReads? = nil,
                                          progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> ActionImportSummary {
        let preload = declarations.count >= EligibilityBatch.preloadThreshold
        return try importDeclarations(declarations, fileName: fileName, context: context, in: db, snapshot: snapshot,
                                      facts: .perFile(preloadingRegistry: preload), progress: progress)
    }

    /// How an import reads the eligibility facts: once per file (the registry up front, or as teams and professionals
    /// come), or afresh for every declaration (`EligibilityFacts.context`, the reference the tests compare with).
    enum FactsReading: Sendable {
        case perFile(preloadingRegistry: Bool)
        case perDeclaration
    }

    /// Actions decided before their rows are written (handed to the writer connection): a quarter of a `PostingBatch`'s
    /// usual holding, so that the writer, which is the slower of the two, starts after the first 250 decisions rather
    /// than the first 1,000 (a month's import measured 0.06 s shorter). Still a few statements of a hundred rows each.
    static let actionsPerChunk = 250

    /// `holding`: how many actions are held before their rows are written (the tests write them often). The reference
    /// (`.perDeclaration`) reads every fact from the tables and writes each action's rows at once, on the writer.
    static func importDeclarations(_ declarations: [ActionDeclaration], fileName: String, context: CommandContext,
                                   in db: Database, snapshot: SnapshotReads? = nil, facts reading: FactsReading,
                                   holding: Int = ActionStore.actionsPerChunk,
                                   progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> ActionImportSummary {
        let pipelined: SnapshotReads?
        switch reading {
        case .perFile: pipelined = snapshot
        case .perDeclaration: pipelined = nil
        }
        var (summary, ledger) = try SnapshotPipeline.run(pipelined, writer: db, decide: { reader, handOff in
            try decideAll(declarations, fileName: fileName, context: context, reading: reading, holding: holding,
                          progress: progress, in: reader, handOff: handOff)
        }, write: { (chunk: inout ImportChunk, db) in try chunk.write(in: db) })
        try ledger.finish(in: db)
        progress?(declarations.count, declarations.count)
        return summary
    }

    /// Decides every declaration, reading `db`, and hands off the rows (`ImportChunk`) every `holding` actions and at
    /// the end. Returns the summary and the batch, whose chain head and monthly totals the writer writes last.
    private static func decideAll(_ declarations: [ActionDeclaration], fileName: String, context: CommandContext,
                                  reading: FactsReading, holding: Int, progress: (@Sendable (Int, Int) -> Void)?,
                                  in db: Database, handOff: (ImportChunk) throws -> Void) throws -> (ActionImportSummary, PostingBatch) {
        let book = try TariffStore.book(in: db)
        var batch = try EligibilityBatch(book: book, context: context, in: db)
        if case .perFile(preloadingRegistry: true) = reading { try batch.preloadRegistry(in: db) }
        var unknownTeams: [LocatedIssue] = []
        for declaration in declarations where try !batch.teamExists(declaration.team, in: db) {
            unknownTeams.append(LocatedIssue(InputIssue(code: "team.unknown", message: "L'équipe \(declaration.team) n'est pas enregistrée."),
                                             at: SourceLocation(file: fileName, line: declaration.line, column: ActionColumn.team),
                                             value: declaration.team.rawValue))
        }
        guard unknownTeams.isEmpty else { throw InputRejected(unknownTeams) }

        let versionIDs = Dictionary(uniqueKeysWithValues: try TariffStore.records(in: db).map { ($0.effectiveFrom, $0.id) })
        var summary = ActionImportSummary()
        var nextID = (try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) + 1 FROM action")) ?? 1
        let ordered = declarations.sorted { ($0.date, $0.team, $0.reference) < ($1.date, $1.team, $1.reference) }
        // The year's tallies are read before any row is held: the rows are written after the decisions.
        try batch.readTallies(of: Set(ordered.map(\.date.year)), in: db)
        var rows = ActionRows(fileName: fileName, recordedAt: context.timestamp, versionIDs: versionIDs, holding: holding)
        // The batch reads each envelope's room before the first entry on it and then moves it with each entry
        // (`EligibilityBatch.recordPaid`): the envelope totals can be held with the rows. The reference reads every
        // room from the table, so they are written with each entry.
        // The reference reads every fact from the tables: nothing may be held.
        let envelopeTotals: EnvelopeTotalsWriting, writesEachAction: Bool
        switch reading {
        case .perFile: (envelopeTotals, writesEachAction) = (.withHeldRows, false)
        case .perDeclaration: (envelopeTotals, writesEachAction) = (.withEachEntry, true)
        }
        // Its entries are handed off with the actions that name them, never written by the batch itself: there are
        // no more entries than actions, and `rows` is handed off at `holding` actions.
        var ledger = try PostingBatch(in: db, holding: .max, envelopeTotals: envelopeTotals)
        for (index, declaration) in ordered.enumerated() {
            progress?(index, ordered.count)
            let digest = declaration.declarationDigest
            let inTables = try Self.reference(of: declaration, digest: digest, in: db)
            if inTables.declarationRecorded
                || rows.recordedDigests.contains(ActionRows.DigestKey(team: declaration.team, reference: declaration.reference, digest: digest)) {
                summary.unchanged += 1
                continue
            }
            let id = nextID
            nextID += 1
            let facts: EligibilityContext
            switch reading {
            case .perFile: facts = try batch.context(for: declaration, referencePaidInTables: inTables.referencePaid, in: db)
            case .perDeclaration: facts = try EligibilityFacts.context(for: declaration, excludingAction: nil, book: book, context: context, in: db)
            }
            let outcome = try decide(declaration, actionID: id, facts: facts, chart: batch.chart,
                                     entryDate: batch.firstOpenDay(onOrAfter: declaration.date), context: context,
                                     ledger: &ledger, in: db)
            if let entry = outcome.1, let valuation = outcome.0.valuation {
                batch.recordPaid(declaration, valuation: valuation, entry: entry)
            }
            rows.add(declaration, id: id, digest: digest, outcome: outcome, professions: try batch.professions(of: declaration, in: db))
            if rows.isFull || writesEachAction {
                try handOff(ImportChunk(entries: ledger.takeHeld(), actions: rows.takeHeld()))
            }
            record(outcome, of: declaration, into: &summary)
        }
        try handOff(ImportChunk(entries: ledger.takeHeld(), actions: rows.takeHeld()))
        return (summary, ledger)
    }

    /// Decides one declaration with facts read for it alone (`actions revalue`) and, when eligible, posts its IND entry.
    static func decide(_ declaration: ActionDeclaration, actionID: Int64, excluding: Int64?, book: TariffBook,
                       context: CommandContext, in db: Database) throws -> (EligibilityOutcome, PostedEntry?) {
        let facts = try EligibilityFacts.context(for: declaration, excludingAction: excluding, book: book, context: context, in: db)
        let chart = try AssociationStore.chart(in: db)
        let entryDate = try LedgerReader.firstOpenDay(onOrAfter: declaration.date, in: db)
        return try LedgerWriter.posting(in: db) { ledger in
            try decide(declaration, actionID: actionID, facts: facts, chart: chart, entryDate: entryDate, context: context,
                       ledger: &ledger, in: db)
        }
    }

    /// Decides one declaration with the facts given and, when eligible, posts its IND entry dated `entryDate`.
    static func decide(_ declaration: ActionDeclaration, actionID: Int64, facts: EligibilityContext, chart: Chart, entryDate: Day,
                       context: CommandContext, ledger: inout PostingBatch, in db: Database) throws -> (EligibilityOutcome, PostedEntry?) {
        let outcome = Eligibility.evaluate(declaration, context: facts)
        guard outcome.isEligible, let valuation = outcome.valuation else { return (outcome, nil) }
        let expense = chart.number(.indemnityExpense), payable = chart.number(.professionalPayable), analytic = declaration.analyticCode
        let draft = EntryDraft(
            journal: .ind, entryDate: entryDate,
            pieceDate: declaration.date, pieceRef: "\(declaration.team.rawValue)/\(declaration.reference)",
            label: "\(declaration.type.rawValue) du \(declaration.date.french) – \(declaration.team.rawValue)",
            lines: valuation.lines.flatMap { line in
                [PostingLine.debit(expense, line.amount, analytic: analytic),
                 PostingLine.credit(payable, line.amount, auxiliary: line.rpps.rawValue)]
            },
            idempotencyKey: "action/\(actionID)")
        return (outcome, try ledger.post(draft, validDate: context.today, in: db).entry)
    }

    /// What the tables hold for a declaration's team and reference, in one statement: whether this very declaration
    /// (same content) is recorded, paid, cancelled or rejected; and whether the reference is paid or cancelled.
    struct ReferenceInTables {
        var declarationRecorded = false
        var referencePaid = false
    }

    /// Paid and cancelled actions through action_paid_reference (one at most: the index is unique), rejected ones
    /// with the same content through action_rejected_by_ref (Schema/0014, 0017): two seeks.
    static let referenceSQL = """
        SELECT declaration_digest = ?3, 1 FROM action WHERE reference = ?2 AND team_id = ?1 AND status <> 'rejetee'
        UNION ALL
        SELECT 1, 0 FROM action WHERE reference = ?2 AND team_id = ?1 AND status = 'rejetee' AND declaration_digest = ?3
        """

    static func reference(of declaration: ActionDeclaration, digest: String, in db: Database) throws -> ReferenceInTables {
        var found = ReferenceInTables()
        let rows = try Row.fetchCursor(db.cachedStatement(sql: referenceSQL), arguments: [declaration.team.rawValue, declaration.reference, digest])
        while let row = try rows.next() {
            if row[0] as Bool { found.declarationRecorded = true }
            if row[1] as Bool { found.referencePaid = true }
        }
        return found
    }

    static func writeParticipants(_ declaration: ActionDeclaration, actionID: Int64, valuation: ActionValuation?, in db: Database) throws {
        try db.execute(sql: "DELETE FROM action_participant WHERE action_id = ?", arguments: [actionID])
        let groups = try RegistryStore.professions(of: declaration.participants.map(\.rpps), in: db)
        for participant in declaration.participants {
            let amount = valuation?.lines.first { $0.rpps == participant.rpps }?.amount
            try db.execute(sql: "INSERT INTO action_participant (action_id, rpps, role, tariff_group, amount_cents) VALUES (?, ?, ?, ?, ?)",
                           arguments: [actionID, participant.rpps.rawValue, participant.role.rawValue,
                                       groups[participant.rpps]?.tariffGroup.rawValue, amount?.value])
        }
    }

    static func writeReasons(_ reasons: [RejectionReason], actionID: Int64, in db: Database) throws {
        try db.execute(sql: "DELETE FROM action_rejection WHERE action_id = ?", arguments: [actionID])
        for (position, reason) in reasons.enumerated() {
            try db.execute(sql: "INSERT INTO action_rejection (action_id, position, code, message) VALUES (?, ?, ?, ?)",
                           arguments: [actionID, position + 1, reason.code.rawValue, reason.message])
        }
    }

    static func record(_ outcome: (EligibilityOutcome, PostedEntry?), of declaration: ActionDeclaration, into summary: inout ActionImportSummary) {
        if outcome.1 != nil, let valuation = outcome.0.valuation {
            summary.accepted += 1
            summary.paidTotal += valuation.total
        } else {
            summary.rejected += 1
            for code in Set(outcome.0.reasons.map(\.code.rawValue)) { summary.rejectionsByCode[code, default: 0] += 1 }
            summary.rejections.append("\(declaration.team) \(declaration.reference) (ligne \(declaration.line)) : "
                                      + outcome.0.reasons.map(\.description).joined(separator: " ; "))
        }
    }

    // MARK: Cancel and revalue

    /// `clap actions cancel`: posts the exact mirror of the action's entry; the action becomes `annulee`.
    public static func cancel(actionID: Int64, reason: String, context: CommandContext, in db: Database) throws -> PostedEntry {
        guard let row = try Row.fetchOne(db, sql: "SELECT status, entry_seq FROM action WHERE id = ?", arguments: [actionID]) else {
            throw StoreError.notFound(what: "L'action n° \(actionID)")
        }
        guard (row["status"] as String) == "validee", let seq: Int64 = row["entry_seq"] else {
            throw StoreError.refused(code: "action.not_paid", message: "L'action n° \(actionID) n'est pas payée (statut \(row["status"] as String)) : il n'y a rien à annuler.")
        }
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200 else {
            throw StoreError.refused(code: "cancel.reason", message: "Indiquez le motif de l'annulation (200 caractères au plus).")
        }
        let original = try LedgerReader.entry(seq: seq, in: db)
        // Dated inside the action's envelope year (refused once it is closed), so that year still closes to zero.
        let date = try ClosingStore.envelopeEntryDate(context.today, year: original.draft.pieceDate.year, in: db)
        let draft = EntryDraft.reversal(of: original, on: date,
                                        label: "Annulation \(original.draft.pieceRef) : \(trimmed)", idempotencyKey: "cancel/\(actionID)")
        let entry = try LedgerWriter.post(draft, validDate: context.today, in: db).entry
        try db.execute(sql: "UPDATE action SET status = 'annulee', cancel_entry_seq = ?, cancel_reason = ? WHERE id = ?",
                       arguments: [entry.sequence, trimmed, actionID])
        return entry
    }

    /// `clap actions revalue`: decides a rejected action again with today's registry (after the data was fixed).
    public static func revalue(actionID: Int64, context: CommandContext, in db: Database) throws -> EligibilityOutcome {
        guard let declaration = try declaration(actionID, in: db) else { throw StoreError.notFound(what: "L'action n° \(actionID)") }
        guard try String.fetchOne(db, sql: "SELECT status FROM action WHERE id = ?", arguments: [actionID]) == "rejetee" else {
            throw StoreError.refused(code: "action.not_rejected", message: "Seule une action rejetée peut être revalorisée : l'action n° \(actionID) ne l'est pas.")
        }
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM action WHERE team_id = ? AND reference = ? AND status <> 'rejetee'",
                             arguments: [declaration.team.rawValue, declaration.reference]) ?? false {
            throw StoreError.refused(code: "duplicate.reference", message: "Une autre action \(declaration.reference) de \(declaration.team) est déjà payée.")
        }
        let book = try TariffStore.book(in: db)
        let (outcome, entry) = try decide(declaration, actionID: actionID, excluding: actionID, book: book, context: context, in: db)
        let versionIDs = Dictionary(uniqueKeysWithValues: try TariffStore.records(in: db).map { ($0.effectiveFrom, $0.id) })
        if let entry, let valuation = outcome.valuation {
            try db.execute(sql: "UPDATE action SET status = 'validee', tariff_version_id = ?, total_cents = ?, entry_seq = ? WHERE id = ?",
                           arguments: [versionIDs[valuation.scheduleEffectiveFrom], valuation.total.value, entry.sequence, actionID])
            try writeParticipants(declaration, actionID: actionID, valuation: valuation, in: db)
        }
        try writeReasons(outcome.reasons, actionID: actionID, in: db)
        return outcome
    }

    // MARK: Reading

    /// The stored declaration of an action.
    public static func declaration(_ id: Int64, in db: Database) throws -> ActionDeclaration? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM action WHERE id = ?"), arguments: [id]),
              let date = Day.parse(row["action_date"]) else { return nil }
        let participants = try Row.fetchAll(db.cachedStatement(sql: "SELECT rpps, role FROM action_participant WHERE action_id = ? ORDER BY rpps"),
                                            arguments: [id]).map {
            ActionParticipant(rpps: RPPS(unchecked: $0["rpps"]), role: ParticipantRole(rawValue: $0["role"]) ?? .participant, line: row["source_line"])
        }
        return ActionDeclaration(team: TeamID(unchecked: row["team_id"]), reference: row["reference"], type: ActionTypeCode(row["type"]),
                                 date: date, durationMinutes: row["duration_minutes"], caseRef: row["case_ref"], protocolRef: row["protocol_ref"],
                                 participants: participants, line: row["source_line"])
    }

    public static func list(team: TeamID?, status: String?, in db: Database) throws -> [ActionRecord] {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let team { conditions.append("a.team_id = ?"); arguments.append(team.rawValue) }
        if let status { conditions.append("a.status = ?"); arguments.append(status) }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM action a \(filter) ORDER BY a.action_date, a.team_id, a.reference, a.id",
                                    arguments: StatementArguments(arguments))
        return try rows.map { row in
            let id: Int64 = row["id"]
            let participants = try String.fetchAll(db.cachedStatement(sql: "SELECT rpps || ' ' || role FROM action_participant WHERE action_id = ? ORDER BY rpps"), arguments: [id])
            let reasons = try Row.fetchAll(db.cachedStatement(sql: "SELECT code, message FROM action_rejection WHERE action_id = ? ORDER BY position"), arguments: [id])
                .map { "\($0["message"] as String) [\($0["code"] as String)]" }
            return ActionRecord(id: id, team: row["team_id"], reference: row["reference"], type: row["type"],
                                date: Day.parse(row["action_date"]) ?? Day(year: 1900, month: 1, day: 1)!, durationMinutes: row["duration_minutes"],
                                status: row["status"], totalCents: row["total_cents"], participants: participants, reasons: reasons)
        }
    }
}

import ClapDomain
import GRDB
import LedgerCore

/// The rows an import writes for its actions (`action`, `action_participant`, `action_rejection`), held and written a
/// hundred to a statement after their entries (an action names its entry): `takeHeld` gives them, with the entries,
/// to an `ImportChunk`, which the writer connection writes, meanwhile or at once (`SnapshotPipeline`).
///
/// While rows are held, the database does not see them: what the import asks of this file's earlier actions is
/// answered from memory (`recordedDigests` here, the paid references, cases and protocols in `EligibilityBatch`).
struct ActionRows {
    /// Team, reference and declaration digest of an action, paid or rejected.
    struct DigestKey: Hashable {
        let team: TeamID
        let reference: String
        let digest: String
    }

    /// Held actions from which the caller hands them off (`isFull`).
    private let holding: Int
    private var held: [HeldActions.Action] = []
    private let fileName: String
    private let recordedAt: String
    private let versionIDs: [Day: Int64]
    /// Every action this import recorded, held or written: a declaration repeated in the file is known unchanged.
    private(set) var recordedDigests: Set<DigestKey> = []

    init(fileName: String, recordedAt: String, versionIDs: [Day: Int64], holding: Int) {
        self.holding = max(1, holding)
        self.fileName = fileName
        self.recordedAt = recordedAt
        self.versionIDs = versionIDs
    }

    /// Whether `holding` actions are held: time to write them.
    var isFull: Bool { held.count >= holding }

    /// Holds a new action with its participants and reasons.
    mutating func add(_ declaration: ActionDeclaration, id: Int64, digest: String, outcome: (EligibilityOutcome, PostedEntry?),
                      professions: [RPPS: Profession]) {
        let (eligibility, entry) = outcome
        let valuation = entry == nil ? nil : eligibility.valuation
        var amounts: [RPPS: Cents] = [:]
        for line in valuation?.lines ?? [] where amounts[line.rpps] == nil { amounts[line.rpps] = line.amount }
        held.append(HeldActions.Action(declaration: declaration, id: id, digest: digest, status: entry == nil ? "rejetee" : "validee",
                                       versionID: valuation.flatMap { versionIDs[$0.scheduleEffectiveFrom] }, totalCents: valuation?.total.value,
                                       entrySeq: entry?.sequence, amounts: amounts, tariffGroups: professions.mapValues(\.tariffGroup),
                                       reasons: eligibility.reasons))
        recordedDigests.insert(DigestKey(team: declaration.team, reference: declaration.reference, digest: digest))
    }

    /// The held actions, for a connection to write after their entries; none is held afterwards.
    mutating func takeHeld() -> HeldActions {
        defer { held.removeAll(keepingCapacity: true) }
        return HeldActions(actions: held, fileName: fileName, recordedAt: recordedAt)
    }
}

/// Actions decided and not yet written, with their participants and reasons.
struct HeldActions: Sendable {
    struct Action: Sendable {
        let declaration: ActionDeclaration
        let id: Int64
        let digest: String
        let status: String
        let versionID: Int64?
        let totalCents: Int64?
        let entrySeq: Int64?
        let amounts: [RPPS: Cents]
        let tariffGroups: [RPPS: TariffGroup]
        let reasons: [RejectionReason]
    }

    let actions: [Action]
    let fileName: String
    let recordedAt: String

    /// Writes the actions, their participants and their reasons, a hundred rows to a statement (their entries first).
    func write(in db: Database) throws {
        guard !actions.isEmpty else { return }
        try RowInserter.insert(into: """
            action (id, team_id, reference, type, action_date, duration_minutes, case_ref, protocol_ref, status,
                    tariff_version_id, total_cents, entry_seq, declaration_digest, source_file, source_line, recorded_at)
            """, columns: 16, in: db) { rows in
            for action in actions {
                let declaration = action.declaration
                try rows.add(action.id, declaration.team.rawValue, declaration.reference, declaration.type.rawValue, declaration.date.iso,
                             declaration.durationMinutes, declaration.caseRef, declaration.protocolRef, action.status,
                             action.versionID, action.totalCents, action.entrySeq, action.digest, fileName, declaration.line, recordedAt,
                             in: db)
            }
        }
        try RowInserter.insert(into: "action_participant (action_id, rpps, role, tariff_group, amount_cents)", columns: 5, in: db) { rows in
            for action in actions {
                for person in action.declaration.participants {
                    try rows.add(action.id, person.rpps.rawValue, person.role.rawValue, action.tariffGroups[person.rpps]?.rawValue,
                                 action.amounts[person.rpps]?.value, in: db)
                }
            }
        }
        try RowInserter.insert(into: "action_rejection (action_id, position, code, message)", columns: 4, in: db) { rows in
            for action in actions {
                for (position, reason) in action.reasons.enumerated() {
                    try rows.add(action.id, position + 1, reason.code.rawValue, reason.message, in: db)
                }
            }
        }
    }
}

/// What the import hands from the deciding connection to the writing one: entries first, then the actions that name them.
struct ImportChunk: Sendable {
    var entries: HeldEntries
    let actions: HeldActions

    mutating func write(in db: Database) throws {
        try entries.write(in: db)
        try actions.write(in: db)
    }
}

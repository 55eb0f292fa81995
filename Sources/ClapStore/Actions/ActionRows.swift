import ClapDomain
import GRDB
import LedgerCore

/// The rows an import writes for its actions (`action`, `action_participant`, `action_rejection`), held and written a
/// hundred to a statement after their entries (`PostingBatch.writePending`: an action names its entry).
///
/// While rows are held, the database does not see them: what the import asks of this file's earlier actions is
/// answered from memory (`recordedDigests` here, the paid references, cases and protocols in `EligibilityBatch`).
struct ActionRows {
    private struct Held {
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

    /// Team, reference and declaration digest of an action, paid or rejected.
    struct DigestKey: Hashable {
        let team: TeamID
        let reference: String
        let digest: String
    }

    /// Held actions past which `add` writes them.
    private let holding: Int
    private var held: [Held] = []
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

    /// Holds a new action with its participants and reasons; past `holding` actions, writes them (entries first).
    mutating func add(_ declaration: ActionDeclaration, id: Int64, digest: String, outcome: (EligibilityOutcome, PostedEntry?),
                      professions: [RPPS: Profession], ledger: inout PostingBatch, in db: Database) throws {
        let (eligibility, entry) = outcome
        let valuation = entry == nil ? nil : eligibility.valuation
        var amounts: [RPPS: Cents] = [:]
        for line in valuation?.lines ?? [] where amounts[line.rpps] == nil { amounts[line.rpps] = line.amount }
        held.append(Held(declaration: declaration, id: id, digest: digest, status: entry == nil ? "rejetee" : "validee",
                         versionID: valuation.flatMap { versionIDs[$0.scheduleEffectiveFrom] }, totalCents: valuation?.total.value,
                         entrySeq: entry?.sequence, amounts: amounts, tariffGroups: professions.mapValues(\.tariffGroup),
                         reasons: eligibility.reasons))
        recordedDigests.insert(DigestKey(team: declaration.team, reference: declaration.reference, digest: digest))
        if held.count >= holding { try write(ledger: &ledger, in: db) }
    }

    /// Writes the held entries, then the held actions, their participants and their reasons.
    mutating func write(ledger: inout PostingBatch, in db: Database) throws {
        try ledger.writePending(in: db)
        guard !held.isEmpty else { return }
        try RowInserter.insert(into: """
            action (id, team_id, reference, type, action_date, duration_minutes, case_ref, protocol_ref, status,
                    tariff_version_id, total_cents, entry_seq, declaration_digest, source_file, source_line, recorded_at)
            """, columns: 16, in: db) { rows in
            for action in held {
                let declaration = action.declaration
                try rows.add(action.id, declaration.team.rawValue, declaration.reference, declaration.type.rawValue, declaration.date.iso,
                             declaration.durationMinutes, declaration.caseRef, declaration.protocolRef, action.status,
                             action.versionID, action.totalCents, action.entrySeq, action.digest, fileName, declaration.line, recordedAt,
                             in: db)
            }
        }
        try RowInserter.insert(into: "action_participant (action_id, rpps, role, tariff_group, amount_cents)", columns: 5, in: db) { rows in
            for action in held {
                for person in action.declaration.participants {
                    try rows.add(action.id, person.rpps.rawValue, person.role.rawValue, action.tariffGroups[person.rpps]?.rawValue,
                                 action.amounts[person.rpps]?.value, in: db)
                }
            }
        }
        try RowInserter.insert(into: "action_rejection (action_id, position, code, message)", columns: 4, in: db) { rows in
            for action in held {
                for (position, reason) in action.reasons.enumerated() {
                    try rows.add(action.id, position + 1, reason.code.rawValue, reason.message, in: db)
                }
            }
        }
        held.removeAll(keepingCapacity: true)
    }
}

import ClapDomain
import GRDB
import LedgerCore

/// Invariant 6 proven clean in one pass: the same three streams as `ValuationCheck` (actions with their entry, their
/// participants, their entry's lines, in action order), read column by column, each action checked as the reference
/// checks it (declaration digest, revaluation against the entry's lines and the amounts stored with the action).
///
/// It answers true only when the reference would name nothing, given that every entry and line reads back as clap
/// writes them (the reference decodes each action's entry; `LedgerScan` proves that for every entry, and `Verifier`
/// requires both). At the first action it cannot vouch for, it stops and answers false.
enum ValuationScan {
    /// The entries the actions point to, when every action checks out.
    struct Entries: Sendable {
        /// Every action's `entry_seq` and `cancel_entry_seq`: no IND entry may be outside them
        /// (`ValuationCheck.orphanEntries`).
        var referenced = PositionSet()
        /// The paid actions' entries: each must exist (`indemnity.missing_entry`).
        var paid = PositionSet()
    }

    /// The entries the actions point to when every action checks out, else nil. `Verifier` compares them with the
    /// entries `LedgerScan` read.
    static func run(in db: Database) throws -> Entries? {
        var unreadable: [LedgerViolation] = []
        let schedules = try ValuationCheck.readSchedules(in: db, found: &unreadable)
        guard unreadable.isEmpty else { return nil }
        guard let payable = try accountNumber(.professionalPayable, in: db),
              let expense = try accountNumber(.indemnityExpense, in: db) else { return nil }
        var scan = ValuationScan.Walk(schedules: schedules, payable: payable, expense: expense)
        return try scan.run(in: db) ? scan.entries : nil
    }

    /// The account the reference compares lines with (the empty text when no account has the role); nil when the
    /// stored number is not text.
    static func accountNumber(_ role: AccountRole, in db: Database) throws -> [UInt8]? {
        let rows = try RawRows(db, "SELECT number FROM account WHERE role = ?", arguments: [role.rawValue])
        guard try rows.next() else { return [] }
        return rows.text(0).map(Array.init)
    }

    private struct Walk {
        let schedules: [Int64: TariffSchedule]
        let payable: [UInt8]
        let expense: [UInt8]

        private var participants: RawRows!
        private var participantPending = false
        private var lines: RawRows!
        private var linePending = false
        private var digest = CanonicalBytes()
        /// The rules already looked up, by barème version and type.
        private var rules: [(version: Int64, type: [UInt8], rule: ActionTypeRule)] = []
        /// The current action's participants' RPPS, one after the other, and its analytic code.
        private var rppsBytes: [UInt8] = []
        private var analytic: [UInt8] = []
        /// The entries actions point to.
        private(set) var entries = Entries()

        /// One participant of the current action.
        private struct Participant {
            /// Where its RPPS is in `rppsBytes`.
            var rpps: Range<Int>
            var role: ParticipantRole
            var group: TariffGroup?
            var amount: Int64?
            var expected: Int64 = 0
            var posted: Int64 = 0
            var seen = false
        }

        init(schedules: [Int64: TariffSchedule], payable: [UInt8], expense: [UInt8]) {
            self.schedules = schedules
            self.payable = payable
            self.expense = expense
        }

        mutating func run(in db: Database) throws -> Bool {
            let actions = try RawRows(db, """
                SELECT a.id, a.team_id, a.reference, a.type, a.action_date, a.duration_minutes, a.case_ref, a.protocol_ref,
                       a.status, a.tariff_version_id, a.total_cents, a.entry_seq, a.declaration_digest, a.cancel_entry_seq
                FROM action a ORDER BY a.id
                """)
            participants = try RawRows(db, "SELECT action_id, rpps, role, tariff_group, amount_cents FROM action_participant ORDER BY action_id, rpps")
            participantPending = try participants.next()
            lines = try RawRows(db, """
                SELECT a.id, p.account, p.auxiliary, p.analytic, p.debit_cents, p.credit_cents
                FROM action a JOIN posting p ON p.entry_seq = a.entry_seq ORDER BY a.id, p.line_no
                """)
            linePending = try lines.next()
            var previous: Int64?
            var group: [Participant] = []
            while try actions.next() {
                guard let id = actions.integer(0), previous.map({ $0 < id }) ?? true else { return false }
                previous = id
                for column: Int32 in [11, 13] where !actions.isNull(column) {
                    guard let seq = actions.integer(column), entries.referenced.insert(seq) else { return false }
                }
                guard try takeParticipants(of: id, into: &group), try check(actions, id: id, participants: &group) else { return false }
            }
            return true
        }

        /// The participant rows of action `id`, in `rpps` order (rows of earlier ids belong to no action: skipped,
        /// as the reference skips them). False on a row the reference could read otherwise.
        private mutating func takeParticipants(of id: Int64, into group: inout [Participant]) throws -> Bool {
            group.removeAll(keepingCapacity: true)
            rppsBytes.removeAll(keepingCapacity: true)
            while participantPending {
                guard let owner = participants.integer(0) else { return false }
                if owner > id { break }
                if owner == id {
                    guard let rpps = participants.text(1), StoredText.isPlainASCII(rpps),
                          let roleText = participants.text(2), let role = Self.value(roleText, Self.roles),
                          group.last.map({ rppsBytes[$0.rpps].lexicographicallyPrecedes(rpps) }) ?? true else { return false }
                    let start = rppsBytes.count
                    rppsBytes.append(contentsOf: rpps)
                    var participant = Participant(rpps: start..<rppsBytes.count, role: role)
                    if let text = participants.text(3) { participant.group = Self.value(text, Self.groups) }
                    participant.amount = participants.integer(4)
                    group.append(participant)
                }
                participantPending = try participants.next()
            }
            return true
        }

        /// One action as `ValuationCheck.check` checks it; its entry's lines are consumed whatever it holds.
        private mutating func check(_ row: RawRows, id: Int64, participants: inout [Participant]) throws -> Bool {
            guard let team = row.text(1), StoredText.isPlainASCII(team),
                  let reference = row.text(2), StoredText.readsBackExactly(reference),
                  let type = row.text(3), StoredText.isPlainASCII(type),
                  let date = row.text(4), StoredText.dayMonthIndex(date) != nil else { return false }
            let duration = row.integer(5)
            if duration == nil, !row.isNull(5) { return false }
            let caseRef = row.text(6), protocolRef = row.text(7)
            if caseRef.map({ !StoredText.readsBackExactly($0) }) ?? !row.isNull(6) { return false }
            if protocolRef.map({ !StoredText.readsBackExactly($0) }) ?? !row.isNull(7) { return false }

            // The declaration's digest (`ActionDeclaration.declarationDigest`).
            digest.reset()
            digest.field(team)
            digest.field(reference)
            digest.field(type)
            digest.field(date)
            if let duration { digest.numberField(duration) } else { digest.emptyField() }
            if let caseRef { digest.field(caseRef) } else { digest.emptyField() }
            if let protocolRef { digest.field(protocolRef) } else { digest.emptyField() }
            for participant in participants {
                digest.field(rppsBytes[participant.rpps])
                digest.field(participant.role.rawValue.utf8)
            }
            guard let stored = row.text(12), StoredDigest.matches(digest.buffer, stored) else { return false }

            guard row.text(8).flatMap({ Self.value($0, Self.statuses) }) ?? false else { return try skipLines(of: id) }
            guard let entrySeq = row.integer(11), entries.paid.insert(entrySeq), let version = row.integer(9),
                  let schedule = schedules[version] else {
                return false
            }

            // The revaluation (`Valuation.value`).
            let rule: ActionTypeRule
            if let known = rules.first(where: { $0.version == version && StoredText.equal(type, $0.type) }) {
                rule = known.rule
            } else {
                guard let found = schedule.types[ActionTypeCode(String(decoding: type, as: UTF8.self))] else { return false }
                rules.append((version, Array(type), found))
                rule = found
            }
            var minutes: Int?
            if rule.unit == .hour {
                guard let duration, (1...Int64(Valuation.minutesMax)).contains(duration) else { return false }
                minutes = Int(duration)
            }
            var total: Int64 = 0
            for index in participants.indices {
                guard let group = participants[index].group,
                      let rate = rule.rates.rate(group: group, role: participants[index].role) else { return false }
                let amount = minutes.map { Valuation.hourlyAmount(rate: rate.amount, minutes: $0) } ?? rate.amount
                participants[index].expected = amount.value
                total &+= amount.value
            }

            // The entry's lines against it.
            analytic.removeAll(keepingCapacity: true)
            analytic.append(contentsOf: team)
            analytic.append(UInt8(ascii: "/"))
            analytic.append(contentsOf: date[0..<4])
            var expensePosted: Int64 = 0
            while linePending {
                guard let owner = lines.integer(0) else { return false }
                if owner > id { break }
                if owner == id {
                    guard let account = lines.text(1), StoredText.isPlainASCII(account),
                          let debit = lines.integer(4), let credit = lines.integer(5) else { return false }
                    let party = lines.text(2), code = lines.text(3)
                    if party.map({ !StoredText.isPlainASCII($0) }) ?? !lines.isNull(2) { return false }
                    if code.map({ !StoredText.isPlainASCII($0) }) ?? !lines.isNull(3) { return false }
                    let isDebit = debit > 0
                    let amount = isDebit ? debit : credit
                    if !isDebit, StoredText.equal(account, payable) {
                        guard let party, let index = participants.firstIndex(where: { StoredText.equal(party, rppsBytes[$0.rpps]) }) else {
                            return false
                        }
                        participants[index].posted &+= amount
                        participants[index].seen = true
                    }
                    if isDebit, StoredText.equal(account, expense), let code, StoredText.equal(code, analytic) {
                        expensePosted &+= amount
                    }
                }
                linePending = try lines.next()
            }
            guard expensePosted == total else { return false }
            for participant in participants {
                guard participant.seen, participant.posted == participant.expected, participant.amount == participant.expected else {
                    return false
                }
            }
            return row.integer(10) == total
        }

        static let roles = ParticipantRole.allCases.map { (Array($0.rawValue.utf8), $0) }
        static let groups = TariffGroup.allCases.map { (Array($0.rawValue.utf8), $0) }
        /// Paid (the entry is revalued) or not.
        static let statuses = [(Array("validee".utf8), true), (Array("annulee".utf8), true)]

        /// The value whose raw text these bytes are, as `init(rawValue:)` on the `String` GRDB reads would find it:
        /// plain ASCII compares byte for byte; anything else goes through that `String`, NUL byte and all.
        static func value<Value>(_ bytes: UnsafeBufferPointer<UInt8>, _ table: [([UInt8], Value)]) -> Value? {
            if StoredText.isPlainASCII(bytes) { return table.first { StoredText.equal(bytes, $0.0) }?.1 }
            let text = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            return table.first { String(decoding: $0.0, as: UTF8.self) == text }?.1
        }

        private mutating func skipLines(of id: Int64) throws -> Bool {
            while linePending {
                guard let owner = lines.integer(0) else { return false }
                if owner > id { break }
                linePending = try lines.next()
            }
            return true
        }
    }
}

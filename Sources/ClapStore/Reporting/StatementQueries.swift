import ClapDomain
import GRDB
import LedgerCore

/// The period a report covers: a calendar year, or one month of it.
public struct ReportPeriod: Hashable, Sendable, Codable {
    public let year: Int
    /// 1…12, or nil for the whole year.
    public let month: Int?

    /// Nil when the year or the month does not exist.
    public init?(year: Int, month: Int? = nil) {
        guard (1900...9999).contains(year), month.map({ (1...12).contains($0) }) ?? true else { return nil }
        self.year = year
        self.month = month
    }

    public var first: Day { Day(year: year, month: month ?? 1, day: 1)! }
    public var last: Day { YearMonth(year: year, month: month ?? 12)!.lastDay }
    /// `2025` or `2025-03`, for file names and scopes.
    public var code: String { month.map { YearMonth(year: year, month: $0)!.iso } ?? String(year) }
}

/// The professional a statement is addressed to; names and profession are nil for a third party the registry lacks.
public struct StatementProfessional: Hashable, Sendable {
    public let rpps: RPPS
    public let firstName: String?
    public let lastName: String?
    public let profession: Profession?

    public init(rpps: RPPS, firstName: String?, lastName: String?, profession: Profession?) {
        self.rpps = rpps
        self.firstName = firstName
        self.lastName = lastName
        self.profession = profession
    }

    /// `Claire LEMOINE`, or the RPPS alone when the registry does not know it.
    public var displayName: String {
        guard let lastName else { return rpps.rawValue }
        return ((firstName.map { $0 + " " }) ?? "") + lastName.uppercased()
    }
}

/// A valued action: an IND line crediting the professional's payable.
public struct StatementAction: Hashable, Sendable {
    /// The entry date (the action's date, or the first open day when its month was closed).
    public let entryDate: Day
    public let actionDate: Day
    public let team: TeamID
    public let teamName: String?
    public let reference: String
    public let type: ActionTypeCode
    /// The barème's label of the type, in the version that valued the action.
    public let typeLabel: String
    public let role: ParticipantRole?
    public let durationMinutes: Int?
    public let amount: Cents

    public init(entryDate: Day, actionDate: Day, team: TeamID, teamName: String?, reference: String, type: ActionTypeCode, typeLabel: String, role: ParticipantRole?, durationMinutes: Int?, amount: Cents) {
        self.entryDate = entryDate
        self.actionDate = actionDate
        self.team = team
        self.teamName = teamName
        self.reference = reference
        self.type = type
        self.typeLabel = typeLabel
        self.role = role
        self.durationMinutes = durationMinutes
        self.amount = amount
    }
}

/// A cancellation: the mirror IND line debiting the payable. `amount` is what it takes back (positive).
public struct StatementCancellation: Hashable, Sendable {
    public let entryDate: Day
    public let actionDate: Day?
    public let team: TeamID?
    public let teamName: String?
    public let reference: String
    public let typeLabel: String?
    public let reason: String?
    public let amount: Cents

    public init(entryDate: Day, actionDate: Day?, team: TeamID?, teamName: String?, reference: String, typeLabel: String?, reason: String?, amount: Cents) {
        self.entryDate = entryDate
        self.actionDate = actionDate
        self.team = team
        self.teamName = teamName
        self.reference = reference
        self.typeLabel = typeLabel
        self.reason = reason
        self.amount = amount
    }
}

/// A transfer of a payout batch: a BQ line debiting the payable.
public struct StatementPayment: Hashable, Sendable {
    public let entryDate: Day
    public let batchID: String
    /// The IBAN the transfer used (nil when the line has no transfer row, which `verify` reports).
    public let iban: IBAN?
    public let amount: Cents

    public init(entryDate: Day, batchID: String, iban: IBAN?, amount: Cents) {
        self.entryDate = entryDate
        self.batchID = batchID
        self.iban = iban
        self.amount = amount
    }
}

/// A transfer the bank sent back: a BQ line crediting the payable again.
public struct StatementRejection: Hashable, Sendable {
    public let entryDate: Day
    public let batchID: String
    public let reason: String?
    public let amount: Cents

    public init(entryDate: Day, batchID: String, reason: String?, amount: Cents) {
        self.entryDate = entryDate
        self.batchID = batchID
        self.reason = reason
        self.amount = amount
    }
}

/// Any other line on the professional's payable (an opening entry, a manual correction): kept so the
/// statement always adds up to the ledger. `due` is credit − debit.
public struct StatementOtherMovement: Hashable, Sendable {
    public let entryDate: Day
    public let entry: EntryRef
    public let pieceRef: String
    public let label: String
    public let due: Cents

    public init(entryDate: Day, entry: EntryRef, pieceRef: String, label: String, due: Cents) {
        self.entryDate = entryDate
        self.entry = entry
        self.pieceRef = pieceRef
        self.label = label
        self.due = due
    }
}

/// Everything a statement shows, read from one snapshot. Amounts due are credit − debit of 401100 (aux RPPS):
/// positive means the association owes the professional.
public struct StatementData: Hashable, Sendable {
    public let association: AssociationInfo
    public let professional: StatementProfessional
    public let period: ReportPeriod
    /// Due at the end of the day before the period.
    public let openingDue: Cents
    public let actions: [StatementAction]
    public let cancellations: [StatementCancellation]
    public let payments: [StatementPayment]
    public let rejections: [StatementRejection]
    public let others: [StatementOtherMovement]
    /// Due at the end of the period, as the ledger says (`Balances`).
    public let closingDue: Cents

    public init(association: AssociationInfo, professional: StatementProfessional, period: ReportPeriod, openingDue: Cents, actions: [StatementAction], cancellations: [StatementCancellation], payments: [StatementPayment], rejections: [StatementRejection], others: [StatementOtherMovement], closingDue: Cents) {
        self.association = association
        self.professional = professional
        self.period = period
        self.openingDue = openingDue
        self.actions = actions
        self.cancellations = cancellations
        self.payments = payments
        self.rejections = rejections
        self.others = others
        self.closingDue = closingDue
    }

    public var actionsTotal: Cents { actions.reduce(.zero) { $0 + $1.amount } }
    public var cancellationsTotal: Cents { cancellations.reduce(.zero) { $0 + $1.amount } }
    public var paymentsTotal: Cents { payments.reduce(.zero) { $0 + $1.amount } }
    public var rejectionsTotal: Cents { rejections.reduce(.zero) { $0 + $1.amount } }
    public var othersTotal: Cents { others.reduce(.zero) { $0 + $1.due } }

    /// The opening balance plus every movement listed: equals `closingDue` when every line was read. Nil when the
    /// sum would pass Int64 (amounts no ledger holds: a damaged table), computed without trapping.
    public var computedClosingDue: Cents? {
        var total = openingDue.value
        let credited = actions.map(\.amount.value) + rejections.map(\.amount.value) + others.map(\.due.value)
        let debited = cancellations.map(\.amount.value) + payments.map(\.amount.value)
        for amount in credited {
            let sum = total.addingReportingOverflow(amount)
            guard !sum.overflow else { return nil }
            total = sum.partialValue
        }
        for amount in debited {
            let difference = total.subtractingReportingOverflow(amount)
            guard !difference.overflow else { return nil }
            total = difference.partialValue
        }
        return Cents(total)
    }

    /// Whether the listed movements take the opening due exactly to the closing due.
    public var addsUp: Bool { computedClosingDue == closingDue }

    /// Whether anything happened in the period or anything is owed.
    public var hasContent: Bool {
        openingDue != .zero || closingDue != .zero || !actions.isEmpty || !cancellations.isEmpty || !payments.isEmpty
            || !rejections.isEmpty || !others.isEmpty
    }
}

/// Reads statements (relevés d'indemnités) from the ledger: the lines of 401100 for one third party.
public enum StatementQueries {
    /// The statement of one professional for the period.
    public static func statement(rpps: RPPS, period: ReportPeriod, in db: Database) throws -> StatementData {
        let chart = try AssociationStore.chart(in: db)
        let book = try TariffStore.book(in: db)
        return try statement(rpps: rpps, period: period, payable: chart.number(.professionalPayable), book: book,
                             association: try AssociationStore.association(in: db), in: db)
    }

    /// The statements of everyone with a movement in the period or a balance at its start, in RPPS order.
    public static func statements(period: ReportPeriod, in db: Database) throws -> [StatementData] {
        var statements: [StatementData] = []
        try forEachStatement(period: period, in: db) { statements.append($0) }
        return statements
    }

    /// The same statements, handed over one at a time (`statement --all` writes each as it comes, so memory holds one).
    ///
    /// Read in two passes whatever the number of professionals: the monthly totals of 401100 per third party
    /// (`third_party_month`, Schema/0012) give who has a statement and their opening and closing dues, since a
    /// period is whole months; the period's 401100 lines, read by date and sorted by third party, give the
    /// movements. Each statement is checked to add up (opening + movements = closing): totals that disagree with
    /// the lines are refused rather than printed.
    public static func forEachStatement(period: ReportPeriod, in db: Database, _ body: (StatementData) throws -> Void) throws {
        let book = try TariffStore.book(in: db)
        let association = try AssociationStore.association(in: db)
        let payable = try AssociationStore.chart(in: db).number(.professionalPayable)
        let lines = try Row.fetchCursor(db, sql: periodLinesSQL, arguments: [period.first.iso, period.last.iso, payable])
        var pending = try lines.next()
        for due in try PayableDues.read(period: period, payable: payable, in: db) {
            var collector = Collector(book: book, rpps: due.rpps)
            while let line = pending {
                let auxiliary: String = line["auxiliary"]
                guard auxiliary == due.rpps.rawValue else {
                    // Lines come in the same order as the dues: one that sorts first belongs to no listed third party.
                    if auxiliary.utf8.lexicographicallyPrecedes(due.rpps.rawValue.utf8) { throw PayableDues.disagree(rpps: auxiliary, period: period, payable: payable) }
                    break
                }
                try collector.add(line, in: db)
                pending = try lines.next()
            }
            let statement = try statement(rpps: due.rpps, period: period, association: association, collector: collector,
                                          openingDue: due.opening, closingDue: due.closing, in: db)
            guard statement.addsUp else { throw PayableDues.disagree(rpps: due.rpps.rawValue, period: period, payable: payable) }
            try body(statement)
        }
        if let line = pending { throw PayableDues.disagree(rpps: line["auxiliary"] ?? "?", period: period, payable: payable) }
    }

    /// The period's lines of the payable account, by third party. They are found through the period's entries
    /// (`entry_by_date`, then each entry's lines by primary key); `+p.account` rules out `posting_by_account`
    /// whatever SQLite estimates, since through it each entry would cost a scan of the account's whole history.
    static let periodLinesSQL = """
        SELECT p.auxiliary, e.seq, e.journal, e.fiscal_year, e.number, e.entry_date, e.piece_ref, e.label, p.debit_cents, p.credit_cents
        FROM entry e CROSS JOIN posting p ON p.entry_seq = e.seq
        WHERE e.entry_date >= ? AND e.entry_date <= ? AND e.journal <> 'AN' AND +p.account = ? AND p.auxiliary IS NOT NULL
        ORDER BY p.auxiliary, e.entry_date, e.seq, p.line_no
        """

    static func statement(rpps: RPPS, period: ReportPeriod, payable: String, book: TariffBook, association: AssociationInfo,
                          in db: Database) throws -> StatementData {
        var collector = Collector(book: book, rpps: rpps)
        // À-nouveaux restate balances the history already holds: the opening due comes from the history itself.
        let lines = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT e.seq, e.journal, e.fiscal_year, e.number, e.entry_date, e.piece_ref, e.label, p.debit_cents, p.credit_cents
            FROM posting p JOIN entry e ON e.seq = p.entry_seq
            WHERE p.account = ? AND \(try ThirdPartyBlocks.condition(alias: "p", in: db)) AND p.auxiliary = ? AND e.entry_date >= ? AND e.entry_date <= ? AND e.journal <> 'AN'
            ORDER BY e.entry_date, e.seq, p.line_no
            """), arguments: [payable, rpps.rawValue, period.first.iso, period.last.iso])
        while let line = try lines.next() { try collector.add(line, in: db) }
        let before = period.first.adding(days: -1)
        let openingDue = try before.map { -(try Balances.balance(account: payable, auxiliary: rpps.rawValue, through: $0, in: db)) } ?? .zero
        let closingDue = -(try Balances.balance(account: payable, auxiliary: rpps.rawValue, through: period.last, in: db))
        return try statement(rpps: rpps, period: period, association: association, collector: collector,
                             openingDue: openingDue, closingDue: closingDue, in: db)
    }

    private static func statement(rpps: RPPS, period: ReportPeriod, association: AssociationInfo, collector: Collector,
                                  openingDue: Cents, closingDue: Cents, in db: Database) throws -> StatementData {
        let professional = try Row.fetchOne(db.cachedStatement(sql: "SELECT first_name, last_name, profession FROM professional WHERE rpps = ?"),
                                            arguments: [rpps.rawValue])
        return StatementData(
            association: association,
            professional: StatementProfessional(rpps: rpps, firstName: professional?["first_name"], lastName: professional?["last_name"],
                                                profession: (professional?["profession"] as String?).flatMap(Profession.init(rawValue:))),
            period: period, openingDue: openingDue, actions: collector.actions, cancellations: collector.cancellations,
            payments: collector.payments, rejections: collector.rejections, others: collector.others, closingDue: closingDue)
    }

    /// Sorts each 401100 line into what it is, from the rows that explain it (action, payout transfer).
    struct Collector {
        let book: TariffBook
        let rpps: RPPS
        var actions: [StatementAction] = []
        var cancellations: [StatementCancellation] = []
        var payments: [StatementPayment] = []
        var rejections: [StatementRejection] = []
        var others: [StatementOtherMovement] = []

        // What explains a line, found from its entry: each is one index seek (action_by_entry and
        // action_by_cancel_entry since Schema/0015; the payout tables' unique entry columns).
        static let valuedActionSQL = """
            SELECT a.team_id, t.name, a.reference, a.type, a.action_date, a.duration_minutes, ap.role
            FROM action a LEFT JOIN team t ON t.id = a.team_id
            LEFT JOIN action_participant ap ON ap.action_id = a.id AND ap.rpps = ?
            WHERE a.entry_seq = ?
            """
        static let cancellationSQL = """
            SELECT a.team_id, t.name, a.reference, a.type, a.action_date, a.cancel_reason
            FROM action a LEFT JOIN team t ON t.id = a.team_id WHERE a.cancel_entry_seq = ?
            """
        static let paymentSQL = """
            SELECT b.id, i.iban FROM payout_batch b
            LEFT JOIN payout_transfer t ON t.batch_id = b.id AND t.rpps = ?
            LEFT JOIN professional_iban i ON i.id = t.iban_id
            WHERE b.entry_seq = ?
            """
        static let rejectionSQL = "SELECT batch_id, reject_reason FROM payout_transfer WHERE reject_entry_seq = ?"

        mutating func add(_ line: Row, in db: Database) throws {
            guard let entryDate = Day.parse(line["entry_date"]) else {
                throw StoreError.refused(code: "ledger.unreadable", message: "Une écriture a une date illisible : lancez « clap verify ».")
            }
            let seq: Int64 = line["seq"]
            let debit = Cents(line["debit_cents"]), credit = Cents(line["credit_cents"])
            switch (JournalCode(line["journal"]), credit.isPositive) {
            case (.ind, true):
                if let action = try valuedAction(entrySeq: seq, on: entryDate, amount: credit, in: db) { return actions.append(action) }
            case (.ind, false):
                if let cancellation = try cancellation(entrySeq: seq, on: entryDate, amount: debit, in: db) { return cancellations.append(cancellation) }
            case (.bq, false):
                if let row = try Row.fetchOne(db.cachedStatement(sql: Self.paymentSQL), arguments: [rpps.rawValue, seq]) {
                    return payments.append(StatementPayment(entryDate: entryDate, batchID: row["id"],
                                                            iban: (row["iban"] as String?).map(IBAN.init(unchecked:)), amount: debit))
                }
            case (.bq, true):
                if let row = try Row.fetchOne(db.cachedStatement(sql: Self.rejectionSQL), arguments: [seq]) {
                    return rejections.append(StatementRejection(entryDate: entryDate, batchID: row["batch_id"], reason: row["reject_reason"], amount: credit))
                }
            default:
                break
            }
            other(line, on: entryDate)
        }

        private mutating func other(_ line: Row, on day: Day) {
            others.append(StatementOtherMovement(
                entryDate: day, entry: EntryRef(journal: JournalCode(line["journal"]), fiscalYear: line["fiscal_year"], number: line["number"]),
                pieceRef: line["piece_ref"], label: line["label"], due: Cents(line["credit_cents"]) - Cents(line["debit_cents"])))
        }

        private func valuedAction(entrySeq: Int64, on entryDate: Day, amount: Cents, in db: Database) throws -> StatementAction? {
            guard let row = try Row.fetchOne(db.cachedStatement(sql: Self.valuedActionSQL), arguments: [rpps.rawValue, entrySeq]), let actionDate = Day.parse(row["action_date"]) else { return nil }
            let type = ActionTypeCode(row["type"])
            return StatementAction(entryDate: entryDate, actionDate: actionDate, team: TeamID(unchecked: row["team_id"]), teamName: row["name"],
                                   reference: row["reference"], type: type, typeLabel: label(of: type, on: actionDate),
                                   role: (row["role"] as String?).flatMap(ParticipantRole.init(rawValue:)),
                                   durationMinutes: row["duration_minutes"], amount: amount)
        }

        private func cancellation(entrySeq: Int64, on entryDate: Day, amount: Cents, in db: Database) throws -> StatementCancellation? {
            guard let row = try Row.fetchOne(db.cachedStatement(sql: Self.cancellationSQL), arguments: [entrySeq]) else { return nil }
            let actionDate = Day.parse(row["action_date"])
            return StatementCancellation(entryDate: entryDate, actionDate: actionDate, team: TeamID(unchecked: row["team_id"]),
                                         teamName: row["name"], reference: row["reference"],
                                         typeLabel: actionDate.map { label(of: ActionTypeCode(row["type"]), on: $0) },
                                         reason: row["cancel_reason"], amount: amount)
        }

        private func label(of type: ActionTypeCode, on day: Day) -> String {
            book.version(at: day)?.types[type]?.label ?? type.rawValue
        }
    }
}

import ClapDomain
import GRDB
import LedgerCore

/// What `envelope grant --all` did.
public struct GrantAllSummary: Hashable, Sendable, Codable {
    public var granted: [TeamID] = []
    public var total = Cents.zero
    public var alreadyGranted = 0
    public var notActive = 0
}

/// A team's envelope for a year: granted (741000 and 789400 credits), consumed (net 622600 debits), room.
public struct EnvelopeStatus: Hashable, Sendable, Codable {
    public let team: TeamID
    public let year: Int
    public let granted: Cents
    public let consumed: Cents

    public var room: Cents { granted - consumed }
    /// Consumption in basis points of the grant (10 000 = 100 %), integer arithmetic.
    public var usedBasisPoints: Int64 { granted.value > 0 ? consumed.value * 10_000 / granted.value : 0 }
}

/// Grants, receipts and the envelope arithmetic of accounting.md.
public enum EnvelopeStore {
    /// `clap envelope grant`: OD Dr 441100 (aux T) / Cr 741000 (T, Y). The amount defaults to the barème's cap
    /// and the year's grants together may not exceed it. Refused for a closed year; dated inside year Y
    /// (`PeriodClosing.envelopeYearDate`), so that the year's result can close to zero.
    public static func grant(team: TeamID, year: Int, amount: Cents?, date: Day, decisionRef: String?,
                             context: CommandContext, in db: Database) throws -> PostingOutcome {
        guard try RegistryStore.team(team, in: db) != nil else { throw StoreError.notFound(what: "L'équipe \(team)") }
        let book = try TariffStore.book(in: db)
        guard let schedule = book.version(at: Day(year: year, month: 1, day: 1)!) ?? book.version(at: date) ?? book.newest else {
            throw StoreError.refused(code: "tariff.none", message: "Aucun barème n'est chargé : lancez d'abord « clap tariff import ».")
        }
        let cap = schedule.envelopeCapPerTeamYear
        let value = amount ?? cap
        guard value.isPositive else { throw StoreError.refused(code: "amount.not_positive", message: "Le montant doit être positif.") }
        let chart = try AssociationStore.chart(in: db)
        let key = EnvelopeKey(team: team, year: year)
        let draft = grantDraft(key, amount: value, date: date, decisionRef: decisionRef, chart: chart,
                               entryDate: try ClosingStore.envelopeEntryDate(date, year: year, in: db))
        if try LedgerReader.entry(idempotencyKey: draft.idempotencyKey ?? "", in: db) == nil {
            let already = try AnalyticTotals.resultBalance(account: chart.number(.subsidyRevenue), analytic: key.analyticCode, in: db).magnitude
            guard already + value <= cap else {
                throw StoreError.refused(code: "envelope.cap", message:
                    "L'enveloppe \(year) de \(team) serait de \((already + value).euroString), au-delà du plafond du barème (\(cap.euroString)) : déjà accordé \(already.euroString).")
            }
        }
        return try LedgerWriter.post(draft, validDate: context.today, in: db)
    }

    /// OD Dr 441100 (aux T) / Cr 741000 (T, Y), keyed by team, year and decision.
    static func grantDraft(_ key: EnvelopeKey, amount: Cents, date: Day, decisionRef: String?, chart: Chart, entryDate: Day) -> EntryDraft {
        let team = key.team.rawValue
        let reference = decisionRef ?? "ARS-\(key.year)-\(team)"
        return EntryDraft(journal: .od, entryDate: entryDate, pieceDate: date, pieceRef: reference, label: "Dotation FIR \(key.year) \(team)",
                          lines: [.debit(chart.number(.arsReceivable), amount, auxiliary: team),
                                  .credit(chart.number(.subsidyRevenue), amount, analytic: key.analyticCode)],
                          idempotencyKey: "grant/\(team)/\(key.year)/\(reference)")
    }

    /// `clap envelope receive`: BQ Dr 512000 / Cr 441100 (aux T). Refuses more than the ARS still owes.
    public static func receive(team: TeamID, year: Int, amount: Cents, date: Day, context: CommandContext, in db: Database) throws -> PostingOutcome {
        guard amount.isPositive else { throw StoreError.refused(code: "amount.not_positive", message: "Le montant doit être positif.") }
        let chart = try AssociationStore.chart(in: db)
        let draft = EntryDraft(
            journal: .bq, entryDate: try LedgerReader.firstOpenDay(onOrAfter: date, in: db), pieceDate: date,
            pieceRef: "ARS-\(year)-\(team.rawValue)", label: "Versement ARS FIR \(year) \(team.rawValue)",
            lines: [.debit(chart.number(.bank), amount), .credit(chart.number(.arsReceivable), amount, auxiliary: team.rawValue)],
            idempotencyKey: "receive/\(team.rawValue)/\(year)/\(date.iso)/\(amount.value)")
        if try LedgerReader.entry(idempotencyKey: draft.idempotencyKey ?? "", in: db) == nil {
            let owed = try Balances.balance(account: chart.number(.arsReceivable), auxiliary: team.rawValue, in: db)
            guard amount <= owed else {
                throw StoreError.refused(code: "receipt.exceeds_receivable", message:
                    "L'ARS ne doit plus que \(owed.euroString) à \(team) : un versement de \(amount.euroString) ne peut pas être enregistré.")
            }
        }
        return try LedgerWriter.post(draft, validDate: context.today, in: db)
    }

    /// Granted, consumed and room of one envelope, from its running totals (`AnalyticTotals`, Schema/0016).
    public static func status(_ key: EnvelopeKey, chart: Chart? = nil, in db: Database) throws -> EnvelopeStatus {
        let chart = try chart ?? AssociationStore.chart(in: db)
        let row = try Row.fetchOne(db.cachedStatement(sql: statusSQL), arguments: [
            chart.number(.subsidyRevenue), chart.number(.dedicatedFundsReuse), chart.number(.indemnityExpense), key.analyticCode,
        ])
        return EnvelopeStatus(team: key.team, year: key.year, granted: Cents(row?["granted"] ?? 0), consumed: Cents(row?["consumed"] ?? 0))
    }

    /// Granted (the grant and reused dedicated funds, credit − debit) and consumed (indemnities, debit − credit) of
    /// one analytic code: its two or three rows, sought by primary key.
    static let statusSQL = """
        SELECT COALESCE(SUM(CASE WHEN account IN (?1, ?2) THEN credit_cents - debit_cents ELSE 0 END), 0) AS granted,
               COALESCE(SUM(CASE WHEN account = ?3 THEN debit_cents - credit_cents ELSE 0 END), 0) AS consumed
        FROM analytic_total WHERE analytic = ?4
        """

    /// Every envelope that has any activity, optionally for one year or one team.
    public static func statuses(year: Int?, team: TeamID?, in db: Database) throws -> [EnvelopeStatus] {
        var keys = Set(try String.fetchAll(db, sql: "SELECT DISTINCT analytic FROM analytic_total").compactMap(EnvelopeKey.init(analyticCode:)))
        if let year {
            for team in try RegistryStore.teams(in: db) { keys.insert(EnvelopeKey(team: team.id, year: year)) }
        }
        return try keys.filter { (year == nil || $0.year == year) && (team == nil || $0.team == team) }
            .sorted { ($0.year, $0.team) < ($1.year, $1.team) }
            .map { try status($0, in: db) }
    }

    /// Invariant 5: consumed ≤ granted for every team and year (every analytic code that carries money).
    /// Reads only sums, so that a damaged value elsewhere cannot stop it.
    public static func checkEnvelopes(in db: Database) throws -> [LedgerViolation] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT analytic,
                   CAST(COALESCE(SUM(CASE WHEN account IN (SELECT number FROM account WHERE role IN (?, ?))
                                          THEN credit_cents - debit_cents ELSE 0 END), 0) AS INTEGER) AS granted,
                   CAST(COALESCE(SUM(CASE WHEN account IN (SELECT number FROM account WHERE role = ?)
                                          THEN debit_cents - credit_cents ELSE 0 END), 0) AS INTEGER) AS consumed
            FROM posting WHERE analytic IS NOT NULL GROUP BY analytic HAVING consumed > granted ORDER BY analytic
            """, arguments: [AccountRole.subsidyRevenue.rawValue, AccountRole.dedicatedFundsReuse.rawValue,
                             AccountRole.indemnityExpense.rawValue])
        return rows.map { row in
            let analytic = row.stored("analytic")
            let key = analytic.text.flatMap(EnvelopeKey.init(analyticCode:))
            let what = key.map { "l'enveloppe \($0.year) de \($0.team)" } ?? "l'enveloppe du code analytique « \(analytic.plain) »"
            let granted = Cents(row.stored("granted").integer ?? 0), consumed = Cents(row.stored("consumed").integer ?? 0)
            return LedgerViolation(invariant: 5, code: "envelope.overspent",
                                   message: "\(what) est dépassée : consommé \(consumed.euroString) pour \(granted.euroString) accordés.")
        }
    }

    /// `clap envelope grant --all`: in one transaction, the barème's cap to every team that is `active` on some day
    /// of the year (per its status history) and has no grant for that year yet. Run again, it grants only newcomers.
    public static func grantAll(year: Int, date: Day, context: CommandContext, in db: Database) throws -> GrantAllSummary {
        guard let first = Day(year: year, month: 1, day: 1), let last = Day(year: year, month: 12, day: 31) else {
            throw StoreError.refused(code: "year.invalid", message: "L'année \(year) n'est pas valide.")
        }
        let book = try TariffStore.book(in: db)
        guard let schedule = book.version(at: first) ?? book.version(at: date) ?? book.newest else {
            throw StoreError.refused(code: "tariff.none", message: "Aucun barème n'est chargé : lancez d'abord « clap tariff import ».")
        }
        let chart = try AssociationStore.chart(in: db)
        // Refused for a closed year; dated inside the envelope year, like a single grant.
        let entryDate = try ClosingStore.envelopeEntryDate(date, year: year, in: db)
        var summary = GrantAllSummary()
        for team in try RegistryStore.teams(in: db) {
            let lifecycle = try RegistryStore.lifecycle(of: team.id, in: db)
            let activeInYear = lifecycle.status(at: first) == .active || lifecycle.history.contains { $0.status == .active && first <= $0.since && $0.since <= last }
            guard activeInYear else { summary.notActive += 1; continue }
            let key = EnvelopeKey(team: team.id, year: year)
            // From the envelope's totals (one seek): the lines of 741000 would be read for every team.
            guard try AnalyticTotals.resultBalance(account: chart.number(.subsidyRevenue), analytic: key.analyticCode, in: db) == .zero else {
                summary.alreadyGranted += 1
                continue
            }
            let draft = grantDraft(key, amount: schedule.envelopeCapPerTeamYear, date: date, decisionRef: nil, chart: chart, entryDate: entryDate)
            _ = try LedgerWriter.post(draft, validDate: context.today, in: db)
            summary.granted.append(team.id)
            summary.total += schedule.envelopeCapPerTeamYear
        }
        return summary
    }
}

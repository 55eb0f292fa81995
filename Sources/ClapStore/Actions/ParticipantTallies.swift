import GRDB
import LedgerCore

/// Each professional's paid participations of a year, by action type (`participant_year_tally`, Schema/0018): what
/// the yearly caps count. Triggers keep the table as actions are paid, cancelled and revalued; an import reads a
/// year of it instead of grouping the year's actions and participants.
enum ParticipantTallies {
    /// One row: a professional's participations in paid actions of one type in the year, and what they were paid.
    struct Row: Sendable {
        let rpps: String
        let type: String
        let actions: Int
        let amount: Cents
    }

    /// The year's rows, in no particular order.
    static func rows(year: Int, in db: Database) throws -> [Row] {
        try GRDB.Row.fetchAll(db.cachedStatement(sql: """
            SELECT rpps, type, actions, amount_cents FROM participant_year_tally WHERE year = ?
            """), arguments: [year]).map { Row(rpps: $0[0], type: $0[1], actions: $0[2], amount: Cents($0[3] as Int64)) }
    }

    /// `verify`: the table equals the sums of the paid actions' participant lines it stands for. Each year and
    /// professional where a row differs, is missing or is extra is named once: the yearly caps, which read it,
    /// would let a professional be paid past them or refuse what is due.
    static func check(in db: Database) throws -> [LedgerViolation] {
        let differing = try GRDB.Row.fetchAll(db, sql: """
            WITH lines AS MATERIALIZED (
                SELECT CAST(substr(a.action_date, 1, 4) AS INTEGER) AS year, p.rpps, a.type,
                       COUNT(*) AS actions, COALESCE(SUM(p.amount_cents), 0) AS amount_cents
                FROM action a JOIN action_participant p ON p.action_id = a.id
                WHERE a.status = 'validee' GROUP BY 1, 2, 3)
            , stored AS MATERIALIZED (
                SELECT year, rpps, type, actions, amount_cents FROM participant_year_tally
                WHERE actions <> 0 OR amount_cents <> 0)
            SELECT DISTINCT year, rpps FROM (
                SELECT year, rpps FROM (SELECT * FROM lines EXCEPT SELECT * FROM stored)
                UNION ALL SELECT year, rpps FROM (SELECT * FROM stored EXCEPT SELECT * FROM lines))
            ORDER BY 1, 2
            """)
        return differing.map { row in
            LedgerViolation(invariant: 6, code: "participant_tallies.mismatch", message:
                "les cumuls \(row.stored("year").plain) du professionnel RPPS \(row.stored("rpps").plain) ne sont plus la "
                + "somme de ses actions payées (table participant_year_tally) : les plafonds annuels, qui les lisent, "
                + "seraient faux.")
        }
    }
}

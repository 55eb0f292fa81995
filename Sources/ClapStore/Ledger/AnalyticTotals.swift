import GRDB
import LedgerCore

/// When a `PostingBatch` writes the envelope totals (`AnalyticTotals`) of the entries it posts.
public enum EnvelopeTotalsWriting: Sendable {
    /// With each entry: a room read from the table between two entries is current.
    case withEachEntry
    /// With the entries' held rows (`PostingBatch.writePending`). Only for a caller that reads each room before
    /// posting anything on its code, and then moves it in memory with each entry (`EligibilityBatch`): a room read
    /// from the table while rows are held would miss them.
    case withHeldRows
}

/// Per analytic code and account, the sums of every line that carries the code, every journal included
/// (`analytic_total`, Schema/0016): what an envelope's granted, consumed and room are read from.
///
/// A `PostingBatch` adds each entry's analytic lines here and writes them, one upsert per code and account, either
/// with each entry (`.withEachEntry`: a room read between two entries of one command is current) or with the held
/// rows (`.withHeldRows`, for a caller that keeps the rooms it reads up to date itself, as the import does).
struct AnalyticTotals {
    private struct Key: Hashable {
        let analytic: String
        let account: String

        /// The table's key order, text compared byte by byte as SQLite does: the upserts walk the index forwards.
        static func precedesInKeyOrder(_ lhs: Key, _ rhs: Key) -> Bool {
            BinaryCollation.precedes(lhs.analytic, rhs.analytic, then: BinaryCollation.precedes(lhs.account, rhs.account))
        }
    }

    private var sums = OrderedSums<Key>()

    /// Adds an entry's analytic lines (nothing for an entry without any).
    mutating func add(_ draft: EntryDraft) {
        for line in draft.lines {
            guard let analytic = line.analytic else { continue }
            sums.add(Key(analytic: analytic, account: line.account), debit: line.debitCents.value, credit: line.creditCents.value)
        }
    }

    /// Adds what was summed to the table, one upsert per code and account, and starts again from zero.
    mutating func write(in db: Database) throws {
        guard !sums.isEmpty else { return }
        let order = sums.keys.indices.sorted { Key.precedesInKeyOrder(sums.keys[$0], sums.keys[$1]) }
        try RowInserter.insert(into: "analytic_total (analytic, account, debit_cents, credit_cents)", columns: 4, conflict: """
            ON CONFLICT (analytic, account) DO UPDATE SET debit_cents = debit_cents + excluded.debit_cents,
                                                          credit_cents = credit_cents + excluded.credit_cents
            """, in: db) { rows in
            for index in order {
                let key = sums.keys[index], sides = sums.sides[index]
                try rows.add(key.analytic, key.account, sides.debit, sides.credit, in: db)
            }
        }
        sums.removeAll()
    }

    /// Debit − credit of one account on one analytic code, by one seek. Every journal is counted: for a result
    /// account (classes 6 and 7, which the à-nouveaux never carry) it is `Balances.balance(account:analytic:)`.
    static func resultBalance(account: String, analytic: String, in db: Database) throws -> Cents {
        Cents(try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT debit_cents - credit_cents FROM analytic_total WHERE analytic = ? AND account = ?
            """), arguments: [analytic, account]) ?? 0)
    }

    /// `verify`: the table equals the sums of the lines it stands for; each analytic code where a row differs, is
    /// missing or is extra is named once (the envelope's room, read from it, would be wrong). The reference reads
    /// every analytic line of the ledger; the fast pass (`LedgerScan`) proves the table clean on a sound ledger.
    static func check(in db: Database) throws -> [LedgerViolation] {
        let codes = try String.fetchAll(db, sql: """
            WITH lines AS MATERIALIZED (
                SELECT analytic, account, SUM(debit_cents) AS debit, SUM(credit_cents) AS credit FROM posting
                WHERE analytic IS NOT NULL GROUP BY analytic, account)
            , stored AS MATERIALIZED (SELECT analytic, account, debit_cents, credit_cents FROM analytic_total)
            SELECT analytic FROM (SELECT * FROM lines EXCEPT SELECT * FROM stored)
            UNION SELECT analytic FROM (SELECT * FROM stored EXCEPT SELECT * FROM lines)
            ORDER BY 1
            """)
        return codes.map { code in
            LedgerViolation(invariant: 7, code: "analytic_totals.mismatch", message:
                "les totaux du code analytique « \(code) » ne sont plus la somme de ses lignes (table analytic_total) : "
                + "l'enveloppe, qui les lit, aurait un disponible faux.")
        }
    }
}

import GRDB
import LedgerCore

/// Per analytic code and account, the sums of every line that carries the code, every journal included
/// (`analytic_total`, Schema/0016): what an envelope's granted, consumed and room are read from. Added with each
/// entry rather than at the end of a batch, so that a room read between two entries of one command is current.
enum AnalyticTotals {
    private struct Key: Hashable {
        let analytic: String
        let account: String
    }

    /// One upsert per (analytic code, account) of the entry; nothing for an entry without analytic lines.
    static func add(_ draft: EntryDraft, in db: Database) throws {
        var order: [Key] = []
        var sums: [Key: (debit: Int64, credit: Int64)] = [:]
        for line in draft.lines {
            guard let analytic = line.analytic else { continue }
            let key = Key(analytic: analytic, account: line.account)
            if sums[key] == nil { order.append(key) }
            sums[key, default: (0, 0)].debit += line.debitCents.value
            sums[key, default: (0, 0)].credit += line.creditCents.value
        }
        guard !order.isEmpty else { return }
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO analytic_total (analytic, account, debit_cents, credit_cents) VALUES (?, ?, ?, ?)
            ON CONFLICT (analytic, account) DO UPDATE SET debit_cents = debit_cents + excluded.debit_cents,
                                                          credit_cents = credit_cents + excluded.credit_cents
            """)
        for key in order {
            let sum = sums[key] ?? (0, 0)
            try upsert.execute(arguments: [key.analytic, key.account, sum.debit, sum.credit])
        }
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

import ClapDomain
import GRDB
import LedgerCore

/// What `verify` checks about payouts (invariant 7): each professional's payable balance is explained by their
/// indemnities, payouts and rejected transfers; each batch's BQ entry carries its transfers; each letter balances.
public enum PayoutChecks {
    /// Every check of this file, for `StoreChecks.all`.
    public static let all: [Verifier.Check] = [
        Verifier.Check(.payables, payables), Verifier.Check(.batchEntries, batchEntries), Verifier.Check(.letters, letters),
    ]

    /// Invariant 7, second half, recomputed from the IND lines and the payout tables, not from the payable balance:
    /// for each professional, balance owed = IND credits − IND debits − transfers + rejected transfers.
    /// À-nouveaux lines are left out on both sides (they restate earlier balances).
    @Sendable public static func payables(_ db: Database) throws -> [LedgerViolation] {
        guard let payable = try payableAccount(db) else { return [] }
        func sums(_ sql: String, _ arguments: StatementArguments = []) throws -> [String: Int64] {
            var result: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                result[StoredValue(row, at: 0).plain] = StoredValue(row, at: 1).integer ?? 0
            }
            return result
        }
        // Both sums in one pass over the payable lines (a professional is listed in each only if it has such lines).
        var owed: [String: Int64] = [:], indemnities: [String: Int64] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT p.auxiliary,
                   CAST(SUM(CASE WHEN e.journal <> ?2 THEN p.credit_cents - p.debit_cents ELSE 0 END) AS INTEGER), SUM(e.journal <> ?2),
                   CAST(SUM(CASE WHEN e.journal = ?3 THEN p.credit_cents - p.debit_cents ELSE 0 END) AS INTEGER), SUM(e.journal = ?3)
            FROM posting p JOIN entry e ON e.seq = p.entry_seq
            WHERE p.account = ?1 AND p.auxiliary IS NOT NULL GROUP BY p.auxiliary
            """, arguments: [payable, JournalCode.an.rawValue, JournalCode.ind.rawValue]) {
            let rpps = StoredValue(row, at: 0).plain
            if (StoredValue(row, at: 2).integer ?? 0) > 0 { owed[rpps] = StoredValue(row, at: 1).integer ?? 0 }
            if (StoredValue(row, at: 4).integer ?? 0) > 0 { indemnities[rpps] = StoredValue(row, at: 3).integer ?? 0 }
        }
        let paid = try sums("SELECT rpps, CAST(SUM(amount_cents) AS INTEGER) FROM payout_transfer GROUP BY rpps")
        let rejected = try sums("SELECT rpps, CAST(SUM(amount_cents) AS INTEGER) FROM payout_transfer WHERE rejected_on IS NOT NULL GROUP BY rpps")
        var found: [LedgerViolation] = []
        for rpps in Set(owed.keys).union(indemnities.keys).union(paid.keys).sorted() {
            let actual = Cents(owed[rpps] ?? 0)
            let expected = Cents((indemnities[rpps] ?? 0) - (paid[rpps] ?? 0) + (rejected[rpps] ?? 0))
            guard actual != expected else { continue }
            found.append(LedgerViolation(invariant: 7, code: "payable.mismatch", message:
                "le compte \(payable) du professionnel \(rpps) doit \(actual.euroString) ; les indemnités "
                + "(\(Cents(indemnities[rpps] ?? 0).euroString)) moins les virements (\(Cents(paid[rpps] ?? 0).euroString)) "
                + "plus les rejets (\(Cents(rejected[rpps] ?? 0).euroString)) donnent \(expected.euroString)."))
        }
        return found
    }

    /// Each transfer has its debit line in its batch's BQ entry (account, third party, amount), and each rejected
    /// transfer its credit line in the rejection's entry.
    @Sendable public static func batchEntries(_ db: Database) throws -> [LedgerViolation] {
        guard let payable = try payableAccount(db) else { return [] }
        let rows = try Row.fetchAll(db, sql: """
            SELECT t.batch_id, t.rpps, t.end_to_end_id, t.amount_cents, e.journal, e.fiscal_year, e.number,
                   (p.account IS ? AND p.auxiliary IS t.rpps AND p.debit_cents IS t.amount_cents) AS paid_ok,
                   (t.reject_entry_seq IS NULL OR EXISTS (SELECT 1 FROM posting r WHERE r.entry_seq = t.reject_entry_seq
                        AND r.account = ? AND r.auxiliary = t.rpps AND r.credit_cents = t.amount_cents)) AS reject_ok
            FROM payout_transfer t JOIN payout_batch b ON b.id = t.batch_id
            LEFT JOIN entry e ON e.seq = b.entry_seq
            LEFT JOIN posting p ON p.entry_seq = b.entry_seq AND p.line_no = t.line_no
            WHERE NOT paid_ok OR NOT reject_ok
            ORDER BY t.batch_id, t.rpps
            """, arguments: [payable, payable])
        return rows.map { row in
            let entry = row.stored("journal").isNull ? nil : Verifier.ref(row)
            let what = row.stored("paid_ok").integer == 1 ? "l'écriture de rejet ne le reprend pas" : "l'écriture du lot ne le porte pas"
            let amount = row.stored("amount_cents").integer.map { Cents($0).euroString } ?? "\(row.stored("amount_cents"))"
            return LedgerViolation(invariant: 7, code: "payout.entry_mismatch", entry: entry, message:
                "le virement \(row.stored("end_to_end_id").plain) du lot \(row.stored("batch_id").plain) "
                + "(\(amount) au RPPS \(row.stored("rpps").plain)) : \(what) à l'identique.")
        }
    }

    /// The lines carrying one letter (per account and third party) sum to zero. CROSS JOIN: walk the letters and
    /// look up their lines, rather than every line of the ledger through the account index.
    @Sendable public static func letters(_ db: Database) throws -> [LedgerViolation] {
        try Row.fetchAll(db, sql: """
            SELECT p.account, p.auxiliary, l.letter, CAST(SUM(p.credit_cents - p.debit_cents) AS INTEGER) AS rest
            FROM lettering l CROSS JOIN posting p ON p.entry_seq = l.entry_seq AND p.line_no = l.line_no
            GROUP BY p.account, p.auxiliary, l.letter HAVING rest <> 0
            ORDER BY p.account, p.auxiliary, l.letter
            """).map { row in
            LedgerViolation(invariant: 7, code: "lettering.unbalanced", message:
                "le lettrage \(row.stored("letter").plain) du compte \(row.stored("account").plain) "
                + "(\(row.stored("auxiliary").text ?? "sans tiers")) laisse \(Cents(row.stored("rest").integer ?? 0).euroString) non soldés.")
        }
    }

    static func payableAccount(_ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT number FROM account WHERE role = ?", arguments: [AccountRole.professionalPayable.rawValue])
    }
}

import GRDB
import LedgerCore

/// The unlettered lines of third-party accounts (`open_line`, Schema/0008), which a payout run reads instead of
/// the account's whole history. Triggers keep the table; `verify` checks it, since a line missing from it would
/// be left out of every payout.
enum OpenLines {
    /// `verify`: every listed line exists with its account and third party and is not lettered, and the table
    /// holds as many lines as the lines with a third party less the lettered ones (so none is missing).
    static func check(in db: Database) throws -> [LedgerViolation] {
        var found: [LedgerViolation] = []
        let wrong = try Row.fetchAll(db, sql: """
            SELECT o.entry_seq, o.line_no FROM open_line o
            LEFT JOIN posting p ON p.entry_seq = o.entry_seq AND p.line_no = o.line_no
            LEFT JOIN lettering l ON l.entry_seq = o.entry_seq AND l.line_no = o.line_no
            WHERE p.entry_seq IS NULL OR p.account IS NOT o.account OR p.auxiliary IS NOT o.auxiliary OR l.entry_seq IS NOT NULL
            ORDER BY o.entry_seq, o.line_no LIMIT 20
            """)
        for row in wrong {
            found.append(LedgerViolation(invariant: 7, code: "open_line.mismatch", message:
                "la ligne \(row["line_no"] as Int) de l'écriture en position \(row["entry_seq"] as Int64) de la chaîne est listée "
                + "comme non lettrée (table open_line) alors qu'elle est lettrée, absente ou sur un autre compte."))
        }
        if let counts = try Row.fetchOne(db, sql: """
            SELECT (SELECT COUNT(*) FROM posting WHERE auxiliary IS NOT NULL) - (SELECT COUNT(*) FROM lettering) AS expected,
                   (SELECT COUNT(*) FROM open_line) AS listed
            """), (counts["expected"] as Int) != (counts["listed"] as Int) {
            found.append(LedgerViolation(invariant: 7, code: "open_line.mismatch", message:
                "\(counts["listed"] as Int) lignes de tiers sont listées comme non lettrées (table open_line) ; les écritures et "
                + "les lettrages en donnent \(counts["expected"] as Int) : un virement pourrait oublier une ligne due."))
        }
        return found
    }
}

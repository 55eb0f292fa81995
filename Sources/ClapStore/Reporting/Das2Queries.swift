import ClapDomain
import GRDB
import LedgerCore

/// One professional's fees of a calendar year on a cash basis: what the bank paid them, less what it sent back.
public struct Das2Fees: Hashable, Sendable {
    public let rpps: RPPS
    public let firstName: String?
    public let lastName: String?
    public let profession: Profession?
    /// BQ debits of 401100 (aux RPPS) dated in the year: the transfers of payout batches.
    public let paid: Cents
    /// BQ credits of 401100 (aux RPPS) dated in the year: transfers the bank rejected.
    public let rejected: Cents

    public init(rpps: RPPS, firstName: String?, lastName: String?, profession: Profession?, paid: Cents, rejected: Cents) {
        self.rpps = rpps
        self.firstName = firstName
        self.lastName = lastName
        self.profession = profession
        self.paid = paid
        self.rejected = rejected
    }

    /// What the professional actually received in the year.
    public var net: Cents { paid - rejected }

    /// `Claire LEMOINE`, or the RPPS alone when the registry does not know it.
    public var displayName: String {
        guard let lastName else { return rpps.rawValue }
        return ((firstName.map { $0 + " " }) ?? "") + lastName.uppercased()
    }
}

/// Reads the fees paid in a calendar year for the DAS2 summary.
public enum Das2Queries {
    /// Every third party of 401100 with a bank line in the year, in RPPS order.
    public static func fees(year: Int, in db: Database) throws -> [Das2Fees] {
        let payable = try AssociationStore.chart(in: db).number(.professionalPayable)
        return try Row.fetchAll(db, sql: """
            SELECT p.auxiliary, SUM(p.debit_cents) AS paid, SUM(p.credit_cents) AS rejected,
                   r.first_name, r.last_name, r.profession
            FROM posting p JOIN entry e ON e.seq = p.entry_seq
            LEFT JOIN professional r ON r.rpps = p.auxiliary
            WHERE e.journal = ? AND p.account = ? AND p.auxiliary IS NOT NULL AND e.entry_date >= ? AND e.entry_date <= ?
            GROUP BY p.auxiliary ORDER BY p.auxiliary
            """, arguments: [JournalCode.bq.rawValue, payable, "\(year)-01-01", "\(year)-12-31"]).map { row in
            Das2Fees(rpps: RPPS(unchecked: row["auxiliary"]), firstName: row["first_name"], lastName: row["last_name"],
                     profession: (row["profession"] as String?).flatMap(Profession.init(rawValue:)),
                     paid: Cents(row["paid"]), rejected: Cents(row["rejected"]))
        }
    }
}

import ClapDomain
import GRDB
import LedgerCore

/// Who gets a statement for a period, and what is due to each at its start and end, read from the monthly totals
/// of 401100 per third party (`third_party_month`) in one pass: a period is whole months, so those totals hold
/// both balances without reading a line. Amounts due are credit − debit, as on the statement.
public struct PayableDue: Hashable, Sendable {
    public let rpps: RPPS
    /// Due at the end of the day before the period.
    public let opening: Cents
    /// Due at the end of the period.
    public let closing: Cents
}

public enum PayableDues {
    /// Third parties with a line in the period or a non-zero due at its start, in RPPS order (bytes, as SQLite sorts).
    public static func read(period: ReportPeriod, payable: String, in db: Database) throws -> [PayableDue] {
        let firstMonth = period.first.yearMonth.iso
        struct Sums { var opening: Int64 = 0; var closing: Int64 = 0; var moved = false }
        var sums: [String: Sums] = [:]
        // At ten times the planned size over ten years, about 1.7 million rows: read straight from SQLite.
        let rows = try RawRows(db, """
            SELECT month, auxiliary, credit_cents - debit_cents FROM third_party_month WHERE month <= ? AND account = ?
            """, arguments: [period.last.yearMonth.iso, payable])
        let first = Array(firstMonth.utf8)
        while try rows.next() {
            guard let month = rows.text(0), let auxiliary = rows.text(1), let due = rows.integer(2) else {
                throw StoreError.unreadableThirdPartyTotal
            }
            let inPeriod = !month.lexicographicallyPrecedes(first)
            let key = String(decoding: auxiliary, as: UTF8.self)
            var sum = sums[key] ?? Sums()
            // Totals no ledger can reach (a damaged table) are refused, never summed past Int64.
            let closing = sum.closing.addingReportingOverflow(due), opening = sum.opening.addingReportingOverflow(inPeriod ? 0 : due)
            guard !closing.overflow, !opening.overflow else {
                throw StoreError.refused(code: "totals.unreadable", message:
                    "Les totaux mensuels de \(key) dépassent toute mesure (table third_party_month) : lancez « clap verify ».")
            }
            sum.closing = closing.partialValue
            sum.opening = opening.partialValue
            if inPeriod { sum.moved = true }
            sums[key] = sum
        }
        return sums.compactMap { key, sum -> PayableDue? in
            guard sum.moved || sum.opening != 0 else { return nil }
            return PayableDue(rpps: RPPS(unchecked: key), opening: Cents(sum.opening), closing: Cents(sum.closing))
        }.sorted { $0.rpps.rawValue.utf8.lexicographicallyPrecedes($1.rpps.rawValue.utf8) }
    }

    /// The refusal when a statement read this way does not add up: the monthly totals disagree with the lines.
    static func disagree(rpps: String, period: ReportPeriod, payable: String) -> StoreError {
        .refused(code: "statement.totals_disagree", message: """
            Le relevé de \(rpps) pour \(period.code) ne tombe pas juste : les totaux mensuels des indemnités à payer \
            (compte \(payable), table third_party_month) ne correspondent pas à ses lignes. Aucun relevé n'a été écrit. \
            Lancez « clap verify ».
            """)
    }
}

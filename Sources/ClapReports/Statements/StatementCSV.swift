import ClapDomain
import ClapStore
import LedgerCore

/// The statement as CSV for a spreadsheet: the opening balance, every movement in date order with the balance due
/// after it, then the balance due at the end. `;`-separated, decimal comma, UTF-8 with a BOM, formulas neutralised.
public enum StatementCSV {
    public static let header = ["RPPS", "Nom", "Date", "Nature", "Équipe", "Action", "Référence", "Rôle", "Durée (min)", "Lot",
                                "IBAN", "Motif", "Montant", "Solde dû"]

    /// One line of the CSV before the running balance is known.
    struct Movement {
        let sortDay: Day
        let order: Int
        let cells: [String]
        let due: Cents
    }

    public static func csv(_ s: StatementData) -> String {
        let who = [s.professional.rpps.rawValue, s.professional.displayName]
        var rows: [[String]] = []
        let before = s.period.first.adding(days: -1) ?? s.period.first
        rows.append(who + [before.french, "Solde au début de la période"] + Array(repeating: "", count: 8) + ["", s.openingDue.commaString])
        var running = s.openingDue
        for movement in movements(s) {
            running += movement.due
            rows.append(who + movement.cells + [movement.due.commaString, running.commaString])
        }
        rows.append(who + [s.period.last.french, "Solde restant dû"] + Array(repeating: "", count: 8) + ["", s.closingDue.commaString])
        return CSVWriter(separator: ";", includesBOM: true).document(header: header, rows: rows)
    }

    /// Every movement, in entry-date order (then actions, cancellations, payments, rejections, others on a same day).
    static func movements(_ s: StatementData) -> [Movement] {
        func team(_ id: TeamID?, _ name: String?) -> String { name ?? id?.rawValue ?? "" }
        var all: [Movement] = []
        for a in s.actions {
            all.append(Movement(sortDay: a.entryDate, order: 0, cells: [
                a.actionDate.french, "Action indemnisée", team(a.team, a.teamName), a.typeLabel, a.reference,
                a.role.map(ReportFormat.role) ?? "", a.durationMinutes.map(String.init) ?? "", "", "", ""], due: a.amount))
        }
        for c in s.cancellations {
            all.append(Movement(sortDay: c.entryDate, order: 1, cells: [
                c.entryDate.french, "Annulation", team(c.team, c.teamName), c.typeLabel ?? "", c.reference, "", "", "", "", c.reason ?? ""],
                due: -c.amount))
        }
        for p in s.payments {
            all.append(Movement(sortDay: p.entryDate, order: 2, cells: [
                p.entryDate.french, "Virement", "", "", "", "", "", p.batchID, p.iban.map(ReportFormat.maskedIBAN) ?? "", ""], due: -p.amount))
        }
        for r in s.rejections {
            all.append(Movement(sortDay: r.entryDate, order: 3, cells: [
                r.entryDate.french, "Virement rejeté", "", "", "", "", "", r.batchID, "", r.reason ?? ""], due: r.amount))
        }
        for o in s.others {
            all.append(Movement(sortDay: o.entryDate, order: 4, cells: [
                o.entryDate.french, "Autre mouvement (\(o.entry))", "", "", o.pieceRef, "", "", "", "", o.label], due: o.due))
        }
        return all.enumerated().sorted { ($0.element.sortDay, $0.element.order, $0.offset) < ($1.element.sortDay, $1.element.order, $1.offset) }
            .map(\.element)
    }
}

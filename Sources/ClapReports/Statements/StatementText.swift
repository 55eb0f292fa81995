import ClapDomain
import ClapStore
import LedgerCore

/// The statement (relevé d'indemnités) as a terminal page: aligned French tables, one per kind of movement.
public enum StatementText {
    public static func render(_ statement: StatementData, issuedOn: Day) -> String {
        let s = statement
        let professional = s.professional
        var lines = [
            "Relevé d'indemnités — \(ReportFormat.period(s.period)) (\(ReportFormat.bounds(s.period)))",
            "\(s.association.name) — SIREN \(ReportFormat.siren(s.association.siren))",
            "",
            "Professionnel : \(professional.displayName) — RPPS \(professional.rpps.rawValue)"
                + (professional.profession.map { " — \($0.label)" } ?? " — inconnu du registre"),
            "Édité le \(issuedOn.french)",
        ]
        let sections = StatementSections(s)
        for section in sections.all {
            lines += ["", "\(section.title) (\(section.rows.count))"]
            guard !section.rows.isEmpty else {
                lines.append("  " + section.emptyText)
                continue
            }
            var table = TextTable(section.columns.map { TextTable.Column($0.title, $0.alignment) })
            section.rows.forEach { table.add($0) }
            table.addSeparator()
            table.add(section.totalRow)
            lines.append(table.render())
        }
        lines += ["", "Récapitulatif"]
        var recap = TextTable([.init(""), .init("Montant", .right)])
        for line in sections.recap { recap.add([line.label, line.amount]) }
        recap.addSeparator()
        recap.add([sections.closingLabel, s.closingDue.euroString])
        lines.append(recap.render())
        if s.closingDue.isNegative { lines += ["", StatementSections.overpaidNote] }
        return lines.joined(separator: "\n")
    }
}

/// The tables of a statement, shared by its text and HTML forms: titles, columns and cells in French.
struct StatementSections {
    struct Column {
        let title: String
        let alignment: TextTable.Alignment
        init(_ title: String, _ alignment: TextTable.Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    struct Section {
        let title: String
        let emptyText: String
        let columns: [Column]
        let rows: [[String]]
        let totalRow: [String]
        /// Shown even when empty (the actions and payments); the others only when they have rows.
        let alwaysShown: Bool
        /// On the printed page, the column at the key is shown as a note under the column at the value.
        var notes: [Int: Int] = [:]
    }

    struct RecapLine {
        let label: String
        let amount: String
    }

    let actions: Section
    let cancellations: Section
    let payments: Section
    let rejections: Section
    let others: Section
    let recap: [RecapLine]
    let closingLabel: String

    static let overpaidNote = "Un solde négatif est un trop-perçu : il sera déduit de vos prochaines indemnités."

    var all: [Section] { [actions, cancellations, payments, rejections, others].filter { $0.alwaysShown || !$0.rows.isEmpty } }

    init(_ s: StatementData) {
        func total(_ columns: Int, _ amount: String) -> [String] { ["Total"] + Array(repeating: "", count: columns - 2) + [amount] }
        func team(_ id: TeamID?, _ name: String?) -> String { name ?? id?.rawValue ?? "" }

        actions = Section(
            title: "Actions indemnisées", emptyText: "Aucune action indemnisée sur la période.",
            columns: [.init("Date"), .init("Équipe"), .init("Action"), .init("Référence"), .init("Rôle"), .init("Durée", .right),
                      .init("Montant", .right)],
            rows: s.actions.map {
                [$0.actionDate.french, team($0.team, $0.teamName), $0.typeLabel, $0.reference, $0.role.map(ReportFormat.role) ?? "",
                 $0.durationMinutes.map(ReportFormat.duration) ?? "", $0.amount.euroString]
            },
            totalRow: total(7, s.actionsTotal.euroString), alwaysShown: true, notes: [3: 2])
        cancellations = Section(
            title: "Annulations", emptyText: "",
            columns: [.init("Date"), .init("Action du"), .init("Équipe"), .init("Action"), .init("Référence"), .init("Motif"),
                      .init("Montant", .right)],
            rows: s.cancellations.map {
                [$0.entryDate.french, $0.actionDate?.french ?? "", team($0.team, $0.teamName), $0.typeLabel ?? "", $0.reference,
                 $0.reason ?? "", (-$0.amount).euroString]
            },
            totalRow: total(7, (-s.cancellationsTotal).euroString), alwaysShown: false, notes: [4: 3])
        payments = Section(
            title: "Virements", emptyText: "Aucun virement sur la période.",
            columns: [.init("Date"), .init("Lot"), .init("IBAN"), .init("Montant", .right)],
            rows: s.payments.map { [$0.entryDate.french, $0.batchID, $0.iban.map(ReportFormat.maskedIBAN) ?? "", $0.amount.euroString] },
            totalRow: total(4, s.paymentsTotal.euroString), alwaysShown: true)
        rejections = Section(
            title: "Virements rejetés par la banque", emptyText: "",
            columns: [.init("Date"), .init("Lot"), .init("Motif"), .init("Montant à nouveau dû", .right)],
            rows: s.rejections.map { [$0.entryDate.french, $0.batchID, $0.reason ?? "", $0.amount.euroString] },
            totalRow: total(4, s.rejectionsTotal.euroString), alwaysShown: false)
        others = Section(
            title: "Autres mouvements", emptyText: "",
            columns: [.init("Date"), .init("Écriture"), .init("Pièce"), .init("Libellé"), .init("Montant", .right)],
            rows: s.others.map { [$0.entryDate.french, $0.entry.description, $0.pieceRef, $0.label, $0.due.euroString] },
            totalRow: total(5, s.othersTotal.euroString), alwaysShown: false, notes: [2: 3])

        let before = s.period.first.adding(days: -1)?.french ?? ""
        var recap = [RecapLine(label: "Solde dû au \(before)", amount: s.openingDue.euroString),
                     RecapLine(label: "+ Actions indemnisées", amount: s.actionsTotal.euroString)]
        if !s.cancellations.isEmpty { recap.append(RecapLine(label: "− Annulations", amount: s.cancellationsTotal.euroString)) }
        recap.append(RecapLine(label: "− Virements", amount: s.paymentsTotal.euroString))
        if !s.rejections.isEmpty { recap.append(RecapLine(label: "+ Virements rejetés", amount: s.rejectionsTotal.euroString)) }
        if !s.others.isEmpty { recap.append(RecapLine(label: "± Autres mouvements", amount: s.othersTotal.euroString)) }
        self.recap = recap
        closingLabel = "Solde restant dû au \(s.period.last.french)"
    }
}

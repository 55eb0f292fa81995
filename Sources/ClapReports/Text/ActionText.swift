import ClapStore
import LedgerCore

/// What an actions import and listing print.
public enum ActionImportText {
    public static func render(_ summary: ActionImportSummary, dryRun: Bool) -> String {
        var lines = [(dryRun ? "Simulation (rien n'a été écrit) — " : "")
                     + "\(summary.accepted) action(s) payée(s) pour \(summary.paidTotal.euroString), \(summary.rejected) rejetée(s), \(summary.unchanged) déjà connue(s)."]
        if !summary.rejectionsByCode.isEmpty {
            lines.append("Rejets par motif : " + summary.rejectionsByCode.sorted { $0.key < $1.key }.map { "\($0.key) × \($0.value)" }.joined(separator: ", "))
            lines += summary.rejections.map { "  - " + $0 }
            lines.append("Corrigez les données puis « clap actions revalue N » (N : voir « clap actions list --status rejetee »).")
        }
        return lines.joined(separator: "\n")
    }

    public static func renderList(_ records: [ActionRecord]) -> String {
        var table = TextTable([.init("N°", .right), .init("Date"), .init("Équipe"), .init("Action"), .init("Type"), .init("Durée", .right),
                               .init("Statut"), .init("Montant", .right), .init("Motifs")])
        for record in records {
            table.add([String(record.id), record.date.french, record.team, record.reference, record.type,
                       record.durationMinutes.map { "\($0) min" } ?? "", record.status,
                       record.totalCents.map { Cents($0).frenchString } ?? "", record.reasons.joined(separator: " ; ")])
        }
        return table.render()
    }
}

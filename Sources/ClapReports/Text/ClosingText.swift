import ClapStore
import LedgerCore

/// What `clap close month` and `clap close year` tell the treasurer.
public enum ClosingText {
    public static func month(_ outcome: MonthCloseOutcome) -> String {
        if outcome.alreadyClosed {
            return "Le mois \(outcome.month.iso) est déjà clôturé (période verrouillée jusqu'au \(outcome.through.french)) : rien n'a été écrit."
        }
        let span = outcome.from.map { "du \($0.french) au \(outcome.through.french)" } ?? "jusqu'au \(outcome.through.french)"
        return "Mois \(outcome.month.iso) clôturé : plus aucune écriture ne peut être datée \(span) ; "
            + "une opération de cette période sera datée du \((outcome.through.adding(days: 1) ?? outcome.through).french) (date de pièce inchangée)."
    }

    public static func year(_ outcome: YearCloseOutcome, dryRun: Bool = false) -> String {
        if outcome.alreadyClosed {
            return "L'exercice \(outcome.year) est déjà clôturé (verrouillé jusqu'au \(outcome.through.french)) : rien n'a été écrit."
        }
        var lines = [dryRun ? "Simulation de la clôture de l'exercice \(outcome.year) (rien n'a été écrit) :" : "Exercice \(outcome.year) clôturé."]
        if outcome.dedicatedFunds.isEmpty {
            lines.append("  Fonds dédiés : aucun, toutes les enveloppes \(outcome.year) sont entièrement consommées.")
        } else {
            lines.append("  Fonds dédiés au 31/12/\(outcome.year) : \(outcome.dedicatedFunds.count) écriture(s), \(outcome.dedicatedFundsTotal.euroString) au total")
            var table = TextTable([.init("Équipe"), .init("Non consommé", .right), .init("Écriture")])
            for record in outcome.dedicatedFunds { table.add([record.team.rawValue, record.amount.frenchString, record.entry.description]) }
            lines += table.render().split(separator: "\n").map { "    " + $0 }
        }
        lines.append("  Période verrouillée jusqu'au \(outcome.through.french) (clôture d'exercice) : les actions \(outcome.year) sont désormais refusées.")
        if let opening = outcome.opening {
            lines.append("  À-nouveaux \(outcome.year + 1) : écriture \(opening) du 01/01/\(outcome.year + 1), \(outcome.openingLineCount) ligne(s), "
                         + "\(outcome.openingTotal.euroString) au débit et au crédit.")
        } else {
            lines.append("  À-nouveaux \(outcome.year + 1) : aucun solde de bilan à reporter.")
        }
        return lines.joined(separator: "\n")
    }
}

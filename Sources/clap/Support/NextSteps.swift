/// What to do after a refusal, for the refusals whose own message says what is wrong but not what to do next.
enum NextStep {
    /// The hint for a refusal code, or nil when its message already says what to do.
    static func hint(code: String, message: String) -> String? {
        switch code {
        case "not_found":
            return notFoundHint(message)
        case "team.unknown" where !message.contains("importez"):
            return "Importez d'abord l'équipe (« clap team import equipes.csv »), puis relancez la commande."
        case "csv.unknown_column", "csv.missing_column":
            return "Les colonnes attendues de chaque fichier sont décrites dans docs/formats.md."
        case "receipt.exceeds_receivable":
            return "Vérifiez ce que l'ARS a accordé (« clap envelope status ») ; une dotation s'enregistre d'abord avec « clap envelope grant »."
        case "envelope.cap":
            return "Le plafond vient du barème en vigueur (« clap tariff show »)."
        case "payout.transfer_unknown":
            return "« clap payout show LOT » liste les virements du lot et leurs RPPS."
        case "action.not_rejected":
            return "Une action payée à tort s'annule avec « clap actions cancel N --reason … »."
        case "action.not_paid":
            return "Une action rejetée se réexamine avec « clap actions revalue N », une fois les données corrigées."
        default:
            return nil
        }
    }

    private static func notFoundHint(_ message: String) -> String? {
        if message.hasPrefix("L'équipe") { return "« clap team list » liste les équipes enregistrées." }
        if message.hasPrefix("Le professionnel") {
            return "« clap professional list » liste les professionnels ; un nouveau s'ajoute avec « clap professional import »."
        }
        if message.hasPrefix("L'action") { return "« clap actions list » donne le numéro de chaque action." }
        if message.hasPrefix("Le lot") { return "« clap payout list » liste les lots de virements." }
        return nil
    }

    /// The hints for a set of refusals, each once, in the order their codes first appear.
    static func hints(_ refusals: [(code: String, message: String)]) -> [String] {
        var seen: Set<String> = []
        return refusals.compactMap { hint(code: $0.code, message: $0.message) }.filter { seen.insert($0).inserted }
            .map { "À faire : " + $0 }
    }
}

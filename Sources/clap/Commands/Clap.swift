import ArgumentParser

/// The `clap` command: the back office of the regional ESP CLAP association.
struct Clap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clap",
        abstract: "Comptabilité de l'association régionale des ESP CLAP : enveloppes, indemnités, virements SEPA, rapports.",
        discussion: """
            Chaque commande a son aide et un exemple : clap help payout run. Pas à pas : docs/guide-tresorier.md.
            Complétion au clavier : clap --generate-completion-script bash (ou zsh, fish).
            Exemple : clap envelope status --year 2025
            """,
        subcommands: [
            Init.self,
            TeamCommand.self,
            ProfessionalCommand.self,
            MemberCommand.self,
            TariffCommand.self,
            EnvelopeCommand.self,
            ActionsCommand.self,
            PayoutCommand.self,
            Statement.self,
            Report.self,
            Balance.self,
            GrandLivre.self,
            Close.self,
            Verify.self,
            Export.self,
            AuditLogCommand.self,
            BackupCommand.self,
            RestoreCommand.self,
            Demo.self,
            Generate.self,
        ]
    )
}

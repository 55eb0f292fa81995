import ArgumentParser

/// The `clap` command: the back office of the regional ESP CLAP association.
struct Clap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clap",
        abstract: "Comptabilité de l'association régionale des ESP CLAP : enveloppes, indemnités, virements SEPA, rapports.",
        subcommands: [
            Init.self,
            TeamCommand.self,
            ProfessionalCommand.self,
            MemberCommand.self,
            TariffCommand.self,
            EnvelopeCommand.self,
            ActionsCommand.self,
            PayoutCommand.self,
            Balance.self,
            Verify.self,
            Export.self,
            AuditLogCommand.self,
            Demo.self,
            Generate.self,
        ]
    )
}

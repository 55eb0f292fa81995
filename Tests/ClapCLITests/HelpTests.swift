import Foundation
import XCTest

/// Every command tells, in French, what it does and how to call it; completion scripts come out of the binary.
final class HelpTests: XCTestCase {
    /// A command of `clap --experimental-dump-help`, with its subcommands.
    struct DumpedCommand {
        let path: String
        let abstract: String
        let discussion: String
        let options: [(names: String, help: String)]
        let isGroup: Bool
    }

    /// Swift-argument-parser's own commands and flags, whose text it writes itself (in English).
    static let builtIn: Set<String> = ["help", "-h", "--help", "-help", "--version", "--generate-completion-script"]

    func commands() throws -> [DumpedCommand] {
        let cli = try CLI()
        let dump = try cli.ok(["--experimental-dump-help"]).stdout
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(dump.utf8)) as? [String: Any])
        var found: [DumpedCommand] = []
        func walk(_ command: [String: Any], _ parent: String) {
            let name = command["commandName"] as? String ?? "?"
            let path = parent.isEmpty ? name : parent + " " + name
            guard !Self.builtIn.contains(name) else { return }
            let subcommands = command["subcommands"] as? [[String: Any]] ?? []
            let options = (command["arguments"] as? [[String: Any]] ?? []).compactMap { argument -> (String, String)? in
                let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                let label = names.isEmpty ? (argument["valueName"] as? String ?? "?") : names.joined(separator: "/")
                guard !names.contains(where: { Self.builtIn.contains($0) || Self.builtIn.contains("--" + $0) }) else { return nil }
                return (label, argument["abstract"] as? String ?? "")
            }
            found.append(DumpedCommand(path: path, abstract: command["abstract"] as? String ?? "",
                                       discussion: command["discussion"] as? String ?? "", options: options,
                                       isGroup: !subcommands.isEmpty))
            for subcommand in subcommands { walk(subcommand, path) }
        }
        walk(try XCTUnwrap(root["command"] as? [String: Any]), "")
        return found
    }

    func testEveryCommandHasAOneLineHelpAndAnExample() throws {
        let commands = try commands()
        XCTAssertGreaterThan(commands.count, 40, "the whole command tree was read")
        for command in commands {
            XCTAssertFalse(command.abstract.isEmpty, "\(command.path) : pas d'aide en une ligne")
            XCTAssertFalse(command.abstract.contains("\n"), "\(command.path) : l'aide tient sur une ligne")
            XCTAssertTrue(command.discussion.contains("Exemple : clap "), "\(command.path) : pas d'« Exemple : clap … » dans sa discussion")
            for option in command.options {
                XCTAssertFalse(option.help.isEmpty, "\(command.path) \(option.names) : pas d'aide")
            }
        }
    }

    func testTheExamplesNameRealCommands() throws {
        let commands = try commands()
        let paths = Set(commands.map(\.path))
        for command in commands {
            for line in command.discussion.split(separator: "\n") {
                guard let range = line.range(of: "Exemple : ") else { continue }
                let words = line[range.upperBound...].split(separator: " ").map(String.init)
                // The longest known command path the example starts with must be the command itself or one of its own.
                let named = (1...words.count).map { words.prefix($0).joined(separator: " ") }.filter(paths.contains).last
                XCTAssertNotNil(named, "\(command.path) : l'exemple « \(line) » ne nomme pas une commande")
                if let named, named != "clap" {
                    XCTAssertTrue(named.hasPrefix(command.path), "\(command.path) : l'exemple porte sur « \(named) »")
                }
            }
        }
    }

    func testHelpAndUsageErrorsAreInFrench() throws {
        let cli = try CLI()
        let help = try cli.ok(["payout", "run", "--help"]).stdout
        XCTAssertTrue(help.hasPrefix("RÉSUMÉ : Paie les soldes dus"), help)
        XCTAssertTrue(help.contains("UTILISATION : clap payout run [--db <CHEMIN>] --month <AAAA-MM>"), help)
        XCTAssertTrue(help.contains("-h, --help              Affiche cette aide."), help)
        XCTAssertTrue(help.contains("(par défaut : pain.001.001.09)"), help)
        let unknown = try cli.run(["balance", "--fo"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertEqual(unknown.stderr, """
            Erreur : option inconnue « --fo » ; vouliez-vous dire « --db » ?
            Utilisation : clap balance [--db <CHEMIN>] [--json] [--at <DATE>] [--aux]
              Voir « clap balance --help » pour en savoir plus.

            """)
        let missing = try cli.run(["envelope", "grant", "--team", "T044-001", "--year", "2025"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.hasPrefix("Erreur : il manque l'argument obligatoire « --date <DATE> »."), missing.stderr)
        // The completion script is printed through the same path, and must come out untouched.
        XCTAssertTrue(try cli.ok(["--generate-completion-script", "bash"]).stdout.hasPrefix("#!/bin/bash"))
    }

    func testValuePlaceholdersAreFrenchCapitals() throws {
        let cli = try CLI()
        let dump = try cli.ok(["--experimental-dump-help"]).stdout
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(dump.utf8)) as? [String: Any])
        var placeholders: [(command: String, name: String)] = []
        func walk(_ command: [String: Any], _ path: String) {
            let path = path + " " + (command["commandName"] as? String ?? "?")
            for argument in command["arguments"] as? [[String: Any]] ?? [] where ["option", "positional"].contains(argument["kind"] as? String) {
                placeholders.append((path, argument["valueName"] as? String ?? ""))
            }
            for subcommand in command["subcommands"] as? [[String: Any]] ?? [] where subcommand["commandName"] as? String != "help" {
                walk(subcommand, path)
            }
        }
        walk(try XCTUnwrap(root["command"] as? [String: Any]), "")
        XCTAssertGreaterThan(placeholders.count, 60, "every option of every command was read")
        // <ÉQUIPE>, <ANNÉE>, never the property's English name <team>, <year>.
        for placeholder in placeholders {
            XCTAssertEqual(placeholder.name, placeholder.name.uppercased(),
                           "\(placeholder.command) <\(placeholder.name)> : donnez à la valeur un nom français en capitales (valueName)")
        }
    }

    func testCompletionScriptsNameTheCommands() throws {
        let cli = try CLI()
        for shell in ["bash", "zsh", "fish"] {
            let script = try cli.ok(["--generate-completion-script", shell]).stdout
            for word in ["payout", "envelope", "actions", "execution-date"] {
                XCTAssertTrue(script.contains(word), "\(shell) : « \(word) » manque au script de complétion")
            }
        }
    }

    func testARefusalSaysWhatToDoNext() throws {
        let cli = try CLI()
        try cli.initialize()
        let missingTeam = try cli.run(["team", "show", "T044-009"])
        XCTAssertEqual(missingTeam.status, 1)
        XCTAssertEqual(missingTeam.stderr, """
            L'équipe T044-009 est introuvable. [not_found]
            À faire : « clap team list » liste les équipes enregistrées.

            """)
        let actions = cli.folder.appendingPathComponent("actions.csv")
        try Data("""
            equipe;action;type;date;duree_minutes;ref_cas;ref_protocole;rpps;role
            T044-009;R1;RCP;10/03/2025;60;;;\(TestIDs.rpps(1));participant
            T044-009;R1;RCP;10/03/2025;60;;;\(TestIDs.rpps(2));participant

            """.utf8).write(to: actions)
        let unknownTeam = try cli.run(["actions", "import", actions.path])
        XCTAssertEqual(unknownTeam.status, 1)
        XCTAssertTrue(unknownTeam.stderr.hasSuffix(
            "À faire : Importez d'abord l'équipe (« clap team import equipes.csv »), puis relancez la commande.\n"), unknownTeam.stderr)
        let noTariff = try cli.run(["tariff", "show"])
        XCTAssertEqual(noTariff.stderr, "Aucun barème n'est en vigueur au 22/11/2026.\nÀ faire : chargez-en un avec « clap tariff import FICHIER.toml ».\n")
    }
}

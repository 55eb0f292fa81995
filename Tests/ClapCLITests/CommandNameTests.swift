import ArgumentParser
@testable import clap
import XCTest

/// Every command names itself. Without a name, swift-argument-parser derives it from the type's name with
/// `String(describing:)`, about a million instructions each, for every command at every start: 71 of them took
/// about 1 % of a month's import.
final class CommandNameTests: XCTestCase {
    func testEveryCommandHasItsNameWrittenOut() {
        var unnamed: [String] = []
        var count = 0
        func walk(_ command: ParsableCommand.Type, _ path: String) {
            count += 1
            let name = command.configuration.commandName
            if name == nil { unnamed.append(path + " " + String(describing: command)) }
            for subcommand in command.configuration.subcommands { walk(subcommand, path + " " + (name ?? "?")) }
        }
        walk(Clap.self, "")
        XCTAssertGreaterThan(count, 50, "the whole command tree was walked")
        XCTAssertEqual(unnamed, [])
    }
}

import Foundation
import XCTest
@testable import clap

/// Colour and progress bars are for a person at a terminal: never in a pipe, a file or a test.
final class TerminalOutputTests: XCTestCase {
    func testColourOnlyOnATerminalWithoutNoColor() {
        let both = TerminalCapabilities.decide(standardOutputIsTerminal: true, standardErrorIsTerminal: true, environment: ["TERM": "xterm"])
        XCTAssertEqual(both, TerminalCapabilities(colourOnStandardOutput: true, colourOnStandardError: true, progressOnStandardError: true))
        let piped = TerminalCapabilities.decide(standardOutputIsTerminal: false, standardErrorIsTerminal: true, environment: [:])
        XCTAssertEqual(piped, TerminalCapabilities(colourOnStandardOutput: false, colourOnStandardError: true, progressOnStandardError: true))
        let errorsToFile = TerminalCapabilities.decide(standardOutputIsTerminal: true, standardErrorIsTerminal: false, environment: [:])
        XCTAssertEqual(errorsToFile, TerminalCapabilities(colourOnStandardOutput: true, colourOnStandardError: false, progressOnStandardError: false))
        let noColor = TerminalCapabilities.decide(standardOutputIsTerminal: true, standardErrorIsTerminal: true, environment: ["NO_COLOR": "1"])
        XCTAssertEqual(noColor, TerminalCapabilities(colourOnStandardOutput: false, colourOnStandardError: false, progressOnStandardError: true),
                       "NO_COLOR removes colour, not the progress bar")
        let emptyNoColor = TerminalCapabilities.decide(standardOutputIsTerminal: true, standardErrorIsTerminal: false, environment: ["NO_COLOR": ""])
        XCTAssertTrue(emptyNoColor.colourOnStandardOutput, "an empty NO_COLOR is ignored, as no-color.org says")
        let dumb = TerminalCapabilities.decide(standardOutputIsTerminal: true, standardErrorIsTerminal: true, environment: ["TERM": "dumb"])
        XCTAssertEqual(dumb, TerminalCapabilities(colourOnStandardOutput: false, colourOnStandardError: false, progressOnStandardError: false))
    }

    func testPaintingKeepsTheVisibleTextAndItsAlignment() {
        let plain = Style(enabled: false), coloured = Style(enabled: true)
        XCTAssertEqual(plain.paint("OK", .ok), "OK")
        XCTAssertEqual(coloured.paint("OK", .ok), "\u{1B}[32mOK\u{1B}[0m")
        let line = " 4  22/01/2026  T044-001  RCP-2026-002  RCP   60 min  rejetee   "
        let highlighted = coloured.highlight(line, ["rejetee": .refused])
        XCTAssertEqual(highlighted, " 4  22/01/2026  T044-001  RCP-2026-002  RCP   60 min  \u{1B}[31mrejetee\u{1B}[0m   ")
        XCTAssertEqual(highlighted.replacingOccurrences(of: "\u{1B}\\[[0-9]*m", with: "", options: .regularExpression), line)
        XCTAssertEqual(plain.highlight(line, ["rejetee": .refused]), line)
        XCTAssertEqual(coloured.paintLines("a\n  - b\nc", startingWith: "  - ", .refused), "a\n\u{1B}[31m  - b\u{1B}[0m\nc")
    }

    func testTheProgressLineSaysHowFarInFrench() {
        XCTAssertEqual(ProgressBar.line(label: "Export du FEC", done: 2_500, total: 10_000, width: 8),
                       "Export du FEC  [██░░░░░░]  25 %  (2\u{202F}500/10\u{202F}000)")
        XCTAssertEqual(ProgressBar.line(label: "x", done: 12, total: 10, width: 4), "x  [████]  100 %  (10/10)")
        XCTAssertEqual(ProgressBar.line(label: "x", done: 0, total: 0, width: 4), "x  [░░░░]  0 %  (0/1)")
        XCTAssertNil(ProgressBar("x", enabled: false).reporter, "no terminal, no callback: the loop pays nothing")
        XCTAssertNotNil(ProgressBar("x", enabled: true).reporter)
    }

    /// Through pipes, as in a script: no escape code at all, even with a colour terminal declared.
    func testNothingButTextGoesIntoAPipe() throws {
        let s = try ActionsScenario(physioConvention: "")
        var cli = s.cli
        cli.environment["TERM"] = "xterm-256color"
        cli.environment.removeValue(forKey: "NO_COLOR")
        let file = try s.actionsFile("a.csv", [s.rcp("A1", on: "10/03/2025", minutes: 60), s.rcp("A2", on: "11/03/2025", minutes: 60, with: s.physio)])
        var outputs = [try cli.ok(["actions", "import", file]), try cli.ok(["actions", "list"]), try cli.ok(["verify"]),
                       try cli.ok(["actions", "revalue", "2"])]
        outputs.append(try cli.run(["team", "show", "T099-001"]))
        XCTAssertTrue(outputs[0].stdout.contains("rejetée"), outputs[0].stdout)
        XCTAssertEqual(outputs[4].status, 1)
        for output in outputs {
            XCTAssertFalse(output.stdout.contains("\u{1B}"), output.stdout)
            XCTAssertFalse(output.stderr.contains("\u{1B}"), output.stderr)
        }
    }

    /// On a terminal (a pseudo-terminal made by `script`), the same commands are coloured, unless NO_COLOR says not to.
    func testATerminalGetsColourUnlessNoColorIsSet() throws {
        let s = try ActionsScenario()
        try s.cli.ok(["actions", "import", try s.actionsFile("a.csv", [s.rcp("A1", on: "10/03/2025", minutes: 60)])])
        func onTerminal(_ command: String, noColor: Bool) throws -> String {
            var environment = s.cli.environment
            environment["TERM"] = "xterm"
            if noColor { environment["NO_COLOR"] = "1" } else { environment.removeValue(forKey: "NO_COLOR") }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["script", "-qec", CLI.executable.path + " " + command, "/dev/null"]
            process.environment = environment
            process.currentDirectoryURL = s.cli.folder
            let out = Pipe()
            process.standardOutput = out
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let verify = try onTerminal("verify", noColor: false)
        XCTAssertTrue(verify.contains("\u{1B}[32mOK\u{1B}[0m : "), verify)
        let list = try onTerminal("actions list", noColor: false)
        XCTAssertTrue(list.contains("\u{1B}[32mvalidee\u{1B}[0m"), list)
        let refused = try onTerminal("team show T099-001", noColor: false)
        XCTAssertTrue(refused.contains("\u{1B}[31mL'équipe T099-001 est introuvable. [not_found]\u{1B}[0m"), refused)
        XCTAssertFalse(try onTerminal("verify", noColor: true).contains("\u{1B}"))
    }
}

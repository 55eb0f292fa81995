import Foundation
import ClapTestSupport

// The examples of the user guides (docs/guide-tresorier.md, docs/guide-auditeur.md, docs/formats.md) are run
// by GuideExamplesTests, so that a guide never shows a command that no longer prints what it says.
//
// The convention, in the Markdown itself:
//
// - A fenced block tagged `console` holds commands and what they print. A line starting with `$ ` is a command,
//   run with bash in the working folder (a line ending with ` \` continues on the next one). The lines after it,
//   up to the next `$ ` line or the end of the block, are what it prints: its standard output, then its standard
//   error. A command expected to fail ends with a comment `# sortie N` (N its exit status); otherwise it must
//   exit 0. `$ export NAME=VALUE` changes the environment of the commands that follow, as in a shell.
// - A fenced block whose info string carries `fichier=NAME` (```` ```csv fichier=equipes.csv ````) is written
//   into the working folder, at that point of the document, before the commands that follow it run.
// - `<!-- environnement: NAME=VALUE … -->` on its own line sets environment variables without showing them to the
//   reader (the guides pin `CLAP_TODAY=AAAA-MM-JJThh:mm:ss` there, and say the date in the prose).
// - Output is compared exactly, line by line, after removing trailing spaces, a byte-order mark and trailing
//   empty lines. `[…]` stands for any text inside a line; a line holding only `[…]` stands for one or more lines.
//   Keep them rare: for a temporary path or a value that truly varies.
//
// Where the commands run: `HOME` is a fresh temporary folder; the working folder is `~/tresorerie`, next to
// `~/clap/Fixtures` (the repository's fixtures, as in a clone); `clap` is the built binary, first on the PATH;
// `CLAP_DB=clap.sqlite`, `CLAP_OPERATOR=tresorier`, `CLAP_TODAY` pinned, `LC_ALL=C.UTF-8`.
//
// Setting `CLAP_GUIDE_REWRITE=1` when running the tests rewrites, in the Markdown, the output and the
// `# sortie N` of every example that does not match: write the commands, run, then review the diff with git.

/// One thing a guide does, in the order of the document.
enum GuideStep {
    case file(name: String, contents: String, line: Int)
    case environment([(String, String)], line: Int)
    case command(GuideCommand)
}

/// A `$ …` line of a console block and what the guide says it prints.
struct GuideCommand {
    /// The command as bash reads it (continuation lines joined).
    let text: String
    let expectedStatus: Int32
    let expectedOutput: [String]
    /// 1-based line of the `$` in the document.
    let line: Int
    /// 0-based document lines: the command's own lines, and its expected output.
    let commandLines: Range<Int>
    let outputLines: Range<Int>
}

/// A Markdown document split into guide steps.
struct GuideDocument {
    let name: String
    let lines: [String]
    let steps: [GuideStep]

    static let wildcard = "[…]"

    init(name: String, text: String) throws {
        self.name = name
        lines = Self.lines(text)
        steps = try Self.parse(lines, name: name)
    }

    private static func parse(_ lines: [String], name: String) throws -> [GuideStep] {
        var steps: [GuideStep] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let assignments = environmentDirective(trimmed) {
                steps.append(.environment(assignments, line: index + 1))
                index += 1
                continue
            }
            guard let fence = openingFence(trimmed) else { index += 1; continue }
            let start = index + 1
            var end = start
            while end < lines.count && !closes(lines[end], fence: fence.marker) { end += 1 }
            guard end < lines.count else {
                throw GuideError("\(name):\(index + 1): bloc ouvert jamais fermé")
            }
            let body = Array(lines[start..<end])
            if let file = fence.file {
                steps.append(.file(name: file, contents: body.joined(separator: "\n") + "\n", line: index + 1))
            } else if fence.language == "console" {
                steps += try commands(in: body, firstLine: start, name: name).map(GuideStep.command)
            }
            index = end + 1
        }
        return steps
    }

    private static func commands(in body: [String], firstLine: Int, name: String) throws -> [GuideCommand] {
        var commands: [GuideCommand] = []
        var index = 0
        guard body.first?.hasPrefix("$ ") ?? true else {
            throw GuideError("\(name):\(firstLine + 1): un bloc console commence par une commande « $ … »")
        }
        while index < body.count {
            let commandStart = index
            var text = String(body[index].dropFirst(2))
            while text.hasSuffix(" \\"), index + 1 < body.count {
                index += 1
                text += "\n" + body[index]
            }
            index += 1
            let outputStart = index
            while index < body.count && !body[index].hasPrefix("$ ") { index += 1 }
            let (command, status) = exitComment(text)
            commands.append(GuideCommand(text: command, expectedStatus: status, expectedOutput: normalized(Array(body[outputStart..<index])),
                                         line: firstLine + commandStart + 1,
                                         commandLines: (firstLine + commandStart)..<(firstLine + outputStart),
                                         outputLines: (firstLine + outputStart)..<(firstLine + index)))
        }
        return commands
    }

    /// `clap … # sortie 1` → the command and 1.
    static func exitComment(_ text: String) -> (String, Int32) {
        guard let range = text.range(of: #"\s#\s*sortie\s+[0-9]+\s*$"#, options: .regularExpression) else { return (text, 0) }
        let digits = text[range].filter(\.isNumber)
        return (String(text[..<range.lowerBound]), Int32(digits) ?? 0)
    }

    private struct Fence {
        let marker: String
        let language: String
        let file: String?
    }

    private static func openingFence(_ line: String) -> Fence? {
        guard let first = line.first, first == "`" || first == "~" else { return nil }
        let marker = String(line.prefix { $0 == first })
        guard marker.count >= 3 else { return nil }
        let words = line.dropFirst(marker.count).split(separator: " ").map(String.init)
        let file = words.first { $0.hasPrefix("fichier=") }.map { String($0.dropFirst("fichier=".count)) }
        return Fence(marker: marker, language: words.first ?? "", file: file)
    }

    private static func closes(_ line: String, fence marker: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return trimmed.hasPrefix(marker) && trimmed.allSatisfy { $0 == marker.first }
    }

    private static func environmentDirective(_ line: String) -> [(String, String)]? {
        let prefix = "<!-- environnement:", suffix = "-->"
        guard line.hasPrefix(prefix), line.hasSuffix(suffix) else { return nil }
        return line.dropFirst(prefix.count).dropLast(suffix.count).split(separator: " ").compactMap { word in
            let pair = word.split(separator: "=", maxSplits: 1).map(String.init)
            return pair.count == 2 ? (pair[0], pair[1]) : nil
        }
    }

    /// What a comparison looks at: no byte-order mark, no trailing spaces, no trailing empty lines.
    static func normalized(_ lines: [String]) -> [String] {
        var result = lines.map { line -> String in
            var line = line.replacingOccurrences(of: "\u{FEFF}", with: "")
            while line.last == " " || line.last == "\t" { line.removeLast() }
            return line
        }
        while result.last == "" { result.removeLast() }
        return result
    }

    static func normalized(output: String) -> [String] {
        normalized(lines(output))
    }

    /// Lines split at `\n`, `\r\n` or `\r` (a Swift string sees `\r\n` as one character, not as `\n`).
    static func lines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
    }

    /// Does the actual output match the expected one, `[…]` included?
    static func matches(expected: [String], actual: [String]) -> Bool {
        func match(_ e: Int, _ a: Int) -> Bool {
            if e == expected.count { return a == actual.count }
            if expected[e] == wildcard {
                guard a < actual.count else { return false }
                return (a + 1...actual.count).contains { match(e + 1, $0) }
            }
            return a < actual.count && lineMatches(expected[e], actual[a]) && match(e + 1, a + 1)
        }
        return match(0, 0)
    }

    static func lineMatches(_ pattern: String, _ line: String) -> Bool {
        let pieces = pattern.components(separatedBy: wildcard)
        guard pieces.count > 1 else { return pattern == line }
        guard let first = pieces.first, let last = pieces.last, line.hasPrefix(first), line.hasSuffix(last),
              line.count >= first.count + last.count else { return false }
        var rest = line.dropFirst(first.count).dropLast(last.count)
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let found = rest.range(of: piece) else { return false }
            rest = rest[found.upperBound...]
        }
        return true
    }
}

struct GuideError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// An example whose output or exit status is not what its guide says.
struct GuideMismatch: CustomStringConvertible {
    let document: String
    let command: GuideCommand
    let actualStatus: Int32
    let actualOutput: [String]

    var description: String {
        var text = "\(document):\(command.line): $ \(command.text)\n"
        if actualStatus != command.expectedStatus {
            text += "sortie \(actualStatus), le guide attend \(command.expectedStatus)\n"
        }
        let differing = Self.firstDifference(command.expectedOutput, actualOutput)
        if let differing {
            text += "sortie différente à partir de la ligne \(differing + 1) :\n"
            text += "--- attendu (guide)\n" + Self.numbered(command.expectedOutput, mark: differing)
            text += "+++ obtenu\n" + Self.numbered(actualOutput, mark: differing)
        }
        return text
    }

    static func numbered(_ lines: [String], mark: Int) -> String {
        lines.enumerated().map { (index, line) in (index == mark ? "→ " : "  ") + line + "\n" }.joined()
    }

    /// The first line where a wildcard-free comparison fails (an approximation when `[…]` lines are involved).
    static func firstDifference(_ expected: [String], _ actual: [String]) -> Int? {
        guard !GuideDocument.matches(expected: expected, actual: actual) else { return nil }
        for index in 0..<max(expected.count, actual.count) {
            guard index < expected.count, index < actual.count else { return index }
            if expected[index] == GuideDocument.wildcard { return index }
            if !GuideDocument.lineMatches(expected[index], actual[index]) { return index }
        }
        return 0
    }
}

/// Runs guide documents one after the other in one fresh working folder, as a reader following them would.
struct GuideRunner {
    let home: URL
    let workingFolder: URL
    var environment: [String: String]

    init(repository: URL, executableFolder: URL) throws {
        home = ScratchFolder.url("clap-guide")
        workingFolder = home.appendingPathComponent("tresorerie")
        let manager = FileManager.default
        try manager.createDirectory(at: workingFolder, withIntermediateDirectories: true)
        try manager.createDirectory(at: home.appendingPathComponent("clap"), withIntermediateDirectories: true)
        try manager.createSymbolicLink(at: home.appendingPathComponent("clap/Fixtures"),
                                       withDestinationURL: repository.appendingPathComponent("Fixtures"))
        var env = ProcessInfo.processInfo.environment
        for name in ["NO_COLOR", "CLAP_GUIDE_REWRITE"] { env.removeValue(forKey: name) }
        env["HOME"] = home.path
        env["PATH"] = executableFolder.path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env["CLAP_DB"] = "clap.sqlite"
        env["CLAP_OPERATOR"] = "tresorier"
        env["CLAP_TODAY"] = "2026-01-15T09:00:00"
        env["LC_ALL"] = "C.UTF-8"
        environment = env
    }

    /// Runs every step; returns the examples that do not match, and rewrites them in place when asked to.
    mutating func run(_ document: GuideDocument, rewriteAt path: URL? = nil) throws -> [GuideMismatch] {
        var mismatches: [GuideMismatch] = []
        for step in document.steps {
            switch step {
            case .file(let name, let contents, _):
                let url = workingFolder.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(contents.utf8).write(to: url)
            case .environment(let assignments, _):
                for (name, value) in assignments { environment[name] = value }
            case .command(let command):
                if let assignment = exportAssignment(command.text) {
                    environment[assignment.0] = assignment.1
                    continue
                }
                let (status, output) = try execute(command.text)
                let actual = GuideDocument.normalized(output: output)
                if status != command.expectedStatus || !GuideDocument.matches(expected: command.expectedOutput, actual: actual) {
                    mismatches.append(GuideMismatch(document: document.name, command: command, actualStatus: status, actualOutput: actual))
                }
            }
        }
        if let path, !mismatches.isEmpty { try rewrite(document, mismatches, at: path) }
        return mismatches
    }

    private func exportAssignment(_ text: String) -> (String, String)? {
        guard text.hasPrefix("export "), !text.contains(";"), !text.contains("$") else { return nil }
        let pair = text.dropFirst("export ".count).split(separator: "=", maxSplits: 1).map(String.init)
        guard pair.count == 2 else { return nil }
        let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        return (pair[0], value)
    }

    private func execute(_ command: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", command]
        process.environment = environment
        process.currentDirectoryURL = workingFolder
        // Standard error goes to a file, so that a large output on one stream never blocks the command.
        let errorFile = home.appendingPathComponent("stderr-\(UUID().uuidString)")
        try Data().write(to: errorFile)
        let err = try FileHandle(forWritingTo: errorFile)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try err.close()
        let errData = (try? Data(contentsOf: errorFile)) ?? Data()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self) + String(decoding: errData, as: UTF8.self))
    }

    /// Replaces, in the Markdown file, each mismatching example's output (and exit comment) by what it printed.
    private func rewrite(_ document: GuideDocument, _ mismatches: [GuideMismatch], at path: URL) throws {
        var lines = document.lines
        for mismatch in mismatches.sorted(by: { $0.command.line > $1.command.line }) {
            let command = mismatch.command
            lines.replaceSubrange(command.outputLines, with: mismatch.actualOutput)
            if mismatch.actualStatus != command.expectedStatus {
                var commandLines = Array(lines[command.commandLines])
                let last = commandLines.count - 1
                let (bare, _) = GuideDocument.exitComment(commandLines[last])
                commandLines[last] = bare + (mismatch.actualStatus == 0 ? "" : " # sortie \(mismatch.actualStatus)")
                lines.replaceSubrange(command.commandLines, with: commandLines)
            }
        }
        try Data(lines.joined(separator: "\n").utf8).write(to: path)
    }
}

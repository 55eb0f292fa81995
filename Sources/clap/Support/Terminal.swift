import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What clap may draw: colour and a progress bar are for a person at a terminal, never for a pipe or a file.
struct TerminalCapabilities: Equatable, Sendable {
    let colourOnStandardOutput: Bool
    let colourOnStandardError: Bool
    let progressOnStandardError: Bool

    /// Colour only on a terminal, and never when `NO_COLOR` is set to anything (https://no-color.org) or
    /// `TERM=dumb`; a progress bar only when standard error is a terminal that can redraw a line.
    static func decide(standardOutputIsTerminal: Bool, standardErrorIsTerminal: Bool,
                       environment: [String: String]) -> TerminalCapabilities {
        let dumb = environment["TERM"] == "dumb"
        let colourAllowed = !dumb && (environment["NO_COLOR"] ?? "").isEmpty
        return TerminalCapabilities(colourOnStandardOutput: colourAllowed && standardOutputIsTerminal,
                                    colourOnStandardError: colourAllowed && standardErrorIsTerminal,
                                    progressOnStandardError: !dumb && standardErrorIsTerminal)
    }

    /// This process's capabilities, decided once.
    static let current = decide(standardOutputIsTerminal: isatty(STDOUT_FILENO) == 1,
                                standardErrorIsTerminal: isatty(STDERR_FILENO) == 1,
                                environment: ProcessInfo.processInfo.environment)
}

/// The few colours clap uses, each with a meaning.
enum Tone: String, Sendable {
    case ok = "32"
    case refused = "31"
    case warning = "33"
}

/// Paints text with ANSI colours when enabled, and leaves it untouched otherwise.
struct Style: Sendable {
    let enabled: Bool

    static let standardOutput = Style(enabled: TerminalCapabilities.current.colourOnStandardOutput)
    static let standardError = Style(enabled: TerminalCapabilities.current.colourOnStandardError)

    func paint(_ text: String, _ tone: Tone) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(tone.rawValue)m" + text + "\u{1B}[0m" : text
    }

    /// Paints whole words of an already aligned table line: the visible width does not change.
    func highlight(_ line: String, _ words: [String: Tone]) -> String {
        guard enabled else { return line }
        return line.split(separator: " ", omittingEmptySubsequences: false).map { word in
            words[String(word)].map { paint(String(word), $0) } ?? String(word)
        }.joined(separator: " ")
    }

    /// Paints the lines of a text that start with a prefix.
    func paintLines(_ text: String, startingWith prefix: String, _ tone: Tone) -> String {
        guard enabled else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(prefix) ? paint(String($0), tone) : String($0) }.joined(separator: "\n")
    }
}

/// A progress bar on standard error for work that lasts more than a second, redrawn in place at most ten
/// times a second and erased when done. Silent when standard error is not a terminal.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private let delay: Duration
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var lastDrawn: ContinuousClock.Instant?
    private var drawn = false
    private let lock = NSLock()

    init(_ label: String, enabled: Bool = TerminalCapabilities.current.progressOnStandardError, delay: Duration = .seconds(1)) {
        self.label = label
        self.enabled = enabled
        self.delay = delay
        started = clock.now
    }

    /// What to hand to a long loop: nil when nothing will be drawn, so that the loop pays nothing.
    var reporter: (@Sendable (Int, Int) -> Void)? {
        guard enabled else { return nil }
        return { @Sendable [self] done, total in update(done: done, total: total) }
    }

    func update(done: Int, total: Int) {
        lock.lock()
        defer { lock.unlock() }
        let now = clock.now
        guard now - started >= delay else { return }
        if let lastDrawn, now - lastDrawn < .milliseconds(100), done < total { return }
        lastDrawn = now
        drawn = true
        FileHandle.standardError.write(Data(("\r" + Self.line(label: label, done: done, total: total) + "\u{1B}[K").utf8))
    }

    /// Erases the bar, if one was drawn, so that what follows starts on a clean line.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        drawn = false
    }

    /// `Import des actions  [███████░░░░░░░░░░░░░░░░░░░░░░░]  25 %  (250/1 000)`.
    static func line(label: String, done: Int, total: Int, width: Int = 30) -> String {
        let total = max(total, 1)
        let done = min(max(done, 0), total)
        let filled = done * width / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        return "\(label)  [\(bar)]  \(done * 100 / total) %  (\(grouped(done))/\(grouped(total)))"
    }

    /// Thousands separated by a narrow no-break space, as `Cents.frenchString` writes them.
    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append("\u{202F}") }
            result.append(digit)
        }
        return result
    }
}

import ArgumentParser
import Foundation

// Files clap writes are the owner's only: 0600 files, 0700 folders.
umask(0o077)

func standardError(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

do {
    var command = try Clap.parseAsRoot()
    try command.run()
} catch {
    switch Clap.exitCode(for: error) {
    case .success:
        // Help or version was asked for.
        print(ArgumentParserFrench.translate(Clap.fullMessage(for: error)))
        exit(0)
    case .validationFailure:
        standardError(ArgumentParserFrench.translate(Clap.fullMessage(for: error)))
        exit(ExitStatus.usage.rawValue)
    default:
        let failure = CommandFailure.from(error)
        // The first line says what went wrong: red on a terminal; the details and next steps stay plain.
        for (index, line) in failure.lines.enumerated() {
            standardError(index == 0 ? Style.standardError.paint(line, .refused) : line)
        }
        exit(failure.status.rawValue)
    }
}

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
        print(Clap.fullMessage(for: error))
        exit(0)
    case .validationFailure:
        standardError(Clap.fullMessage(for: error))
        exit(ExitStatus.usage.rawValue)
    default:
        let failure = CommandFailure.from(error)
        failure.lines.forEach(standardError)
        exit(failure.status.rawValue)
    }
}

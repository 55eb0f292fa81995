import ArgumentParser
import Foundation

// Files clap writes are the owner's only: 0600 files, 0700 folders.
umask(0o077)

do {
    var command = try Clap.parseAsRoot()
    do {
        try command.run()
    } catch {
        let failure = CommandFailure.from(error)
        for line in failure.lines { FileHandle.standardError.write(Data((line + "\n").utf8)) }
        exit(failure.status.rawValue)
    }
} catch {
    // Parsing failed, or help was asked for.
    let code = Clap.exitCode(for: error)
    let message = Clap.fullMessage(for: error)
    if code == .success {
        print(message)
        exit(0)
    }
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(ExitStatus.usage.rawValue)
}

import ClapDomain
import Foundation

/// Reads an input file for an import, refusing a missing or unreadable one in French.
func readInputFile(_ path: String) throws -> Data {
    guard FileManager.default.fileExists(atPath: path) else {
        throw CommandFailure(.refused, ["Le fichier « \(path) » n'existe pas."])
    }
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    if let size = (attributes?[.size] as? NSNumber)?.intValue, size > InputLimits.standard.fileBytesMax {
        throw InputRejected([LocatedIssue(CSVIssues.fileTooLarge(bytes: size, max: InputLimits.standard.fileBytesMax),
                                          at: SourceLocation(file: (path as NSString).lastPathComponent, line: 1))])
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CommandFailure(.refused, ["Le fichier « \(path) » ne peut pas être lu."])
    }
    return data
}

/// A one-row CSV built from command-line options, so that `add` goes through exactly the checks of `import`.
func commandLineRow(_ pairs: [(String, String?)]) -> Data {
    func quoted(_ value: String) -> String { "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    let header = pairs.map(\.0).joined(separator: ";")
    let values = pairs.map { quoted($0.1 ?? "") }.joined(separator: ";")
    return Data((header + "\n" + values + "\n").utf8)
}

/// The name under which command-line values appear in error messages.
let commandLineSource = "ligne de commande"

/// `--dry-run` on imports.
struct DryRunOption: ParsableArguments {
    @Flag(name: .customLong("dry-run"), help: "Montre ce que l'import ferait, sans rien écrire.")
    var dryRun = false
}

import ArgumentParser

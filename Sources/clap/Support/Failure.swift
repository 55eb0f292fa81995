import ClapDomain
import ClapStore
import Foundation
import ClapReports
import LedgerCore

/// The exit codes of product.md §6.
enum ExitStatus: Int32 {
    case done = 0
    case refused = 1
    case usage = 2
    case integrity = 3
}

/// A failure the executable reports in French with its exit status.
struct CommandFailure: Error {
    let status: ExitStatus
    let lines: [String]

    init(_ status: ExitStatus, _ lines: [String]) {
        self.status = status
        self.lines = lines
    }

    /// Translates any error a command threw into what the user reads and the exit status.
    static func from(_ error: Error) -> CommandFailure {
        switch error {
        case let failure as CommandFailure:
            return failure
        case let rejected as InputRejected:
            let count = rejected.issues.count
            let header = count == 1 ? "1 erreur : rien n'a été écrit." : "\(count) erreurs : rien n'a été écrit."
            return CommandFailure(.refused, [header] + rejected.issues.map { "  - " + $0.description }
                                  + NextStep.hints(rejected.issues.map { ($0.issue.code, $0.issue.message) }))
        case let issue as InputIssue:
            return CommandFailure(.refused, [issue.message + " [" + issue.code + "]"] + NextStep.hints([(issue.code, issue.message)]))
        case let store as StoreError:
            return CommandFailure(.refused, [store.message + " [" + store.code + "]"] + NextStep.hints([(store.code, store.message)]))
        case let posting as PostingError:
            return CommandFailure(.refused, [posting.message + " [" + posting.code + "]"])
        case let refused as ExportRefused:
            return CommandFailure(.refused, ["Export impossible : " + refused.message + " Rien n'a été écrit."])
        default:
            return CommandFailure(.refused, ["Erreur inattendue : \(error). Rien n'a été écrit."])
        }
    }
}

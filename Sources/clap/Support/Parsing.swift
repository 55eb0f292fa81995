import ArgumentParser
import ClapDomain
import Foundation
import LedgerCore

/// Reads a command-line date, `JJ/MM/AAAA` or `AAAA-MM-JJ`.
func parseDay(_ text: String) throws -> Day {
    guard let day = Day.parse(text) else {
        throw CommandFailure(.usage, ["Date invalide « \(text) » : écrivez JJ/MM/AAAA ou AAAA-MM-JJ (et une date qui existe)."])
    }
    return day
}

/// Reads a command-line amount, `1234,56` or `1234.56`.
func parseAmount(_ text: String) throws -> Cents {
    switch Cents.parse(text) {
    case .success(let amount): return amount
    case .failure(.tooManyDecimals):
        throw CommandFailure(.usage, ["Montant « \(text) » : deux décimales au plus."])
    case .failure:
        throw CommandFailure(.usage, ["Montant invalide « \(text) » : écrivez par exemple 1234,56 ou 1234.56."])
    }
}

/// Prints a value as pretty JSON with sorted keys.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

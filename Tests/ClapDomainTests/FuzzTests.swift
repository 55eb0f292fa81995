import ClapDomain
import Foundation
import XCTest

/// Seeded fuzzing of every input parser (product.md §8: no input crashes the program). Valid fixtures are mutated at
/// random — bytes flipped, inserted and deleted, lines duplicated, truncated and swapped, separators and quotes
/// changed — and each mutant goes through the parser the import uses. A crash fails the whole run; each case must
/// finish within `caseTimeLimit` seconds. `CLAP_FUZZ_CASES` and `CLAP_FUZZ_SEED` replay or extend a run; should a
/// case crash the test process, its input is in `$TMPDIR/clap-fuzz-last`. It found toml++ aborting on `[` + line end
/// (see TomlPrecheck).
final class FuzzTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")
    let cases = Int(ProcessInfo.processInfo.environment["CLAP_FUZZ_CASES"] ?? "") ?? 1_500
    let seed = UInt64(ProcessInfo.processInfo.environment["CLAP_FUZZ_SEED"] ?? "") ?? 7_2026
    let caseTimeLimit = 5.0

    /// The first lines of a fixture: small inputs keep thousands of cases within CI time.
    func fixture(_ path: String, lines: Int = 30) throws -> Data {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent(path), encoding: .utf8)
        return Data(text.split(separator: "\n", omittingEmptySubsequences: false).prefix(lines).joined(separator: "\n").utf8)
    }

    func testMutatedCSVFilesNeverCrashOrHangAnyReader() throws {
        let seeds: [(Data, @Sendable (Data) -> Bool)] = [
            (try fixture("demo/actions-2025-03.csv"), { if case .success = ActionFile.declarations($0, fileName: "a.csv") { true } else { false } }),
            (try fixture("demo/equipes.csv"), { if case .success = RegistryFiles.teams($0, fileName: "e.csv") { true } else { false } }),
            (try fixture("demo/professionnels.csv"), { if case .success = RegistryFiles.professionals($0, fileName: "p.csv") { true } else { false } }),
            (try fixture("demo/membres.csv"), { if case .success = RegistryFiles.members($0, fileName: "m.csv") { true } else { false } }),
        ]
        for (data, parse) in seeds { XCTAssertTrue(parse(data), "each unmutated fixture reads") }
        let outcome = try fuzz(seeds.map { ($0.0, $0.1) }, separators: [UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "\t")])
        // The mutations must reach the refusals and still let some files through: both paths are exercised.
        XCTAssertGreaterThan(outcome.accepted, cases / 50, "\(outcome)")
        XCTAssertGreaterThan(outcome.refused, cases / 2, "\(outcome)")
    }

    func testMutatedBaremeFilesNeverCrashOrHangTheTomlReader() throws {
        let barème = try fixture("bareme-defaut.toml", lines: 200)
        let parse: @Sendable (Data) -> Bool = { data in
            // The import decodes the bytes first, as `clap tariff import` does; undecodable bytes are a refusal.
            guard case .success(let text) = TextDecoding.decode(data) else { return false }
            if case .success = TariffSchedule.parse(toml: text, fileName: "b.toml") { return true }
            return false
        }
        XCTAssertTrue(parse(barème))
        let outcome = try fuzz([(barème, parse)], separators: [UInt8(ascii: "="), UInt8(ascii: "."), UInt8(ascii: "\"")])
        XCTAssertGreaterThan(outcome.accepted, 0, "\(outcome)")
        XCTAssertGreaterThan(outcome.refused, cases / 2, "\(outcome)")
    }

    /// Inputs that made toml++ abort the process (an assertion in its table-header parser) are refused as syntax errors.
    func testTableHeadersThatAbortedTomlPlusPlusAreRefused() {
        for text in ["[\n", "name = \"x\"\n[", "[[=\n", "[[[1]]]\n", "[ ]\n", "[=]\n", "a = 1\n  [\t\n"] {
            guard case .failure(let rejected) = TariffSchedule.parse(toml: text, fileName: "b.toml") else {
                XCTFail("accepted: \(text.debugDescription)")
                continue
            }
            XCTAssertEqual(rejected.issues.map(\.issue.code), ["tariff.syntax"], text.debugDescription)
        }
        // Valid headers, nested arrays and brackets inside strings still reach toml++ (refused later, for other reasons).
        let valid = "name = \"a [b\"\nx = [\n  [1],\n]\n[ types.RCP ]\ns = '''\n[\n'''\n"
        if case .failure(let rejected) = TariffSchedule.parse(toml: valid, fileName: "b.toml") {
            XCTAssertFalse(rejected.issues.contains { $0.issue.code == "tariff.syntax" }, "\(rejected.issues)")
        }
    }

    struct Outcome: CustomStringConvertible {
        var accepted = 0
        var refused = 0
        var slowest = 0.0
        var description: String { "\(accepted) accepted, \(refused) refused, slowest case \(Int(slowest * 1_000)) ms" }
    }

    /// Runs `cases` mutants spread over the seeds; each on a worker thread, waited for with a time limit.
    func fuzz(_ seeds: [(Data, @Sendable (Data) -> Bool)], separators: [UInt8]) throws -> Outcome {
        var generator = FuzzGenerator(seed: seed)
        var outcome = Outcome()
        for index in 0..<cases {
            let (original, parse) = seeds[index % seeds.count]
            let mutant = mutate(original, rounds: 1 + Int(generator.next() % 4), separators: separators, using: &generator)
            // Should a case crash the process, the input that did it is left here.
            try? mutant.write(to: FileManager.default.temporaryDirectory.appendingPathComponent("clap-fuzz-last"))
            let box = ResultBox()
            let done = DispatchSemaphore(value: 0)
            let started = Date()
            DispatchQueue.global().async {
                box.accepted = parse(mutant)
                done.signal()
            }
            guard done.wait(timeout: .now() + caseTimeLimit) == .success else {
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("clap-fuzz-hang-\(seed)-\(index)")
                try? mutant.write(to: path)
                XCTFail("case \(index) (seed \(seed)) did not finish within \(caseTimeLimit) s; input kept at \(path.path)")
                return outcome
            }
            outcome.slowest = max(outcome.slowest, Date().timeIntervalSince(started))
            if box.accepted { outcome.accepted += 1 } else { outcome.refused += 1 }
        }
        return outcome
    }

    final class ResultBox: @unchecked Sendable {
        var accepted = false
    }

    func mutate(_ data: Data, rounds: Int, separators: [UInt8], using generator: inout FuzzGenerator) -> Data {
        var bytes = [UInt8](data)
        let interesting: [UInt8] = [0x00, 0x0A, 0x0D, 0x22, 0x27, 0x3B, 0x2C, 0x09, 0x5C, 0x3D, 0x5B, 0x5D, 0x23,
                                    0x7F, 0x80, 0xC3, 0xA9, 0xE2, 0xEF, 0xBB, 0xBF, 0xFE, 0xFF, 0x30, 0x39, 0x2D, 0x2E]
        func position() -> Int { bytes.isEmpty ? 0 : Int(generator.next() % UInt64(bytes.count)) }
        func lines() -> [ArraySlice<UInt8>] { bytes.split(separator: 0x0A, omittingEmptySubsequences: false) }
        for _ in 0..<rounds {
            switch generator.next() % 10 {
            case 0 where !bytes.isEmpty: // flip bits of a byte
                bytes[position()] ^= UInt8(truncatingIfNeeded: 1 << (generator.next() % 8))
            case 1: // insert interesting or random bytes
                let count = 1 + Int(generator.next() % 8)
                let inserted = (0..<count).map { _ in generator.next() % 2 == 0
                    ? interesting[Int(generator.next() % UInt64(interesting.count))] : UInt8(truncatingIfNeeded: generator.next()) }
                bytes.insert(contentsOf: inserted, at: position())
            case 2 where !bytes.isEmpty: // delete a run of bytes
                let start = position()
                bytes.removeSubrange(start..<min(bytes.count, start + 1 + Int(generator.next() % 16)))
            case 3: // duplicate a line
                var all = lines()
                if let line = all.randomElement(using: &generator) { all.insert(line, at: Int(generator.next() % UInt64(all.count + 1))) }
                bytes = Array(all.joined(separator: [0x0A]))
            case 4: // truncate a line
                var all = lines()
                if !all.isEmpty {
                    let at = Int(generator.next() % UInt64(all.count))
                    all[at] = all[at].prefix(Int(generator.next() % UInt64(all[at].count + 1)))
                    bytes = Array(all.joined(separator: [0x0A]))
                }
            case 5: // swap every occurrence of one separator for another
                let from = separators[Int(generator.next() % UInt64(separators.count))]
                let to = separators[Int(generator.next() % UInt64(separators.count))]
                bytes = bytes.map { $0 == from ? to : $0 }
            case 6: // cut the file short
                bytes = Array(bytes.prefix(position()))
            case 7: // swap two lines
                var all = lines()
                if all.count > 1 {
                    all.swapAt(Int(generator.next() % UInt64(all.count)), Int(generator.next() % UInt64(all.count)))
                    bytes = Array(all.joined(separator: [0x0A]))
                }
            case 8: // repeat a chunk many times (long fields, many columns)
                let start = position()
                let chunk = Array(bytes[start..<min(bytes.count, start + 1 + Int(generator.next() % 8))])
                bytes.insert(contentsOf: Array(repeating: chunk, count: 1 + Int(generator.next() % 300)).flatMap { $0 }, at: start)
            default: // overwrite a byte with an interesting one
                if !bytes.isEmpty { bytes[position()] = interesting[Int(generator.next() % UInt64(interesting.count))] }
            }
        }
        return Data(bytes)
    }
}

/// SplitMix64, seeded: the same seed replays the same mutants.
struct FuzzGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

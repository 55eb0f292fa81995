import Foundation
import XCTest
import ClapTestSupport

/// What a run of the built `clap` printed and how it exited.
struct CLIResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs the built `clap` executable, as a user would, in a working folder of its own.
struct CLI {
    let folder: URL
    var environment: [String: String]

    init(today: String = "2026-11-22") throws {
        folder = ScratchFolder.url("clap-cli")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment
        env["CLAP_DB"] = folder.appendingPathComponent("clap.sqlite").path
        env["CLAP_OPERATOR"] = "tresorier-test"
        env["CLAP_TODAY"] = today
        environment = env
    }

    var databasePath: String { environment["CLAP_DB"] ?? "" }

    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("clap")
    }

    @discardableResult
    func run(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs and expects exit 0.
    @discardableResult
    func ok(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        let result = try run(arguments)
        XCTAssertEqual(result.status, 0, "clap \(arguments.joined(separator: " ")) → \(result.stderr)", file: file, line: line)
        return result
    }

    func initialize() throws {
        try ok(["init", "--name", "Association régionale ESP CLAP", "--siren", "882413578", "--iban", "FR7615519391000002012340129"])
    }
}

import Foundation
import XCTest
import ClapTestSupport

/// Runs a command-line tool found on the PATH and returns its exit status and output.
@discardableResult
func runTool(_ tool: String, _ arguments: [String]) throws -> CLIResult {
    try runProgram(URL(fileURLWithPath: "/usr/bin/env"), [tool] + arguments)
}

/// Runs a program to its end; its standard error goes to a file, so that a long report cannot block it.
func runProgram(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
                folder: URL? = nil) throws -> CLIResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let folder { process.currentDirectoryURL = folder }
    let errURL = ScratchFolder.url("clap-tool", suffix: ".err")
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errURL) }
    let out = Pipe()
    process.standardOutput = out
    process.standardError = try FileHandle(forWritingTo: errURL)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                     stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
}

/// Runs SQL with the `sqlite3` shell, as someone editing the file behind clap's back would; fails the test on error.
@discardableResult
func sqlite3(_ path: String, _ sql: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
    let result = try runTool("sqlite3", [path, sql])
    XCTAssertEqual(result.status, 0, "sqlite3 \(sql) → \(result.stderr)", file: file, line: line)
    return result.stdout
}

/// The demo year, built once by the real `clap demo` and copied for each test that damages it.
enum DemoDatabase {
    /// The folder holding the pristine demo database (`clap.sqlite`) and its output folder.
    static let pristine: Result<URL, Error> = Result {
        let folder = ScratchFolder.url("clap-demo-pristine")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var cli = try CLI(today: "2026-01-15")
        cli.environment["CLAP_DB"] = folder.appendingPathComponent("clap.sqlite").path
        let result = try cli.run(["demo", "--db", folder.appendingPathComponent("clap.sqlite").path])
        guard result.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: ["demo": result.stderr]) }
        return folder
    }

    /// A CLI whose database is a fresh copy of the demo year's.
    static func copy() throws -> CLI {
        let cli = try CLI(today: "2026-01-15")
        try FileManager.default.copyItem(at: try pristine.get().appendingPathComponent("clap.sqlite"),
                                         to: URL(fileURLWithPath: cli.databasePath))
        return cli
    }
}

/// SQL that lets a statement through whatever clap's guards say: what a determined person with `sqlite3` does.
/// The triggers named are dropped (so `verify` also reports them missing), checks and foreign keys are off.
func behindClapsBack(dropping triggers: [String], _ sql: String) -> String {
    "PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON; "
        + triggers.map { "DROP TRIGGER IF EXISTS \($0); " }.joined() + sql
}

/// Every trigger that guards posted rows, for tests that edit them.
let ledgerGuards = ["entry_is_immutable_u", "entry_is_immutable_d", "posting_is_immutable_u", "posting_is_immutable_d"]

extension CLI {
    /// Runs the built `clap` like `run`, with standard error in a file (a long `verify` report cannot block it).
    func runLong(_ arguments: [String]) throws -> CLIResult {
        try runProgram(CLI.executable, arguments, environment: environment, folder: folder)
    }
}

import ClapTestSupport
import Foundation
import XCTest

/// The tests' temporary folders live under one folder per run, removed at its end or by a later run.
final class ScratchFolderTests: XCTestCase {
    func testFoldersAreUnderThisRunsFolder() throws {
        let folder = try ScratchFolder.folder("essai")
        XCTAssertEqual(folder.deletingLastPathComponent().lastPathComponent, "clap-tests-\(getpid())")
        XCTAssertTrue(folder.lastPathComponent.hasPrefix("essai-"))
        XCTAssertNotEqual(ScratchFolder.url("essai"), ScratchFolder.url("essai"))
        XCTAssertTrue(ScratchFolder.url("x", suffix: ".xml").lastPathComponent.hasSuffix(".xml"))
    }

    func testOnlyTheFoldersOfEndedRunsAreRemoved() throws {
        let parent = try ScratchFolder.folder("parent")
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let names = ["clap-tests-\(getpid())", "clap-tests-\(getppid())", "clap-tests-\(ended.processIdentifier)",
                     "clap-tests-abc", "autre"]
        for name in names {
            try FileManager.default.createDirectory(at: parent.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        ScratchFolder.removeFoldersOfEndedRuns(in: parent)
        let left = try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted()
        XCTAssertEqual(left, ["autre", "clap-tests-\(getpid())", "clap-tests-\(getppid())", "clap-tests-abc"].sorted())
    }
}

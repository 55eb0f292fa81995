@testable import ClapReports
import Foundation
import LedgerCore
import XCTest
import ClapTestSupport

/// `FileSink` hashes and writes full buffers on a second thread: the file and its SHA-256 must be exactly what
/// was written, in order, across many buffers.
final class FileSinkTests: XCTestCase {
    private func folder() throws -> URL {
        let url = ScratchFolder.url("clap-sink")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func testAFileOfManyBuffersHoldsEveryByteInOrderWithItsHash() throws {
        let path = try folder().appendingPathComponent("export.txt").path
        let sink = try FileSink(path: path)
        var expected: [UInt8] = []
        // About 3.5 MB, so several buffers go to the second thread, through both ways of writing.
        for line in 0..<60_000 {
            let text = "ligne \(line);é€;\(String(repeating: "x", count: line % 97))\r\n"
            if line.isMultiple(of: 2) {
                sink.write(text)
            } else {
                let bytes = Array(text.utf8)
                bytes.withUnsafeBufferPointer { sink.write(bytes: $0) }
            }
            expected += Array(text.utf8)
        }
        let digest = try sink.finish()
        XCTAssertGreaterThan(expected.count, 3 << 20)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), Data(expected))
        XCTAssertEqual(digest, CanonicalHash.sha256Hex(expected))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + ".partiel"))
    }

    func testADiscardedFileLeavesNothing() throws {
        let path = try folder().appendingPathComponent("export.txt").path
        let sink = try FileSink(path: path)
        for _ in 0..<30_000 { sink.write("une ligne qui ne sera pas gardée\n") }
        sink.discard()
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + ".partiel"))
    }

    /// A new file replaces an older one of the same name, and a partial file left by an interrupted run (here
    /// readable by all) is reused with owner-only permissions: the finished file is 0600 either way.
    func testAFinishedFileReplacesTheOldOneOwnerOnlyEvenOverALeftoverPartialFile() throws {
        let path = try folder().appendingPathComponent("releve.txt").path
        try Data("ancien relevé\n".utf8).write(to: URL(fileURLWithPath: path))
        try Data("reste d'une exécution interrompue, plus long que le nouveau\n".utf8).write(to: URL(fileURLWithPath: path + ".partiel"))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path + ".partiel")
        let sink = try FileSink(path: path)
        sink.write("nouveau relevé\n")
        let digest = try sink.finish()
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "nouveau relevé\n")
        XCTAssertEqual(digest, CanonicalHash.sha256Hex(Array("nouveau relevé\n".utf8)))
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int, 0o600)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + ".partiel"))
    }

    func testAFileThatCannotBeCreatedIsRefusedWithItsPath() throws {
        let blocker = try folder().appendingPathComponent("un-fichier")
        try Data().write(to: blocker)
        XCTAssertThrowsError(try FileSink(path: blocker.appendingPathComponent("releve.txt").path))
    }
}

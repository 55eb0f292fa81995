@testable import ClapReports
import Foundation
import LedgerCore
import XCTest

/// `FileSink` hashes and writes full buffers on a second thread: the file and its SHA-256 must be exactly what
/// was written, in order, across many buffers.
final class FileSinkTests: XCTestCase {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("clap-sink-\(UUID().uuidString)")
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
}

import Foundation
import LedgerCore

/// Writes text to a file through a buffer, computing its SHA-256 on the way: exports stream, memory stays flat.
/// The file is written under a temporary name and moved into place only when complete.
public final class FileSink {
    public let path: String
    private let temporaryPath: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var hasher = StreamingSHA256()
    private static let bufferBytes = 1 << 20

    public init(path: String) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        temporaryPath = path + ".partiel"
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: temporaryPath) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        self.handle = handle
    }

    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.bufferBytes { flush() }
    }

    /// Appends text already encoded as UTF-8.
    public func write(bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferBytes { flush() }
    }

    private func flush() {
        hasher.update(buffer)
        // Handed to the file as it is: no copy of the buffer into a new `Data` each time.
        buffer.withUnsafeMutableBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            handle.write(Data(bytesNoCopy: base, count: bytes.count, deallocator: .none))
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Completes the file and returns its SHA-256.
    public func finish() throws -> String {
        flush()
        try handle.synchronize()
        try handle.close()
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: temporaryPath, toPath: path)
        return hasher.hex()
    }

    /// Abandons a partial file.
    public func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporaryPath)
    }
}

import Dispatch
import Foundation
import LedgerCore

/// Writes text to a file through a buffer, computing its SHA-256 on the way: exports stream, memory stays flat.
/// The file is written under a temporary name and moved into place only when complete.
///
/// Each full buffer is hashed and written on a second thread while the caller fills the next one (an FEC's lines
/// are built on one core, hashed and written on the other). At most two buffers are in flight, so memory stays at
/// a few megabytes whatever the size of the file.
public final class FileSink {
    public let path: String
    private let temporaryPath: String
    private let output: Output
    private var buffer: [UInt8] = []
    private static let bufferBytes = 1 << 20

    public init(path: String) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        temporaryPath = path + ".partiel"
        // One open(2), owner only: Foundation's createFile would write an empty file atomically first (a second
        // temporary file and a rename), which `statement --all` would pay once per professional.
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        // A leftover partial file keeps its old mode through O_TRUNC: owner only again.
        guard fchmod(descriptor, 0o600) == 0 else {
            close(descriptor)
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        output = Output(handle: handle)
        buffer.reserveCapacity(Self.bufferBytes)
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
        guard !buffer.isEmpty else { return }
        output.hashAndWrite(buffer)
        buffer = []
        buffer.reserveCapacity(Self.bufferBytes)
    }

    /// Completes the file and returns its SHA-256.
    public func finish() throws -> String {
        flush()
        let digest = try output.finish()
        // rename(2) replaces an older file of the same name in one step: there is always either it or the new one.
        guard rename(temporaryPath, path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)])
        }
        return digest
    }

    /// Abandons a partial file.
    public func discard() {
        output.abandon()
        try? FileManager.default.removeItem(atPath: temporaryPath)
    }

    /// The file handle and the hash, used only on `queue` (and by `finish` once the queue is drained), which is what
    /// makes the unchecked `Sendable` sound.
    private final class Output: @unchecked Sendable {
        private let handle: FileHandle
        private var hasher = StreamingSHA256()
        private var writeError: (any Error)?
        private var finished = false
        private let queue = DispatchQueue(label: "clap.filesink")
        private let slots = DispatchSemaphore(value: 2)

        init(handle: FileHandle) { self.handle = handle }

        /// Hands a full buffer to the second thread; waits while two are already in flight.
        func hashAndWrite(_ bytes: [UInt8]) {
            slots.wait()
            queue.async { [self] in
                defer { slots.signal() }
                guard writeError == nil else { return }
                hasher.update(bytes)
                do { try handle.write(contentsOf: bytes) } catch { writeError = error }
            }
        }

        /// Waits for the buffers in flight, synchronises and closes the file; the SHA-256 of all that was written.
        func finish() throws -> String {
            try queue.sync {
                guard !finished else { throw CocoaError(.fileWriteUnknown) }
                finished = true
                if let writeError { try? handle.close(); throw writeError }
                try handle.synchronize()
                try handle.close()
                return hasher.hex()
            }
        }

        /// Waits for the buffers in flight and closes the file without synchronising it (it is about to be removed).
        func abandon() {
            queue.sync {
                guard !finished else { return }
                finished = true
                try? handle.close()
            }
        }
    }
}

import Foundation
import XCTest

/// Temporary files and folders for tests, all under one folder per test process that is removed when the run ends.
///
/// Before it, each test left its folder in the system's temporary directory, and this machine had gathered 21,000
/// of them (13 GB) from the suite's runs.
public enum ScratchFolder {
    /// A new path under this run's folder, `<prefix>-<UUID><suffix>`; nothing is created at it.
    public static func url(_ prefix: String, suffix: String = "") -> URL {
        root.appendingPathComponent("\(prefix)-\(UUID().uuidString)\(suffix)")
    }

    /// A new, empty folder under this run's folder.
    public static func folder(_ prefix: String) throws -> URL {
        let folder = url(prefix)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// `clap-tests-<pid>` in the system's temporary directory, created on first use; the first use also removes the
    /// folders of earlier runs whose process is gone (a run that crashed could not remove its own).
    public static var root: URL { Run.shared.root }

    private final class Run: NSObject, XCTestObservation, @unchecked Sendable {
        static let shared = Run()
        let root: URL

        override init() {
            let temporary = FileManager.default.temporaryDirectory
            root = temporary.appendingPathComponent("clap-tests-\(getpid())")
            super.init()
            ScratchFolder.removeFoldersOfEndedRuns(in: temporary)
            try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            XCTestObservationCenter.shared.addTestObserver(self)
        }

        func testBundleDidFinish(_ testBundle: Bundle) {
            try? FileManager.default.removeItem(at: root)
        }

    }

    /// Removes the `clap-tests-<pid>` folders in `temporary` whose process no longer exists; keeps this process's
    /// folder, those of runs still going, and everything else.
    public static func removeFoldersOfEndedRuns(in temporary: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        for name in names where name.hasPrefix("clap-tests-") {
            guard let pid = pid_t(name.dropFirst("clap-tests-".count)), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
            }
        }
    }
}

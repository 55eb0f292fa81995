@testable import ClapReports
import Foundation
import XCTest
import ClapTestSupport

/// The payout files come back under the folder as it was given, as every other writer's do, so that the demo's
/// summary lists its output folders by name with what each holds (it once showed the payout folder's absolute path).
final class DemoSummaryTests: XCTestCase {
    func testPayoutFilesWrittenUnderARelativeFolderAreListedUnderItsName() throws {
        let root = ScratchFolder.url("clap-summary")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(root.path))
        defer {
            FileManager.default.changeCurrentDirectoryPath(previous)
            try? FileManager.default.removeItem(at: root)
        }
        let paths = try PayoutFiles.write([PayoutFile(name: "VIR-2025-01.xml", data: Data("<xml/>".utf8)),
                                           PayoutFile(name: "VIR-2025-01-bordereau.csv", data: Data("a;b\n".utf8))],
                                          to: "clap-demo/virements")
        XCTAssertEqual(paths, ["clap-demo/virements/VIR-2025-01.xml", "clap-demo/virements/VIR-2025-01-bordereau.csv"])
        XCTAssertEqual(try String(contentsOfFile: paths[0], encoding: .utf8), "<xml/>")
        var summary = DemoYear.Summary(databasePath: "clap-demo/clap.sqlite", outputFolder: "clap-demo")
        summary.files = ["clap-demo/releves/releve-10000000001-2025.html"] + paths
        XCTAssertEqual(DemoYear.folderLines(summary), [
            "  releves/ — 1 fichier(s) : un relevé d'indemnités par professionnel (HTML imprimable)",
            "  virements/ — 2 fichier(s) : fichiers SEPA pain.001.001.09 à déposer à la banque et bordereaux CSV",
        ])
    }
}

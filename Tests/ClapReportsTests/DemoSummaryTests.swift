@testable import ClapReports
import Foundation
import XCTest

/// The demo's summary lists its output folders by name with what each holds, whether a writer gave its paths as
/// given (relative to where clap runs) or absolute (the payout files).
final class DemoSummaryTests: XCTestCase {
    func testRelativeAndAbsolutePathsOfTheSameFolderAreListedUnderOneName() {
        var summary = DemoYear.Summary(databasePath: "clap-demo/clap.sqlite", outputFolder: "clap-demo")
        let here = FileManager.default.currentDirectoryPath
        summary.files = [
            "clap-demo/releves/releve-10000000001-2025.html",
            here + "/clap-demo/virements/VIR-2025-01.xml",
            here + "/clap-demo/virements/VIR-2025-01-bordereau.csv",
            "clap-demo/./comptabilite/FEC.txt",
        ]
        XCTAssertEqual(DemoYear.folderLines(summary), [
            "  comptabilite/ — 1 fichier(s) : FEC, journal CSV, journaux hledger et beancount, grand livre 401100",
            "  releves/ — 1 fichier(s) : un relevé d'indemnités par professionnel (HTML imprimable)",
            "  virements/ — 2 fichier(s) : fichiers SEPA pain.001.001.09 à déposer à la banque et bordereaux CSV",
        ])
    }
}

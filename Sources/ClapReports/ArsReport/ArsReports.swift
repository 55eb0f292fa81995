import ClapStore
import Foundation
import LedgerCore

/// `clap report ars`: reads the year from one snapshot, then writes the CSV and the HTML page and records them.
public enum ArsReports {
    public static func report(_ database: ClapDatabase, year: Int) throws -> ArsReport {
        ArsReport(try database.read { try ArsReportQueries.facts(year: year, in: $0) })
    }

    /// `rapport-ars-2025.csv` and `rapport-ars-2025.html` in `folder`.
    public static func write(_ report: ArsReport, folder: String, database: ClapDatabase, context: CommandContext) throws -> [Exports.Written] {
        let base = (folder as NSString).appendingPathComponent("rapport-ars-\(report.year)")
        let scope = "rapport annuel ARS, exercice \(report.year)"
        return try ReportFiles.write([
            ReportFiles.Pending(path: base + ".csv", text: ArsReportCSV.csv(report), kind: "rapport-ars", scope: scope),
            ReportFiles.Pending(path: base + ".html", text: ArsReportHTML.render(report, issuedOn: context.today), kind: "rapport-ars", scope: scope),
        ], database: database, context: context)
    }
}

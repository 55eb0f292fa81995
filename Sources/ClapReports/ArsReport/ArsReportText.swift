import ClapDomain
import LedgerCore

/// The ARS report as a terminal table: each department's teams, its subtotal, then the region.
public enum ArsReportText {
    public static func render(_ report: ArsReport) -> String {
        var table = TextTable([.init("Équipe"), .init("Nom"), .init("Accordé", .right), .init("Consommé", .right),
                               .init("Reliquat", .right), .init("Utilisé", .right), .init("Actions", .right),
                               .init("h RCP", .right), .init("h ETP", .right), .init("PPS", .right),
                               .init("Professionnels", .right), .init("Indemnisés", .right)])
        func cells(_ row: ArsReportRow, code: String) -> [String] {
            [code, row.name, row.granted.frenchString, row.consumed.frenchString, row.left.frenchString,
             ReportFormat.percent(basisPoints: row.usedBasisPoints), String(row.actionCount),
             ReportFormat.hours(minutes: row.rcpMinutes), ReportFormat.hours(minutes: row.etpMinutes), String(row.ppsCount),
             String(row.professionalCount), String(row.indemnifiedCount)]
        }
        for department in report.departments {
            let teams = report.teams(in: department)
            guard !teams.isEmpty else { continue }
            teams.forEach { table.add(cells($0, code: $0.code)) }
            table.add(cells(department, code: "Dépt \(department.code)"))
            table.addSeparator()
        }
        table.add(cells(report.region, code: "Région"))
        var lines = ["Rapport annuel à l'ARS — exercice \(report.year) — \(report.association)", "", table.render()]
        let types = report.actionTypes.map { "\(ArsReport.shortName($0)) \(report.region.actionCounts[$0] ?? 0)" }
        lines += ["", "Actions payées par type (région) : " + types.joined(separator: ", ") + "."]
        return lines.joined(separator: "\n")
    }
}

import ClapDomain
import LedgerCore

/// The ARS report as CSV: one line per team, then per department, then the region. `;`, decimal comma,
/// hours as French decimals, UTF-8 with a BOM, formulas neutralised.
public enum ArsReportCSV {
    public static func header(_ report: ArsReport) -> [String] {
        ["Niveau", "Code", "Nom", "Département", "Accordé", "Consommé", "Reliquat", "Taux de consommation (%)"]
            + report.actionTypes.map { "Actions \(report.actionTypeLabels[$0] ?? $0) (\($0))" }
            + ["Actions payées", "Heures de RCP", "Heures d'ETP", "Nombre de PPS", "Professionnels distincts"]
            + Profession.allCases.map { "Professionnels : \($0.label)" }
            + ["Professionnels indemnisés"]
    }

    public static func csv(_ report: ArsReport) -> String {
        var rows: [[String]] = report.teams.map { row($0, report) }
        rows += report.departments.map { row($0, report) }
        rows.append(row(report.region, report))
        return CSVWriter(separator: ";", includesBOM: true).document(header: header(report), rows: rows)
    }

    static func row(_ row: ArsReportRow, _ report: ArsReport) -> [String] {
        let level = switch row.level {
        case .team: "Équipe"
        case .department: "Département"
        case .region: "Région"
        }
        let percent = row.usedBasisPoints
        return [level, row.level == .region ? "" : row.code, row.name, row.department ?? "", row.granted.commaString,
                row.consumed.commaString, row.left.commaString, "\(percent / 100),\(percent % 100 < 10 ? "0" : "")\(percent % 100)"]
            + report.actionTypes.map { String(row.actionCounts[$0] ?? 0) }
            + [String(row.actionCount), ReportFormat.hours(minutes: row.rcpMinutes), ReportFormat.hours(minutes: row.etpMinutes),
               String(row.ppsCount), String(row.professionalCount)]
            + Profession.allCases.map { String(row.professionalsByProfession[$0.rawValue] ?? 0) }
            + [String(row.indemnifiedCount)]
    }
}

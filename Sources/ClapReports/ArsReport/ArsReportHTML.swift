import ClapDomain
import LedgerCore

/// The ARS report as a printable page: key figures, the consumption chart, envelopes, activity and professionals.
public enum ArsReportHTML {
    public static func render(_ report: ArsReport, issuedOn: Day) -> String {
        let region = report.region
        var body = """
            <header class="doc-head">
              <div class="issuer">
                \(HTML.element("div", report.association, class: "org-name"))
                \(HTML.element("div", "SIREN " + ReportFormat.siren(report.siren), class: "muted"))
              </div>
              <div class="doc-title">
                <h1>Rapport annuel à l'ARS</h1>
                \(HTML.element("div", "Exercice \(report.year)", class: "period"))
                \(HTML.element("div", "ESP CLAP des Pays de la Loire — FIR — édité le \(issuedOn.french)", class: "muted small"))
              </div>
            </header>
            <section class="kpis">

            """
        let figures: [(String, String)] = [
            ("Accordé", region.granted.euroString), ("Consommé", region.consumed.euroString), ("Reliquat", region.left.euroString),
            ("Taux de consommation", ReportFormat.percent(basisPoints: region.usedBasisPoints)),
            ("Actions payées", String(region.actionCount)), ("Professionnels indemnisés", String(region.indemnifiedCount)),
        ]
        for (label, value) in figures {
            body += "<div class=\"kpi\">\(HTML.element("div", value, class: "value"))\(HTML.element("div", label, class: "label"))</div>\n"
        }
        body += "</section>\n"
        body += HTML.element("h2", "Consommation de chaque enveloppe") + "\n" + ArsChart.svg(report.teams)
        body += envelopes(report) + activity(report) + professionals(report)
        body += """
            <footer class="doc-foot">
            \(HTML.element("p", "Accordé : dotations FIR (741000) et fonds dédiés réutilisés (789400) de l'exercice ; consommé : indemnités "
                + "des actions payées (622600), nettes des annulations ; reliquat : accordé − consommé. Heures : durées déclarées des actions "
                + "payées (RCP avec ou sans le patient ; ETP). Professionnels : participants distincts des actions payées, comptés une fois "
                + "par ligne ; indemnisés : ceux à qui une action a ouvert une indemnité."))
            </footer>
            """
        return HTMLPage(title: "Rapport annuel à l'ARS — \(report.year)", css: css, body: body).render()
    }

    static func envelopes(_ report: ArsReport) -> String {
        var table = HTMLTable([.init("Équipe"), .init("Nom"), .init("Accordé", .right), .init("Consommé", .right),
                               .init("Reliquat", .right), .init("Utilisé", .right)])
        func cells(_ row: ArsReportRow, _ code: String) -> [String] {
            [code, row.name, row.granted.euroString, row.consumed.euroString, row.left.euroString,
             ReportFormat.percent(basisPoints: row.usedBasisPoints)]
        }
        forEachDepartment(report) { teams, department in
            teams.forEach { table.add(cells($0, $0.code)) }
            table.add(cells(department, "Dépt \(department.code)"), class: "subtotal")
        }
        table.addFooter(cells(report.region, "Région"))
        return HTML.element("h2", "Enveloppes par équipe et par département") + "\n" + table.render()
    }

    static func activity(_ report: ArsReport) -> String {
        var columns: [HTMLTable.Column] = [.init("Équipe")]
        columns += report.actionTypes.map { .init(ArsReport.shortName($0), .right) }
        columns += [.init("Total", .right), .init("h RCP", .right), .init("h ETP", .right), .init("Prof.", .right),
                    .init("Indemn.", .right)]
        var table = HTMLTable(columns, class: "activity")
        func cells(_ row: ArsReportRow, _ code: String) -> [String] {
            [code] + report.actionTypes.map { String(row.actionCounts[$0] ?? 0) }
                + [String(row.actionCount), ReportFormat.hours(minutes: row.rcpMinutes), ReportFormat.hours(minutes: row.etpMinutes),
                   String(row.professionalCount), String(row.indemnifiedCount)]
        }
        forEachDepartment(report) { teams, department in
            teams.forEach { table.add(cells($0, $0.code)) }
            table.add(cells(department, "Dépt \(department.code)"), class: "subtotal")
        }
        table.addFooter(cells(report.region, "Région"))
        let legend = report.actionTypes.map { "\(ArsReport.shortName($0)) : \(report.actionTypeLabels[$0] ?? $0)" }.joined(separator: " · ")
        return HTML.element("h2", "Activité : actions payées, heures et professionnels") + "\n" + table.render()
            + HTML.element("p", legend + ". Nombre de PPS : \(report.region.ppsCount).", class: "muted small") + "\n"
    }

    static func professionals(_ report: ArsReport) -> String {
        let departments = report.departments.filter { !report.teams(in: $0).isEmpty }
        var table = HTMLTable([.init("Profession")] + departments.map { .init("Dépt \($0.code)", .right) } + [.init("Région", .right)])
        for profession in Profession.allCases where (report.region.professionalsByProfession[profession.rawValue] ?? 0) > 0 {
            table.add([profession.label] + (departments + [report.region]).map { String($0.professionalsByProfession[profession.rawValue] ?? 0) })
        }
        table.addFooter(["Professionnels distincts"] + (departments + [report.region]).map { String($0.professionalCount) })
        return HTML.element("h2", "Professionnels par profession") + "\n"
            + (table.isEmpty ? HTML.element("p", "Aucun professionnel n'a participé à une action payée.", class: "empty") : table.render())
    }

    static func forEachDepartment(_ report: ArsReport, _ body: ([ArsReportRow], ArsReportRow) -> Void) {
        for department in report.departments {
            let teams = report.teams(in: department)
            if !teams.isEmpty { body(teams, department) }
        }
    }

    static let css = """
        .doc-head { display: flex; justify-content: space-between; align-items: flex-end; gap: 16px;
                    padding-bottom: 10px; border-bottom: 3px solid var(--accent); }
        .org-name { font-weight: 700; font-size: 11pt; max-width: 90mm; }
        .doc-title { text-align: right; }
        .period { font-size: 11pt; font-weight: 600; margin-top: 2px; }
        .kpis { display: grid; grid-template-columns: repeat(6, 1fr); gap: 8px; margin: 14px 0 4px; }
        .kpi { border: 1px solid var(--rule); border-radius: 6px; padding: 8px 8px 6px; background: var(--band); }
        .kpi .value { font-size: 12pt; font-weight: 700; color: var(--accent); white-space: nowrap; }
        .kpi .label { font-size: 8pt; color: var(--muted); }
        tr.subtotal td { font-weight: 700; background: var(--accent-soft) !important; }
        table.activity th, table.activity td { padding-left: 4px; padding-right: 4px; }
        """ + "\n" + ArsChart.css
}

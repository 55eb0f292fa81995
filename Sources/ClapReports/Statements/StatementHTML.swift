import ClapDomain
import ClapStore
import LedgerCore

/// The statement as a printable A4 page for the professional: who pays, who is paid, what for, and what is still due.
public enum StatementHTML {
    public static func render(_ s: StatementData, issuedOn: Day) -> String {
        let sections = StatementSections(s)
        let professional = s.professional
        var body = """
            <header class="doc-head">
              <div class="issuer">
                \(HTML.element("div", s.association.name, class: "org-name"))
                \(HTML.element("div", "SIREN " + ReportFormat.siren(s.association.siren), class: "muted"))
              </div>
              <div class="doc-title">
                <h1>Relevé d'indemnités</h1>
                \(HTML.element("div", capitalized(ReportFormat.period(s.period)), class: "period"))
                \(HTML.element("div", ReportFormat.bounds(s.period), class: "muted small"))
              </div>
            </header>
            <section class="blocks">
              <div class="card who">
                <h3>Professionnel de santé</h3>
                \(HTML.element("div", professional.displayName, class: "name"))
                \(HTML.element("div", professional.profession?.label ?? "Profession inconnue du registre"))
                \(HTML.element("div", "RPPS " + professional.rpps.rawValue, class: "muted"))
              </div>
              <div class="card recap">
                <h3>Récapitulatif</h3>
                <table class="recap-table"><tbody>

            """
        for line in sections.recap {
            body += "<tr><td>\(HTML.escape(line.label))</td><td class=\"num\">\(HTML.escape(line.amount))</td></tr>\n"
        }
        body += """
            </tbody></table>
            \(dueBlock(s, label: sections.closingLabel))
              </div>
            </section>

            """
        for section in sections.all {
            body += HTML.element("h2", section.title) + "\n"
            guard !section.rows.isEmpty else {
                body += HTML.element("p", section.emptyText, class: "empty") + "\n"
                continue
            }
            body += table(section).render()
        }
        body += dueBlock(s, label: sections.closingLabel, final: true)
        body += """
            <footer class="doc-foot">
            \(HTML.element("p", "Relevé édité le \(issuedOn.french) par l'\(s.association.name) (SIREN \(ReportFormat.siren(s.association.siren))). "
                + "Il récapitule les indemnités des actions coordonnées des ESP CLAP financées par l'ARS Pays de la Loire (FIR), "
                + "les virements qui vous ont été adressés et le solde restant dû. Par sécurité, seuls les 4 derniers caractères de l'IBAN sont indiqués."))
            </footer>
            """
        let title = "Relevé d'indemnités — \(professional.displayName) (RPPS \(professional.rpps.rawValue)) — \(ReportFormat.period(s.period))"
        return HTMLPage(title: title, runningFooter: title, css: css, body: body).render()
    }

    /// The section's table, its note columns folded under their host columns.
    static func table(_ section: StatementSections.Section) -> HTMLTable {
        let kept = section.columns.indices.filter { section.notes[$0] == nil }
        var table = HTMLTable(kept.map { HTMLTable.Column(section.columns[$0].title, section.columns[$0].alignment) })
        for row in section.rows {
            table.add(cells: kept.map { index in
                let note = section.notes.first { $0.value == index }.map { row[$0.key] }
                return HTMLTable.Cell(row[index], note: note)
            })
        }
        table.addFooter(kept.map { section.totalRow[$0] })
        return table
    }

    static func dueBlock(_ s: StatementData, label: String, final: Bool = false) -> String {
        var html = "<div class=\"due\(final ? " due-final" : "")\"><span>\(HTML.escape(label))</span>"
            + "<strong>\(HTML.escape(s.closingDue.euroString))</strong></div>\n"
        if s.closingDue.isNegative && final {
            html += HTML.element("p", StatementSections.overpaidNote, class: "muted small") + "\n"
        }
        return html
    }

    static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    static let css = """
        .doc-head { display: flex; justify-content: space-between; align-items: flex-end; gap: 16px;
                    padding-bottom: 10px; border-bottom: 3px solid var(--accent); }
        .org-name { font-weight: 700; font-size: 11pt; max-width: 95mm; }
        .doc-title { text-align: right; }
        .period { font-size: 12pt; font-weight: 600; margin-top: 2px; }
        .blocks { display: flex; gap: 12px; margin: 14px 0 6px; }
        .card { flex: 1; border: 1px solid var(--rule); border-radius: 6px; padding: 10px 12px; }
        .who .name { font-size: 14pt; font-weight: 700; margin-bottom: 2px; }
        .recap-table { margin: 0; font-size: 9.5pt; }
        .recap-table td { border: none; background: none !important; padding: 1.5px 0; }
        .due { display: flex; justify-content: space-between; align-items: baseline; gap: 12px; margin-top: 8px;
               padding: 8px 12px; background: var(--accent-soft); border-left: 4px solid var(--accent); border-radius: 4px;
               font-weight: 600; }
        .due strong { font-size: 13pt; color: var(--accent); white-space: nowrap; }
        .due-final { margin-top: 16px; font-size: 11pt; }
        .due-final strong { font-size: 15pt; }
        """
}

import LedgerCore

/// An inline SVG horizontal bar chart: per team, its envelope as a track and its consumption as the bar inside it.
/// Widths are integer pixels computed in cents, so the bars are exactly proportional to the amounts.
public enum ArsChart {
    /// The pixel width of the longest bar.
    public static let barAreaWidth = 330
    static let labelWidth = 190
    static let rowHeight = 34
    static let top = 30
    static let width = 690

    /// `amount × width / scale`, rounded down; 0 when the scale is not positive, never wider than `width`.
    public static func barWidth(_ amount: Cents, scale: Cents, width: Int = barAreaWidth) -> Int {
        guard scale.value > 0, amount.value > 0 else { return 0 }
        return Int(min(amount.value, scale.value) * Int64(width) / scale.value)
    }

    public static func svg(_ rows: [ArsReportRow]) -> String {
        let scale = rows.map { max($0.granted, $0.consumed) }.max() ?? .zero
        let height = top + rows.count * rowHeight + 8
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \(width) \(height)" width="100%" role="img" \
            aria-label="Consommation de chaque enveloppe d'équipe">
            <rect x="\(labelWidth)" y="4" width="14" height="10" class="track"/>
            <text x="\(labelWidth + 20)" y="13" class="legend">Enveloppe accordée</text>
            <rect x="\(labelWidth + 150)" y="4" width="14" height="10" class="fill"/>
            <text x="\(labelWidth + 170)" y="13" class="legend">Consommé</text>
            <rect x="\(labelWidth + 250)" y="4" width="14" height="10" class="fill full"/>
            <text x="\(labelWidth + 270)" y="13" class="legend">Enveloppe épuisée</text>

            """
        for (index, row) in rows.enumerated() {
            let y = top + index * rowHeight
            let track = barWidth(row.granted, scale: scale)
            let fill = barWidth(row.consumed, scale: scale)
            let full = row.granted.isPositive && row.consumed >= row.granted
            svg += """
                <g class="row">
                <text x="0" y="\(y + 12)" class="team">\(HTML.escape(row.code))</text>
                <text x="0" y="\(y + 26)" class="name">\(HTML.escape(truncated(row.name, to: 32)))</text>
                <rect x="\(labelWidth)" y="\(y + 4)" width="\(track)" height="20" rx="2" class="track"/>
                <rect x="\(labelWidth)" y="\(y + 4)" width="\(fill)" height="20" rx="2" class="fill\(full ? " full" : "")"/>
                <text x="\(labelWidth + barAreaWidth + 10)" y="\(y + 13)" class="pct">\(HTML.escape(ReportFormat.percent(basisPoints: row.usedBasisPoints)))</text>
                <text x="\(labelWidth + barAreaWidth + 10)" y="\(y + 26)" class="amt">\(HTML.escape("\(row.consumed.frenchString) / \(row.granted.euroString)"))</text>
                </g>

                """
        }
        return svg + "</svg>\n"
    }

    static func truncated(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    static let css = """
        svg.chart { display: block; margin: 6px 0 4px; font-family: inherit; }
        svg.chart .track { fill: #e4ebf1; stroke: #b7c4d1; stroke-width: 1; }
        svg.chart .fill { fill: #2f7fb5; }
        svg.chart .fill.full { fill: #c0602b; }
        svg.chart .team { font-size: 11px; font-weight: 700; fill: #1d2733; }
        svg.chart .name { font-size: 9.5px; fill: #5b6675; }
        svg.chart .pct { font-size: 11px; font-weight: 700; fill: #1d2733; }
        svg.chart .amt { font-size: 9.5px; fill: #5b6675; }
        svg.chart .legend { font-size: 10px; fill: #5b6675; }
        """
}

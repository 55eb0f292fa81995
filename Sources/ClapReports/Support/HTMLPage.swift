/// Text made safe for HTML and SVG: every value a person or a file supplied goes through `escape`.
public enum HTML {
    /// Escapes `&`, `<`, `>`, `"` and `'`, so a value can sit in an element or a quoted attribute and stays text.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A quoted CSS string: every character but ASCII letters, digits and spaces written as a hex escape, so no value
    /// can close the string, the rule or the `<style>` element.
    public static func cssString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar.isASCII, scalar == " " || ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\" + String(scalar.value, radix: 16) + " "
            }
        }
        return out + "\""
    }

    /// `<tag class="…">escaped text</tag>`.
    public static func element(_ tag: String, _ text: String, class cssClass: String? = nil) -> String {
        "<\(tag)\(cssClass.map { " class=\"\(escape($0))\"" } ?? "")>\(escape(text))</\(tag)>"
    }
}

/// A table of escaped cells for an HTML page, with a header, optional total rows and right-aligned amount columns.
/// A cell may carry a note, printed small under its text (a reference under a label).
public struct HTMLTable: Sendable {
    public struct Column: Sendable {
        public let title: String
        public let alignment: TextTable.Alignment
        public init(_ title: String, _ alignment: TextTable.Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    /// A cell's text and its optional note, both escaped when rendered.
    public struct Cell: Sendable, ExpressibleByStringLiteral {
        public let text: String
        public let note: String?
        public init(_ text: String, note: String? = nil) {
            self.text = text
            self.note = note.flatMap { $0.isEmpty ? nil : $0 }
        }
        public init(stringLiteral value: String) { self.init(value) }
    }

    public let columns: [Column]
    public let cssClass: String?
    private var rows: [(cells: [Cell], cssClass: String?)] = []
    private var footer: [[Cell]] = []

    public init(_ columns: [Column], class cssClass: String? = nil) {
        self.columns = columns
        self.cssClass = cssClass
    }

    public var isEmpty: Bool { rows.isEmpty }

    public mutating func add(_ cells: [String], class cssClass: String? = nil) { add(cells: cells.map { Cell($0) }, class: cssClass) }

    public mutating func add(cells: [Cell], class cssClass: String? = nil) {
        precondition(cells.count == columns.count, "a row has one cell per column")
        rows.append((cells, cssClass))
    }

    /// A total line, drawn in the table's footer.
    public mutating func addFooter(_ cells: [String]) {
        precondition(cells.count == columns.count, "a row has one cell per column")
        footer.append(cells.map { Cell($0) })
    }

    public func render() -> String {
        func cell(_ tag: String, _ cell: Cell, _ index: Int) -> String {
            let open = columns[index].alignment == .right ? "<\(tag) class=\"num\">" : "<\(tag)>"
            return open + HTML.escape(cell.text) + (cell.note.map { "<div class=\"note\">\(HTML.escape($0))</div>" } ?? "") + "</\(tag)>"
        }
        var html = "<table\(cssClass.map { " class=\"\(HTML.escape($0))\"" } ?? "")>\n<thead><tr>"
        html += columns.enumerated().map { cell("th", Cell($1.title), $0) }.joined()
        html += "</tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr\(row.cssClass.map { " class=\"\(HTML.escape($0))\"" } ?? "")>"
                + row.cells.enumerated().map { cell("td", $1, $0) }.joined() + "</tr>\n"
        }
        html += "</tbody>\n"
        if !footer.isEmpty {
            html += "<tfoot>\n" + footer.map { "<tr>" + $0.enumerated().map { cell("td", $1, $0) }.joined() + "</tr>\n" }.joined() + "</tfoot>\n"
        }
        return html + "</table>\n"
    }
}

/// A self-contained printable page: inline CSS sized for A4, no script, no external resource (the
/// Content-Security-Policy forbids both, so even a value that slipped through could not run or fetch anything).
public struct HTMLPage: Sendable {
    public enum Orientation: String, Sendable {
        case portrait
        case landscape
    }

    public let title: String
    /// Printed at the foot of every page, beside the page number.
    public let runningFooter: String?
    public let orientation: Orientation
    /// Page-specific rules added after the shared ones.
    public let css: String
    /// Markup built from escaped values.
    public let body: String

    public init(title: String, runningFooter: String? = nil, orientation: Orientation = .portrait, css: String = "", body: String) {
        self.title = title
        self.runningFooter = runningFooter
        self.orientation = orientation
        self.css = css
        self.body = body
    }

    public func render() -> String {
        """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title))</title>
        <style>
        @page {
          size: A4 \(orientation.rawValue); margin: 14mm 14mm 16mm 14mm;
          @bottom-left { content: \(HTML.cssString(runningFooter ?? title)); font: 7.5pt sans-serif; color: #5b6675; }
          @bottom-right { content: "Page " counter(page) " / " counter(pages); font: 7.5pt sans-serif; color: #5b6675; }
        }
        \(Self.sharedCSS)
        \(css)
        </style>
        </head>
        <body>
        <main class="sheet">
        \(body)
        </main>
        </body>
        </html>

        """
    }

    /// Sober, print-friendly rules every clap page shares.
    static let sharedCSS = """
        :root { --ink: #1d2733; --muted: #5b6675; --rule: #d5dbe3; --band: #f3f6f9; --accent: #1f5f8b; --accent-soft: #e6f0f7; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; background: #eef1f4; color: var(--ink);
               font: 10pt/1.45 "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif; }
        .sheet { background: #fff; max-width: 210mm; margin: 0 auto; padding: 12mm 12mm 14mm; }
        h1 { font-size: 19pt; margin: 0; color: var(--accent); letter-spacing: .01em; }
        h2 { font-size: 11.5pt; margin: 16px 0 6px; padding-bottom: 3px; border-bottom: 1.5px solid var(--accent); color: var(--accent); }
        h3 { font-size: 10pt; margin: 0 0 4px; color: var(--muted); text-transform: uppercase; letter-spacing: .06em; font-weight: 600; }
        p { margin: 4px 0; }
        .muted { color: var(--muted); }
        .small { font-size: 8.5pt; }
        table { width: 100%; border-collapse: collapse; margin: 4px 0 6px; font-size: 9pt; }
        th { text-align: left; font-weight: 600; color: var(--muted); border-bottom: 1px solid var(--ink); padding: 4px 6px; }
        td { padding: 3.5px 6px; border-bottom: 1px solid var(--rule); vertical-align: top; }
        tbody tr:nth-child(even) td { background: var(--band); }
        tfoot { display: table-row-group; }
        tfoot td { font-weight: 700; border-top: 1.5px solid var(--ink); border-bottom: none; background: #fff; }
        .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        th.num { text-align: right; }
        tr, .card, .due, figure, footer { break-inside: avoid; page-break-inside: avoid; }
        thead { display: table-header-group; }
        h2 { break-after: avoid; page-break-after: avoid; }
        td .note { font-size: 7.5pt; color: var(--muted); margin-top: 1px; }
        .empty { color: var(--muted); font-style: italic; margin: 4px 0 8px; }
        footer.doc-foot { margin-top: 18px; padding-top: 6px; border-top: 1px solid var(--rule); font-size: 8pt; color: var(--muted); }
        @media print {
          body { background: #fff; }
          .sheet { max-width: none; margin: 0; padding: 0; }
        }
        """
}

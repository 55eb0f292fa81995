import Foundation
import XCTest

/// product.md §8: a CSV clap writes is safe in a spreadsheet. A professional named like a formula goes through
/// every CSV clap writes, and no cell of any of them starts a live formula.
final class FormulaInjectionCLITests: XCTestCase {
    func testAFormulaNamedProfessionalIsInertInEveryCsv() throws {
        let s = try ActionsScenario()
        try s.cli.ok(["professional", "add", "--rpps", s.doctor, "--last-name", "=HYPERLINK(\"http://x\")", "--first-name", "+cmd|' /C calc'!A0",
                      "--profession", "medecin_generaliste", "--iban", TestIDs.iban(1), "--convention-date", "01/01/2024"])
        try s.cli.ok(["actions", "import", try s.actionsFile("a.csv", [s.rcp("A1", on: "10/03/2025", minutes: 60)])])
        let out = s.cli.folder.appendingPathComponent("sorties")
        func path(_ name: String) -> String { out.appendingPathComponent(name).path }
        try s.cli.ok(["payout", "run", "--month", "2025-03", "--execution-date", "05/04/2025", "--out", path("virements")])
        try s.cli.ok(["export", "journal", "--out", path("journal.csv")])
        try s.cli.ok(["ledger", "--account", "401100", "--out", path("grand-livre.csv")])
        try s.cli.ok(["statement", "--rpps", s.doctor, "--year", "2025", "--format", "csv", "--out", path("releve.csv")])
        try s.cli.ok(["statement", "--all", "--year", "2025", "--format", "csv", "--out", path("releves")])
        try s.cli.ok(["report", "das2", "--year", "2025", "--out", path("das2.csv")])
        try s.cli.ok(["report", "ars", "--year", "2025", "--out", path("rapports")])

        let csvFiles = try FileManager.default.subpathsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".csv") }
        XCTAssertGreaterThanOrEqual(csvFiles.count, 7, "\(csvFiles)")
        var sawName = Set<String>()
        for file in csvFiles {
            let text = try String(contentsOfFile: path(file), encoding: .utf8)
            if text.contains("HYPERLINK") { sawName.insert(file) }
            for (number, row) in csvRows(text).enumerated() {
                for cell in row {
                    XCTAssertFalse(Self.isLiveFormula(cell), "\(file) line \(number + 1): live formula « \(cell) »")
                }
            }
        }
        for expected in ["journal.csv", "releve.csv", "das2.csv"] {
            XCTAssertTrue(sawName.contains(expected), "the name reaches \(expected), neutralised: \(sawName)")
        }
        XCTAssertTrue(sawName.contains { $0.hasPrefix("virements/") && $0.hasSuffix("bordereau.csv") }, "\(sawName)")
    }

    /// A cell a spreadsheet would evaluate: starts with = + - @ tab or CR, unless it is a plain negative number.
    static func isLiveFormula(_ cell: String) -> Bool {
        guard let first = cell.first, "=+-@\t\r".contains(first) else { return false }
        let body = cell.dropFirst()
        let plainNegative = first == "-" && !body.isEmpty && body.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }
        return !plainNegative
    }

    /// The cells of a `;`-separated document, RFC 4180 quotes undone, BOM dropped.
    func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false
        var characters = Array(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { cell.append("\""); characters.removeFirst() } else { quoted = false }
                } else { cell.append(character) }
            } else if character == "\"" && cell.isEmpty {
                quoted = true
            } else if character == ";" {
                row.append(cell); cell = ""
            } else if character == "\r\n" || character == "\n" {
                row.append(cell); rows.append(row); row = []; cell = ""
            } else { cell.append(character) }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }
}

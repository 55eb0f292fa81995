import Foundation
import LedgerCore
import XCTest
@testable import ClapDomain

final class CSVTableTests: XCTestCase {
    private let members = CSVSchema([.required("equipe"), .required("rpps"), .required("date_debut"), .optional("date_fin")])

    private func read(_ text: String, schema: CSVSchema? = nil, limits: InputLimits = .standard)
        -> Result<CSVTable, InputRejected> {
        CSVTable.read(data: Data(text.utf8), fileName: "membres.csv", schema: schema ?? members, limits: limits)
    }

    private func issues(_ text: String, schema: CSVSchema? = nil, limits: InputLimits = .standard) -> [LocatedIssue] {
        guard case .failure(let rejected) = read(text, schema: schema, limits: limits) else {
            XCTFail("expected a refusal")
            return []
        }
        return rejected.issues
    }

    /// A field is trimmed of the white space around it; the shortcut for a field that starts and ends with a visible
    /// ASCII character gives what Foundation's trimming gives, on ASCII, accented, non-breaking and wide spaces.
    func testFieldsAreTrimmedAsFoundationTrimsThem() {
        let samples = ["", "a", "~", "T044-001", " a", "a ", "\ta\t", "\u{0B}x", "x\u{0C}", "\r\n", "é", " é ", "é ",
                       "\u{00A0}RCP", "RCP\u{00A0}", "\u{2003}PPS\u{3000}", "\u{7F}", "a\u{7F}", "!", " ! ", "« RCP »", "Ä"]
        for field in samples {
            XCTAssertEqual(CSVRecordReader.trimmed(field), field.trimmingCharacters(in: .whitespacesAndNewlines), field.debugDescription)
        }
    }

    func testSemicolonFile() throws {
        let table = try read("equipe;rpps;date_debut;date_fin\nT044-001;10000000006;01/01/2026;\n").get()
        XCTAssertEqual(table.separator, ";")
        XCTAssertEqual(table.rows.count, 1)
        let row = try XCTUnwrap(table.rows.first)
        XCTAssertEqual(row.line, 2)
        XCTAssertEqual(row["equipe"], "T044-001")
        XCTAssertEqual(row["date_fin"], "")
    }

    func testCommaFile() throws {
        let table = try read("equipe,rpps,date_debut\nT044-001,10000000006,2026-01-01").get()
        XCTAssertEqual(table.separator, ",")
        XCTAssertEqual(table.rows.first?["date_debut"], "2026-01-01")
        XCTAssertEqual(table.rows.first?["date_fin"], "", "absent optional column reads as empty")
        XCTAssertEqual(table.rows.first?.hasColumn("date_fin"), false)
    }

    func testSemicolonWinsATie() {
        let found = issues("equipe;rpps,date_debut\n")
        XCTAssertEqual(found.first?.issue.code, "csv.unknown_column")
        XCTAssertEqual(found.first?.location.column, "rpps,date_debut")
    }

    func testSeparatorsInsideQuotesDoNotCount() {
        let found = issues("\"x;y;z\",equipe,rpps,date_debut\n")
        XCTAssertEqual(found.map(\.issue.code), ["csv.unknown_column"])
        XCTAssertEqual(found.first?.location.column, "x;y;z")
    }

    func testWindows1252FileWithAccentedHeader() throws {
        // « Équipe;Nom » in Windows-1252, CRLF line ends, as Excel saves it.
        var bytes: [UInt8] = [0xC9] + Array("quipe;Nom\r\nT044-001;C".utf8) + [0xF4, 0x74, 0x65, 0x20, 0x9C]
        bytes += Array("\r\n".utf8)
        let schema = CSVSchema(required: ["equipe", "nom"])
        let table = try CSVTable.read(data: Data(bytes), fileName: "equipes.csv", schema: schema).get()
        XCTAssertEqual(table.header, ["Équipe", "Nom"])
        XCTAssertEqual(table.rows.first?["nom"], "Côte œ")
        XCTAssertEqual(table.rows.first?.location("equipe"), SourceLocation(file: "equipes.csv", line: 2, column: "Équipe"))
    }

    func testUTF8WithBOM() throws {
        let data = Data([0xEF, 0xBB, 0xBF] + Array("equipe;rpps;date_debut\nT;1;2\n".utf8))
        let table = try CSVTable.read(data: data, fileName: "m.csv", schema: members).get()
        XCTAssertEqual(table.header.first, "equipe")
    }

    func testHeaderMatchingIgnoresCaseAccentsAndSpaces() throws {
        let table = try read(" ÉQUIPE ;Rpps; DATE_DEBUT ;Date fin\nT;1;2;3\n").get()
        XCTAssertEqual(table.rows.first?["equipe"], "T")
        XCTAssertEqual(table.rows.first?["date_debut"], "2")
        XCTAssertEqual(table.rows.first?["date_fin"], "3")
        XCTAssertEqual(CSVSchema.canonicalName(" Date  début "), "date_debut")
    }

    func testQuotedFieldsWithSeparatorsQuotesAndLineBreaks() throws {
        let schema = CSVSchema(required: ["equipe", "nom"])
        let text = #"""
        equipe;nom
        T1;"Dupont; Martin"
        T2;"sur
        deux lignes"
        T3;"dit ""le sage"""
        T4;fin
        """#
        let table = try read(text, schema: schema).get()
        XCTAssertEqual(table.rows.map(\.line), [2, 3, 5, 6])
        XCTAssertEqual(table.rows.map { $0["nom"] }, ["Dupont; Martin", "sur\ndeux lignes", "dit \"le sage\"", "fin"])
    }

    func testLineNumbersAfterMultilineFieldsInIssues() {
        let schema = CSVSchema(required: ["equipe", "nom"])
        let found = issues("equipe;nom\nT1;\"a\n\nb\"\nT2;x;y\n", schema: schema)
        XCTAssertEqual(found.map(\.location.line), [5])
        XCTAssertEqual(found.map(\.issue.code), ["csv.field_count"])
    }

    func testBlankLinesAreSkippedAndHeaderOnlyIsFine() throws {
        XCTAssertEqual(try read("equipe;rpps;date_debut\n").get().rows.count, 0)
        XCTAssertEqual(try read("equipe;rpps;date_debut").get().rows.count, 0)
        let table = try read("equipe;rpps;date_debut\n\nT;1;2\n;;\n  \nT;3;4\n\n").get()
        XCTAssertEqual(table.rows.map(\.line), [3, 6])
    }

    func testReadingTextWithCRLF() throws {
        let table = try CSVTable.read(text: "equipe;rpps;date_debut\r\nT;\"1\r\n2\";3\r\nU;4;5", fileName: "m.csv",
                                      schema: members).get()
        XCTAssertEqual(table.rows.map(\.line), [2, 4])
        XCTAssertEqual(table.rows.first?["rpps"], "1\n2")
    }

    func testEmptyFile() {
        XCTAssertEqual(issues("").map(\.issue.code), ["csv.empty"])
        XCTAssertEqual(issues("\n \n").map(\.issue.code), ["csv.empty"])
        XCTAssertEqual(CSVTable.read(data: Data([0xEF, 0xBB, 0xBF]), fileName: "m.csv", schema: members).firstIssueCode,
                       "csv.empty")
    }

    func testUnknownColumnNamesItAndListsExpected() throws {
        let found = issues("equipe;rpps;date_debut;couleur\n")
        XCTAssertEqual(found.map(\.issue.code), ["csv.unknown_column"])
        let issue = try XCTUnwrap(found.first)
        XCTAssertEqual(issue.location.column, "couleur")
        XCTAssertTrue(issue.issue.message.contains("« couleur »"), issue.issue.message)
        XCTAssertTrue(issue.issue.message.contains("equipe, rpps, date_debut, date_fin"), issue.issue.message)
    }

    func testMissingAndDuplicateColumns() {
        let found = issues("equipe;Équipe;date_debut\n")
        XCTAssertEqual(found.map(\.issue.code), ["csv.duplicate_column", "csv.missing_column"])
        XCTAssertEqual(found.map(\.location.column), ["Équipe", "rpps"])
    }

    func testEveryRowWithWrongFieldCountIsReported() {
        let found = issues("equipe;rpps;date_debut\nT;1\nT;1;2\nT;1;2;3;4\nT\n")
        XCTAssertEqual(found.map(\.issue.code), Array(repeating: "csv.field_count", count: 3))
        XCTAssertEqual(found.map(\.location.line), [2, 4, 5])
    }

    func testHeaderAndRowIssuesTogether() {
        let found = issues("equipe;rpps;couleur\nT;1\n")
        XCTAssertEqual(Set(found.map(\.issue.code)), ["csv.unknown_column", "csv.missing_column", "csv.field_count"])
    }

    func testUnbalancedQuote() {
        let found = issues("equipe;rpps;date_debut\nT;1;2\nT;\"1;2\nT;3;4\n")
        XCTAssertEqual(found.map(\.issue.code), ["csv.unbalanced_quote"])
        XCTAssertEqual(found.first?.location.line, 3)
    }

    func testTextAfterClosingQuote() {
        let found = issues("equipe;rpps;date_debut\nT;\"1\"x;2\n")
        XCTAssertEqual(found.map(\.issue.code), ["csv.unbalanced_quote"])
        XCTAssertEqual(found.first?.location.line, 2)
    }

    func testQuoteInsideUnquotedFieldIsText() throws {
        let table = try read("equipe;rpps;date_debut\nT 5\";1;2\n").get()
        XCTAssertEqual(table.rows.first?["equipe"], "T 5\"")
    }

    func testFieldsAreTrimmed() throws {
        let table = try read("equipe;rpps;date_debut\n  T044 ;\u{00A0}1\u{00A0};\" 2 \"\n").get()
        XCTAssertEqual(table.rows.first?.fields, ["T044", "1", "2"])
    }

    func testCollectingIssuesFromEveryRow() throws {
        let table = try read("equipe;rpps;date_debut;date_fin\nT;1;31/02/2026;\n;2;01/01/2026;demain\nT;3;01/01/2026;\n").get()
        var collector = IssueCollector()
        var starts: [Day] = []
        for row in table.rows {
            let team = collector.field(row, "equipe", FieldParsers.requiredText)
            let start = collector.field(row, "date_debut", FieldParsers.date)
            let end = collector.field(row, "date_fin", FieldParsers.optionalDate)
            if team != nil, let start, end != nil { starts.append(start) }
        }
        XCTAssertEqual(starts, [Day(year: 2026, month: 1, day: 1)].compactMap { $0 })
        XCTAssertEqual(collector.issues.map(\.issue.code), ["date.invalid", "field.required", "date.format"])
        XCTAssertEqual(collector.issues.map(\.location.line), [2, 3, 3])
        XCTAssertEqual(collector.issues.map(\.location.column), ["date_debut", "equipe", "date_fin"])
        XCTAssertEqual(collector.issues.map(\.value), ["31/02/2026", nil, "demain"])
        let result: Result<Int, InputRejected> = collector.result { starts.count }
        XCTAssertEqual(result.firstIssueCode, "date.invalid")
        XCTAssertEqual(collector.issues.first?.description,
                       "membres.csv, ligne 2, colonne « date_debut », valeur « 31/02/2026 » : Le 31/02/2026 n'existe pas. [date.invalid]")
    }

    func testCollectorCapsTheNumberOfIssues() {
        var collector = IssueCollector(issuesMax: 2)
        for line in 1...5 {
            collector.append(FieldParsers.required, at: SourceLocation(file: "f.csv", line: line))
        }
        XCTAssertEqual(collector.issues.count, 2)
        XCTAssertEqual(collector.omittedCount, 3)
        XCTAssertEqual(collector.allIssues.last?.issue.code, "input.too_many_issues")
        XCTAssertEqual(collector.rejection?.issues.count, 3)
    }
}

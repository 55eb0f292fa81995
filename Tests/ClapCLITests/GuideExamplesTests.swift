import Foundation
import XCTest
import ClapTestSupport

/// Every example of the user guides runs and prints what the guide shows (see GuideExamples.swift for the convention).
final class GuideExamplesTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static var rewrite: Bool { ProcessInfo.processInfo.environment["CLAP_GUIDE_REWRITE"] == "1" }

    func document(_ name: String) throws -> (GuideDocument, URL) {
        let url = Self.repository.appendingPathComponent("docs").appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        return (try GuideDocument(name: "docs/" + name, text: text), url)
    }

    func runner() throws -> GuideRunner {
        try GuideRunner(repository: Self.repository, executableFolder: CLI.executable.deletingLastPathComponent())
    }

    /// Runs the documents in order in one working folder and fails once per example that does not match.
    func check(_ names: [String], minimumCommands: [Int], file: StaticString = #filePath, line: UInt = #line) throws {
        var runner = try runner()
        for (name, minimum) in zip(names, minimumCommands) {
            let (document, url) = try document(name)
            let commands = document.steps.filter { if case .command = $0 { true } else { false } }.count
            XCTAssertGreaterThanOrEqual(commands, minimum, "\(name) : ses exemples n'ont pas été trouvés", file: file, line: line)
            for mismatch in try runner.run(document, rewriteAt: Self.rewrite ? url : nil) {
                XCTFail(mismatch.description, file: file, line: line)
            }
        }
    }

    func testTheTreasurerAndTheAuditorGuidesPrintWhatTheyShow() throws {
        // The auditor's guide reads the ledger the treasurer's guide built.
        try check(["guide-tresorier.md", "guide-auditeur.md"], minimumCommands: [30, 10])
    }

    func testEveryFormatExampleIsReadByClap() throws {
        try check(["formats.md"], minimumCommands: [8])
    }

    func testEveryInputExampleOfTheFormatsGuideIsUsedByACommand() throws {
        let (document, _) = try document("formats.md")
        var pending: [String] = []
        for step in document.steps {
            switch step {
            case .file(let name, _, _): pending.append(name)
            case .command(let command): pending.removeAll { command.text.contains($0) }
            case .environment: break
            }
        }
        XCTAssertEqual(pending, [], "chaque fichier d'exemple de formats.md est lu par une commande qui le suit")
    }

    // The harness itself: a wrong example must fail, with a diff that says where.

    func testAnExampleThatPrintsSomethingElseFailsWithADiff() throws {
        let text = """
            Texte.

            ```csv fichier=salut.txt
            bonjour
            ```

            ```console
            $ cat salut.txt
            bonsoir
            $ clap verify # sortie 1
            La base « clap.sqlite » n'existe pas. Créez-la avec « clap init » ou indiquez-la avec --db ou $CLAP_DB. [db.missing]
            $ false
            $ exit 3 # sortie 3
            ```
            """
        var runner = try runner()
        let mismatches = try runner.run(try GuideDocument(name: "essai.md", text: text))
        XCTAssertEqual(mismatches.map(\.command.line), [8, 12])
        let diff = try XCTUnwrap(mismatches.first).description
        XCTAssertTrue(diff.contains("essai.md:8: $ cat salut.txt"), diff)
        XCTAssertTrue(diff.contains("--- attendu (guide)\n→ bonsoir\n+++ obtenu\n→ bonjour\n"), diff)
        XCTAssertTrue(mismatches[1].description.contains("sortie 1, le guide attend 0"), mismatches[1].description)
    }

    func testRewritingPutsWhatTheCommandPrintedInTheDocument() throws {
        let text = "```console\n$ echo un; echo deux >&2\nzéro\n$ echo trois \\\n    quatre\ntrois quatre\n$ exit 2\n```\n"
        let url = ScratchFolder.url("guide", suffix: ".md")
        var runner = try runner()
        _ = try runner.run(try GuideDocument(name: "essai.md", text: text), rewriteAt: url)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "```console\n$ echo un; echo deux >&2\nun\ndeux\n$ echo trois \\\n    quatre\ntrois quatre\n$ exit 2 # sortie 2\n```\n")
        var again = try self.runner()
        XCTAssertEqual(try again.run(try GuideDocument(name: "essai.md", text: try String(contentsOf: url, encoding: .utf8))).count, 0)
    }

    func testPlaceholdersStandForVaryingTextOnly() {
        XCTAssertTrue(GuideDocument.matches(expected: ["SHA-256 […]."], actual: ["SHA-256 ab12."]))
        XCTAssertFalse(GuideDocument.matches(expected: ["SHA-256 […]."], actual: ["SHA-256 ab12"]))
        XCTAssertTrue(GuideDocument.matches(expected: ["a", "[…]", "z"], actual: ["a", "b", "c", "z"]))
        XCTAssertFalse(GuideDocument.matches(expected: ["a", "[…]", "z"], actual: ["a", "z"]), "a line of […] stands for at least one line")
        XCTAssertFalse(GuideDocument.matches(expected: ["a"], actual: ["a", "b"]))
        XCTAssertTrue(GuideDocument.lineMatches("[…]x[…]", "axb"))
        XCTAssertFalse(GuideDocument.lineMatches("ab[…]ba", "aba"), "the two ends may not overlap")
        XCTAssertEqual(GuideDocument.normalized(output: "\u{FEFF}a;b  \n\n"), ["a;b"])
        XCTAssertEqual(GuideDocument.normalized(output: "a\r\nb\r\n"), ["a", "b"])
        XCTAssertEqual(GuideDocument.exitComment("clap verify # sortie 3").1, 3)
        XCTAssertEqual(GuideDocument.exitComment("echo '# sortie'").1, 0)
    }
}

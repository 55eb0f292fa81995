import Foundation
import XCTest
@testable import ClapReports
import ClapTestSupport

/// Validates the written files against the official ISO 20022 XSDs with `xmllint`.
/// The XSDs ship in the PyPI package `sepaxml` (CI installs it and `libxml2-utils`); a missing tool fails.
final class SepaSchemaTests: XCTestCase {
    func testPain00100109IsSchemaValid() throws {
        try assertSchemaValid(.pain001001009)
    }

    func testPain00100103IsSchemaValid() throws {
        try assertSchemaValid(.pain001001003)
    }

    func testTheValidatorCatchesABrokenFile() throws {
        let data = try xml(SepaFixtures.batch(), .pain001001009)
        let broken = String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "<PmtMtd>TRF</PmtMtd>", with: "<PmtMtd>XXX</PmtMtd>")
        let result = try SepaSchemaTool.validate(Data(broken.utf8), version: .pain001001009)
        XCTAssertNotEqual(result.status, 0, "xmllint accepted an invalid payment method:\n" + result.output)
    }

    private func assertSchemaValid(_ version: SepaVersion, file: StaticString = #filePath, line: UInt = #line) throws {
        let noBIC = SepaFixtures.debtor(bic: nil, address: nil)
        let single = [SepaFixtures.transfers[1]]
        for batch in [SepaFixtures.batch(), SepaFixtures.batch(debtor: noBIC), SepaFixtures.batch(transfers: single)] {
            let result = try SepaSchemaTool.validate(try xml(batch, version), version: version)
            XCTAssertEqual(result.status, 0, "\(version.rawValue) not schema-valid:\n" + result.output,
                           file: file, line: line)
        }
    }

    private func xml(_ batch: SepaCreditTransferBatch, _ version: SepaVersion) throws -> Data {
        try SepaWriter.xml(for: batch, version: version).get()
    }
}

/// Finds `xmllint` and the pain.001 XSDs and runs the validation in a child process.
enum SepaSchemaTool {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    typealias Outcome = ExternalTool.Outcome

    static func validate(_ data: Data, version: SepaVersion) throws -> Outcome {
        let xsd = try schemaPath(version)
        let xmllint = try run(["sh", "-c", "command -v xmllint"])
        guard xmllint.status == 0 else {
            throw Failure(description: "xmllint not found: install libxml2-utils (apt-get install libxml2-utils), as .ci/run does")
        }
        let file = ScratchFolder.url("clap-sepa", suffix: "-\(version.rawValue).xml")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try run(["xmllint", "--noout", "--schema", xsd, file.path])
    }

    /// `$CLAP_PAIN_XSD_DIR` if set, else the folder of the installed `sepaxml` Python package, searched recursively.
    static func schemaPath(_ version: SepaVersion) throws -> String {
        var root = ProcessInfo.processInfo.environment["CLAP_PAIN_XSD_DIR"] ?? ""
        if root.isEmpty {
            let python = try run(["python3", "-c", "import sepaxml, os; print(os.path.dirname(sepaxml.__file__))"])
            guard python.status == 0 else {
                throw Failure(description: "the pain.001 XSDs come from the PyPI package sepaxml: "
                              + "run `pip install sepaxml` (as .ci/run does). python3 said:\n" + python.output)
            }
            root = python.output.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let files = FileManager.default.enumerator(atPath: root)
        while let relative = files?.nextObject() as? String {
            if (relative as NSString).lastPathComponent == version.schemaFileName {
                return (root as NSString).appendingPathComponent(relative)
            }
        }
        throw Failure(description: "\(version.schemaFileName) not found under \(root) (sepaxml installed without schemas?)")
    }

    static func run(_ arguments: [String]) throws -> Outcome { try ExternalTool.run(arguments) }
}

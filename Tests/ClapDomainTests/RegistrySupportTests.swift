import ClapDomain
import LedgerCore
import XCTest

/// The base of the registry tests: small helpers kept inside the class so they clash with no other test file.
class RegistryTestCase: XCTestCase {
    /// The value of a success, failing the test on a failure.
    func XCTUnwrapSuccess<T, E: Error>(_ result: Result<T, E>,
                                       file: StaticString = #filePath, line: UInt = #line) throws -> T {
        switch result {
        case .success(let value): return value
        case .failure(let error):
            XCTFail("expected success, got \(error)", file: file, line: line)
            throw error
        }
    }

    /// The code of a failure, or nil on success.
    func issueCode<T>(_ result: Result<T, InputIssue>) -> String? {
        if case .failure(let issue) = result { return issue.code }
        return nil
    }

    /// A day from its ISO form, failing the test when it is not one.
    func day(_ iso: String, file: StaticString = #filePath, line: UInt = #line) throws -> Day {
        try XCTUnwrap(Day.parse(iso), "not a day: \(iso)", file: file, line: line)
    }
}

import XCTest
final class PlaceholderLedgerCoreTests: XCTestCase { func testNothing() {} }

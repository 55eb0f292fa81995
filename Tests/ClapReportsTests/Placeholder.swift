import XCTest
final class PlaceholderClapReportsTests: XCTestCase { func testNothing() {} }

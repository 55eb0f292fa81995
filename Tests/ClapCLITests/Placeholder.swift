import XCTest
final class PlaceholderClapCLITests: XCTestCase { func testNothing() {} }

import XCTest
final class PlaceholderClapStoreTests: XCTestCase { func testNothing() {} }

import XCTest
final class PlaceholderClapDomainTests: XCTestCase { func testNothing() {} }

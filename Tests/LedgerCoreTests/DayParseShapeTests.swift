import Foundation
import LedgerCore
import XCTest

/// `Day.parse` reads the two exact shapes byte by byte; it must give what the general path gives, for every day
/// and for the near misses that fall back to it.
final class DayParseShapeTests: XCTestCase {
    /// The general path alone: trim, split, check digits (as `Day.parse` did before its fast path).
    func generalParse(_ text: String) -> Day? {
        let s = text.trimmingCharacters(in: .whitespaces)
        if s.count == 10, s.dropFirst(4).first == "-" {
            let p = s.split(separator: "-", omittingEmptySubsequences: false)
            guard p.count == 3, p.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                  let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]) else { return nil }
            return Day(year: y, month: m, day: d)
        }
        let p = s.split(separator: "/", omittingEmptySubsequences: false)
        guard p.count == 3, p[2].count == 4, (1...2).contains(p[0].count), (1...2).contains(p[1].count),
              p.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let d = Int(p[0]), let m = Int(p[1]), let y = Int(p[2]) else { return nil }
        return Day(year: y, month: m, day: d)
    }

    func testEveryDayInBothShapesAndTheNearMissesParseAsTheGeneralPathSays() {
        var texts: [String] = []
        for year in [1899, 1900, 2000, 2023, 2024, 2025, 2100, 9999] {
            for month in 0...13 {
                for day in 0...32 {
                    let y = String(year), m = month < 10 ? "0\(month)" : "\(month)", d = day < 10 ? "0\(day)" : "\(day)"
                    texts += ["\(y)-\(m)-\(d)", "\(d)/\(m)/\(y)", "\(day)/\(month)/\(y)", " \(y)-\(m)-\(d)", "\(d)/\(m)/\(y) "]
                }
            }
        }
        texts += ["2025-1-015", "2025/01/15", "15-01-2025", "2025-01-1５", "１5/01/2025", "2025-01-15\t", "", "2025-01-", "aaaa-bb-cc"]
        for text in texts {
            XCTAssertEqual(Day.parse(text), generalParse(text), "« \(text) »")
        }
        XCTAssertEqual(Day.parse("2024-02-29"), Day(year: 2024, month: 2, day: 29))
        XCTAssertEqual(Day.parse("29/02/2024"), Day(year: 2024, month: 2, day: 29))
        XCTAssertNil(Day.parse("2025-02-29"))
    }
}

/// SQLite's default order of text (the BINARY collation): the UTF-8 bytes compared one by one, a prefix first.
/// Rows written in a table's key order go to the index one after another.
enum BinaryCollation {
    /// Negative when `lhs` comes first, zero when equal, positive when `rhs` comes first.
    static func compare(_ lhs: String, _ rhs: String) -> Int {
        var left = lhs, right = rhs
        return left.withUTF8 { leftBytes in
            right.withUTF8 { rightBytes in
                for index in 0..<min(leftBytes.count, rightBytes.count) where leftBytes[index] != rightBytes[index] {
                    return Int(leftBytes[index]) - Int(rightBytes[index])
                }
                return leftBytes.count - rightBytes.count
            }
        }
    }

    /// Whether `lhs` comes before `rhs`, column by column (the first that differs decides).
    static func precedes(_ lhs: String, _ rhs: String, then next: @autoclosure () -> Bool = false) -> Bool {
        // Equal columns are the usual case in a key's leading columns, and equality is cheap to test.
        lhs == rhs ? next() : compare(lhs, rhs) < 0
    }
}

import LedgerCore

/// The order entries take in a FEC: the AN entries first, then every other entry by `ValidDate`, then chain order.
///
/// The store yields it with
/// `ORDER BY (journal = 'AN') DESC, valid_date, seq` on the `entry` table (lines by `line_no`).
public struct FecEntryOrder: Comparable, Hashable, Sendable {
    /// 0 for an AN entry, 1 for the others.
    public let group: Int
    public let validDate: Day
    public let sequence: Int64

    public init(_ entry: PostedEntry) {
        group = entry.ref.journal == .an ? 0 : 1
        validDate = entry.validDate
        sequence = entry.sequence
    }

    public static func < (lhs: FecEntryOrder, rhs: FecEntryOrder) -> Bool {
        (lhs.group, lhs.validDate, lhs.sequence) < (rhs.group, rhs.validDate, rhs.sequence)
    }

    /// The entries of an in-memory collection in FEC order (for small sets and tests; the store sorts in SQL).
    public static func sorted<S: Sequence>(_ entries: S) -> [PostedEntry] where S.Element == PostedEntry {
        entries.sorted { FecEntryOrder($0) < FecEntryOrder($1) }
    }
}

import GRDB

/// How a query finds one third party's lines through `posting_by_account` (Schema/0013), keyed (account, block,
/// auxiliary) where the block is `entry_seq >> 14`: one seek per block. Keying by block keeps a month's new lines
/// in the newest block's few hundred pages instead of one page per professional.
enum ThirdPartyBlocks {
    static let shift = 14

    /// The condition on the posting alias `alias` that names every block holding a line: SQLite then seeks
    /// (account, block, auxiliary) in each. It selects every line, so adding it to a query changes no result.
    static func condition(alias: String, in db: Database) throws -> String {
        // Two subqueries: SQLite reads a MIN or a MAX alone from the end of the key, but both in one SELECT scan the table.
        let bounds = try Row.fetchOne(db.cachedStatement(sql: "SELECT (SELECT MIN(entry_seq) FROM posting), (SELECT MAX(entry_seq) FROM posting)"))
        return condition(alias: alias, sequences: (bounds?[0] as Int64?) ?? 0, (bounds?[1] as Int64?) ?? 0)
    }

    /// The condition for lines whose sequence numbers lie between `first` and `last`, written exactly as the index's
    /// expression (`entry_seq >> 14`) for SQLite to use it.
    static func condition(alias: String, sequences first: Int64, _ last: Int64) -> String {
        let blocks = (min(first, 0) >> shift)...(max(last, 0) >> shift)
        return "(\(alias).entry_seq >> \(shift)) IN (\(blocks.map(String.init).joined(separator: ", ")))"
    }
}

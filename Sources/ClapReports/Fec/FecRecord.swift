import LedgerCore

/// One FEC data line split into its 18 named zones.
struct FecRecord {
    let zones: [String]

    init(zones: [String]) {
        precondition(zones.count == FecFormat.columns.count, "a FEC record has 18 zones")
        self.zones = zones
    }

    subscript(_ column: String) -> String {
        guard let index = FecRecord.indexByName[column] else { preconditionFailure("unknown FEC column \(column)") }
        return zones[index]
    }

    var journalCode: String { self["JournalCode"] }
    var ecritureNum: String { self["EcritureNum"] }
    var compteNum: String { self["CompteNum"] }
    var debit: String { self["Debit"] }
    var credit: String { self["Credit"] }

    static let indexByName: [String: Int] = Dictionary(
        FecFormat.columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })

    /// `AAAAMMJJ` as a real day, or nil.
    static func day(_ text: String) -> Day? {
        guard text.count == 8, text.allSatisfy({ ("0"..."9").contains($0) }),
              let year = Int(text.prefix(4)), let month = Int(text.dropFirst(4).prefix(2)), let day = Int(text.suffix(2))
        else { return nil }
        return Day(year: year, month: month, day: day)
    }

    /// `^\d+,\d{2}$` as cents, or nil.
    static func amount(_ text: String) -> Cents? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } }),
              parts[0].count <= 15, let euros = Int64(parts[0]), let cents = Int64(parts[1]) else { return nil }
        return Cents(euros * 100 + cents)
    }
}

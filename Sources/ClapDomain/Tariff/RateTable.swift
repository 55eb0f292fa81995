import LedgerCore

/// The rates of one action type, keyed either by tariff group or by participant role.
///
/// The barème decides per type from the keys of its `rates` table: keys that are tariff groups
/// (`medecin`, `dentiste`, `sage_femme`, `pharmacien_biologiste`, `auxiliaire`) and `default`
/// make a table by group; keys that are roles (`referent`, `contributeur`, `animateur`,
/// `participant`) make a table by role. Mixing both kinds in one table is refused.
/// A table by group must cover every group, directly or through `default`;
/// a table by role pays only the roles it names.
public enum RateTable: Hashable, Sendable {
    /// Rate per tariff group; `fallback` (the `default` key) covers the groups not listed.
    case byGroup([TariffGroup: Cents], fallback: Cents?)
    /// Rate per participant role (PPS: `referent` and `contributeur`).
    case byRole([ParticipantRole: Cents])

    /// The key of the `rates` table that means "every other group".
    public static let defaultKey = "default"

    /// The rate that applies to a participant, or nil when the table has none for them.
    public func rate(group: TariffGroup, role: ParticipantRole) -> AppliedRate? {
        switch self {
        case let .byGroup(rates, fallback):
            if let amount = rates[group] { return AppliedRate(key: group.rawValue, amount: amount) }
            return fallback.map { AppliedRate(key: Self.defaultKey, amount: $0) }
        case let .byRole(rates):
            return rates[role].map { AppliedRate(key: role.rawValue, amount: $0) }
        }
    }

    /// The roles this table pays, when it is a table by role; nil for a table by group (any role).
    public var paidRoles: Set<ParticipantRole>? {
        if case let .byRole(rates) = self { return Set(rates.keys) }
        return nil
    }
}

/// A rate picked from a `RateTable`, with the key it was read under (`medecin`, `default`, `referent`).
public struct AppliedRate: Hashable, Sendable {
    public let key: String
    /// Per hour for an hourly type, per participant for a flat type.
    public let amount: Cents

    public init(key: String, amount: Cents) {
        self.key = key
        self.amount = amount
    }
}

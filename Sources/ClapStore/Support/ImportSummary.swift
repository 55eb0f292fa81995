/// What an import did: how many rows it created, changed and found already as they are.
public struct ImportSummary: Hashable, Sendable, Codable, CustomStringConvertible {
    public var created = 0
    public var updated = 0
    public var unchanged = 0

    public init(created: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
    }

    public var changedAnything: Bool { created + updated > 0 }

    public var description: String {
        "\(created) créé(s), \(updated) modifié(s), \(unchanged) inchangé(s)"
    }
}

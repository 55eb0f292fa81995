import LedgerCore
import TOMLKit

/// Reads the `[types.CODE.rates]` table of a barème into a `RateTable` (see `RateTable` for the rules).
enum RateTableParser {
    static func parse(_ type: TOMLTable, prefix: String, reader: inout TomlReader) -> RateTable? {
        guard let table = reader.table(type, "rates", at: prefix, required: true) else { return nil }
        let path = prefix + ".rates"
        let keys = table.keys.sorted()
        let groupKeys = TariffGroup.allCases.map(\.rawValue) + [RateTable.defaultKey]
        let roleKeys = ParticipantRole.allCases.map(\.rawValue)
        reader.refuseUnknownKeys(of: table, at: path, allowed: groupKeys + roleKeys)
        let byRole = keys.contains { roleKeys.contains($0) }
        let byGroup = keys.contains { groupKeys.contains($0) }
        if byRole && byGroup {
            reader.report("tariff.mixed_rates", "« \(path) » mélange des tarifs par groupe (\(groupKeys.joined(separator: ", "))) "
                          + "et par rôle (\(roleKeys.joined(separator: ", "))) ; choisissez l'un ou l'autre.", at: path)
            return nil
        }
        var amounts: [String: Cents] = [:]
        var ok = true
        for key in keys where groupKeys.contains(key) || roleKeys.contains(key) {
            if let amount = reader.amount(table, key, at: path, required: true) { amounts[key] = amount } else { ok = false }
        }
        if byRole {
            var rates: [ParticipantRole: Cents] = [:]
            for (key, amount) in amounts { if let role = ParticipantRole(rawValue: key) { rates[role] = amount } }
            return ok ? .byRole(rates) : nil
        }
        var rates: [TariffGroup: Cents] = [:]
        for (key, amount) in amounts { if let group = TariffGroup(rawValue: key) { rates[group] = amount } }
        let fallback = amounts[RateTable.defaultKey]
        let uncovered = TariffGroup.allCases.filter { rates[$0] == nil }
        if fallback == nil && !uncovered.isEmpty && !table.contains(key: RateTable.defaultKey) {
            let missing = uncovered.map(\.rawValue).joined(separator: ", ")
            reader.report("tariff.missing_rate", "« \(path) » n'a pas de tarif pour \(missing) : ajoutez ces groupes "
                          + "ou « default », ou bien donnez des tarifs par rôle.", at: path + "." + RateTable.defaultKey)
            return nil
        }
        return ok ? .byGroup(rates, fallback: fallback) : nil
    }
}

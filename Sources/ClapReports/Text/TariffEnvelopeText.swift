import ClapDomain
import ClapStore
import LedgerCore

/// A barème version as a terminal page.
public enum TariffText {
    public static func render(_ schedule: TariffSchedule) -> String {
        var lines = ["\(schedule.name) — en vigueur à partir du \(schedule.effectiveFrom.french)",
                     "Plafond par équipe et par an : \(schedule.envelopeCapPerTeamYear.euroString)"
                         + (schedule.yearlyAmountCapPerProfessional.map { " ; plafond annuel par professionnel : \($0.euroString)" } ?? ""),
                     ""]
        var table = TextTable([.init("Type"), .init("Libellé"), .init("Unité"), .init("Durée (min)"), .init("Professions min", .right), .init("Taux")])
        for code in schedule.types.keys.sorted() {
            guard let rule = schedule.types[code] else { continue }
            let duration = rule.minMinutes.map { "\($0)–\(rule.maxMinutes.map(String.init) ?? "")" } ?? ""
            let rates: String
            switch rule.rates {
            case .byGroup(let byGroup, let fallback):
                rates = byGroup.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value.frenchString)" }
                    .joined(separator: ", ") + (fallback.map { (byGroup.isEmpty ? "" : ", ") + "autres \($0.frenchString)" } ?? "")
            case .byRole(let byRole):
                rates = byRole.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value.frenchString)" }.joined(separator: ", ")
            }
            table.add([code.rawValue, rule.label, rule.unit == .hour ? "heure" : "forfait", duration, String(rule.minProfessions), rates + " €"])
        }
        lines.append(table.render())
        return lines.joined(separator: "\n")
    }
}

/// Envelope statuses as a terminal table.
public enum EnvelopeText {
    public static func render(_ statuses: [EnvelopeStatus]) -> String {
        var table = TextTable([.init("Année", .right), .init("Équipe"), .init("Accordé", .right), .init("Consommé", .right),
                               .init("Disponible", .right), .init("Utilisé", .right)])
        for status in statuses {
            let percent = "\(status.usedBasisPoints / 100),\(String(format: "%02d", Int(status.usedBasisPoints % 100))) %"
            table.add([String(status.year), status.team.rawValue, status.granted.frenchString, status.consumed.frenchString,
                       status.room.frenchString, percent])
        }
        return table.render()
    }
}

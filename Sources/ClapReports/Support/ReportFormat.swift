import ClapDomain
import ClapStore
import LedgerCore

/// French wording and number formats shared by the statements and the reports. Integer arithmetic only.
public enum ReportFormat {
    /// Hours as a French decimal from minutes, at most two decimals, trailing zeros dropped:
    /// 750 → `12,5`, 45 → `0,75`, 20 → `0,33`, 120 → `2`. Rounded half up to the hundredth.
    public static func hours(minutes: Int) -> String {
        let negative = minutes < 0
        let hundredths = (abs(minutes) * 100 + 30) / 60
        var text = String(hundredths / 100)
        let fraction = hundredths % 100
        if fraction != 0 {
            text += "," + (fraction < 10 ? "0" : "") + String(fraction)
            while text.hasSuffix("0") { text.removeLast() }
        }
        return (negative && hundredths != 0 ? "-" : "") + text
    }

    /// A duration for people: 90 → `1 h 30`, 45 → `45 min`, 120 → `2 h`.
    public static func duration(minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        if h == 0 { return "\(m)\u{00A0}min" }
        return m == 0 ? "\(h)\u{00A0}h" : "\(h)\u{00A0}h\u{00A0}\(m < 10 ? "0" : "")\(m)"
    }

    /// Basis points as a French percentage: 6097 → `60,97 %`.
    public static func percent(basisPoints: Int64) -> String {
        let magnitude = basisPoints.magnitude
        return (basisPoints < 0 ? "-" : "") + "\(magnitude / 100),\(magnitude % 100 < 10 ? "0" : "")\(magnitude % 100)\u{00A0}%"
    }

    /// `part / whole` in basis points (10 000 = 100 %), rounded down; 0 when `whole` is not positive.
    public static func basisPoints(_ part: Cents, of whole: Cents) -> Int64 {
        whole.value > 0 ? part.value * 10_000 / whole.value : 0
    }

    /// `882 413 578`.
    public static func siren(_ siren: String) -> String {
        guard siren.count == 9 else { return siren }
        let characters = Array(siren)
        return [characters[0..<3], characters[3..<6], characters[6..<9]].map { String($0) }.joined(separator: "\u{00A0}")
    }

    /// The IBAN as a statement shows it: masked but its last 4 characters, `•••• 0189`.
    public static func maskedIBAN(_ iban: IBAN) -> String { "••••\u{00A0}" + iban.last4 }

    public static func role(_ role: ParticipantRole) -> String {
        switch role {
        case .participant: "participant"
        case .referent: "référent"
        case .contributeur: "contributeur"
        case .animateur: "animateur"
        }
    }

    static let monthNames = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                             "novembre", "décembre"]

    /// `année 2025` or `mars 2025`.
    public static func period(_ period: ReportPeriod) -> String {
        guard let month = period.month else { return "année \(period.year)" }
        return "\(monthNames[month - 1]) \(period.year)"
    }

    /// `du 01/01/2025 au 31/12/2025`.
    public static func bounds(_ period: ReportPeriod) -> String { "du \(period.first.french) au \(period.last.french)" }
}

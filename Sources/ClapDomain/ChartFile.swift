import Foundation

/// Reads a chart of accounts file: `role;compte;libelle;tiers` (tiers = oui/non), as shipped in Fixtures/.
public enum ChartFile {
    public static func parse(_ text: String, fileName: String) -> Result<Chart, InputRejected> {
        var accounts: [ChartAccount] = []
        var issues: [LocatedIssue] = []
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        for (index, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let fields = line.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let location = SourceLocation(file: fileName, line: index + 1)
            guard fields.count == 4 else {
                issues.append(LocatedIssue(InputIssue(code: "chart.field_count", message: "il faut 4 champs : role;compte;libelle;tiers."), at: location, value: line))
                continue
            }
            let role = fields[0].isEmpty ? nil : AccountRole(rawValue: fields[0])
            if !fields[0].isEmpty && role == nil {
                issues.append(LocatedIssue(InputIssue(code: "chart.role", message: "rôle de compte inconnu."), at: location, value: fields[0]))
            }
            guard fields[1].count >= 3, fields[1].allSatisfy(\.isASCIIDigit) else {
                issues.append(LocatedIssue(InputIssue(code: "chart.number", message: "un numéro de compte commence par au moins trois chiffres et ne contient que des chiffres."),
                                           at: location, value: fields[1]))
                continue
            }
            accounts.append(ChartAccount(number: fields[1], label: fields[2], role: role, isThirdParty: fields[3].lowercased() == "oui"))
        }
        guard issues.isEmpty else { return .failure(InputRejected(issues)) }
        guard let chart = Chart(accounts: accounts) else {
            return .failure(InputRejected([LocatedIssue(
                InputIssue(code: "chart.roles", message: "le plan doit nommer chaque rôle une fois : " + AccountRole.allCases.map(\.rawValue).joined(separator: ", ") + "."),
                at: SourceLocation(file: fileName, line: 1))]))
        }
        return .success(chart)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

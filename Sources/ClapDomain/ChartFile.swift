import Foundation

/// Reads a chart of accounts file: `role;compte;libelle;tiers` (tiers = oui/non), as shipped in Fixtures/,
/// with the same CSV rules as every import (encoding, separator, quoting, headers).
public enum ChartFile {
    public static let schema = CSVSchema([.required("role"), .required("compte"), .required("libelle"), .required("tiers")])

    public static func parse(_ text: String, fileName: String) -> Result<Chart, InputRejected> {
        let table: CSVTable
        switch CSVTable.read(text: text, fileName: fileName, schema: schema) {
        case .failure(let rejected): return .failure(rejected)
        case .success(let read): table = read
        }
        var collector = IssueCollector()
        var accounts: [ChartAccount] = []
        for row in table.rows {
            let role = collector.field(row, "role") { text -> Result<AccountRole?, InputIssue> in
                if text.isEmpty { return .success(nil) }
                return AccountRole(rawValue: text).map { .success($0) } ?? .failure(InputIssue(
                    code: "chart.role", message: "Rôle de compte inconnu : " + AccountRole.allCases.map(\.rawValue).joined(separator: ", ") + "."))
            }
            let number = collector.field(row, "compte") { text -> Result<String, InputIssue> in
                text.count >= 3 && text.count <= 20 && text.allSatisfy(TextNormalization.isASCIIDigit) ? .success(text)
                    : .failure(InputIssue(code: "chart.number", message: "Un numéro de compte a de 3 à 20 chiffres, et rien d'autre."))
            }
            let label = collector.field(row, "libelle", FieldParsers.requiredText)
            let thirdParty = collector.field(row, "tiers") { text -> Result<Bool, InputIssue> in
                switch text.lowercased() {
                case "oui": .success(true)
                case "non", "": .success(false)
                default: .failure(InputIssue(code: "chart.third_party", message: "Indiquez « oui » ou « non »."))
                }
            }
            guard let role, let number, let label, let thirdParty else { continue }
            accounts.append(ChartAccount(number: number, label: label, role: role, isThirdParty: thirdParty))
        }
        if let rejection = collector.rejection { return .failure(rejection) }
        guard let chart = Chart(accounts: accounts) else {
            return .failure(InputRejected([LocatedIssue(
                InputIssue(code: "chart.roles", message: "Le plan doit nommer chaque rôle une fois : " + AccountRole.allCases.map(\.rawValue).joined(separator: ", ") + "."),
                at: SourceLocation(file: fileName, line: 1))]))
        }
        return .success(chart)
    }
}

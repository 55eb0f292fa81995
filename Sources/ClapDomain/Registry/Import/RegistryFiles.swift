import Foundation
import LedgerCore

/// The registry's CSV files (product.md §5) read into typed values, every error listed with its place.
public enum RegistryFiles {
    public static let teamsSchema = CSVSchema([
        .required("equipe"), .required("nom"), .required("departement"), .optional("numero_ars"),
        .optional("date_enregistrement_ars"), .optional("date_convention"), .optional("forme_juridique"), .required("actions"),
    ])

    public static let professionalsSchema = CSVSchema([
        .required("rpps"), .required("nom"), .required("prenom"), .required("profession"), .required("iban"),
        .optional("bic"), .optional("email"), .optional("date_convention"),
    ])

    public static let membersSchema = CSVSchema([
        .required("equipe"), .required("rpps"), .required("date_debut"), .optional("date_fin"),
    ])

    /// The longest team name accepted.
    public static let teamNameLengthMax = 120

    public static func teams(_ data: Data, fileName: String) -> Result<[Located<Team>], InputRejected> {
        rows(data, fileName: fileName, schema: teamsSchema, key: { $0.id.rawValue }, duplicateLabel: "l'équipe") { row, collector in
            let id = collector.field(row, "equipe", TeamID.parse)
            let name = collector.field(row, "nom") { text in
                FieldParsers.requiredText(text).flatMap { name in
                    name.count <= teamNameLengthMax ? .success(name)
                        : .failure(InputIssue(code: "team.name_length", message: "Le nom d'équipe dépasse \(teamNameLengthMax) caractères."))
                }
            }
            let department = collector.field(row, "departement", Department.parse)
            let arsNumber = collector.field(row, "numero_ars", FieldParsers.optionalText) ?? nil
            let arsOn = collector.field(row, "date_enregistrement_ars", FieldParsers.optionalDate) ?? nil
            let conventionOn = collector.field(row, "date_convention", FieldParsers.optionalDate) ?? nil
            let legalForm = collector.field(row, "forme_juridique", LegalForm.parse)
            let types = collector.field(row, "actions", { ActionTypeCode.parseList($0) })
            if let arsOn, let conventionOn, conventionOn < arsOn {
                collector.append(InputIssue(code: "team.convention_before_registration",
                                            message: "La convention (\(conventionOn.french)) ne peut précéder l'enregistrement ARS (\(arsOn.french))."),
                                 at: row.location("date_convention"), value: row["date_convention"])
            }
            guard let id, let name, let department, let legalForm, let types else { return nil }
            return Team(id: id, name: name, department: department, arsNumber: arsNumber, arsRegisteredOn: arsOn,
                        conventionOn: conventionOn, legalForm: legalForm, actionTypes: types)
        }
    }

    public static func professionals(_ data: Data, fileName: String) -> Result<[Located<Professional>], InputRejected> {
        rows(data, fileName: fileName, schema: professionalsSchema, key: { $0.rpps.rawValue }, duplicateLabel: "le RPPS") { row, collector in
            let rpps = collector.field(row, "rpps", RPPS.parse)
            let lastName = collector.field(row, "nom", PersonName.parse)
            let firstName = collector.field(row, "prenom", PersonName.parse)
            let profession = collector.field(row, "profession", Profession.parse)
            let iban = collector.field(row, "iban", IBAN.parse)
            let bic = collector.field(row, "bic") { $0.isEmpty ? .success(nil) : BIC.parse($0).map(Optional.some) } ?? nil
            let email = collector.field(row, "email") { $0.isEmpty ? .success(nil) : EmailAddress.parse($0).map(Optional.some) } ?? nil
            let conventionOn = collector.field(row, "date_convention", FieldParsers.optionalDate) ?? nil
            guard let rpps, let lastName, let firstName, let profession, let iban else { return nil }
            return Professional(rpps: rpps, lastName: lastName.rawValue, firstName: firstName.rawValue, profession: profession,
                                iban: iban, bic: bic, email: email, conventionOn: conventionOn)
        }
    }

    public static func members(_ data: Data, fileName: String) -> Result<[Located<Membership>], InputRejected> {
        rows(data, fileName: fileName, schema: membersSchema, key: nil, duplicateLabel: "") { row, collector in
            let team = collector.field(row, "equipe", TeamID.parse)
            let rpps = collector.field(row, "rpps", RPPS.parse)
            let from = collector.field(row, "date_debut", FieldParsers.date)
            let to = collector.field(row, "date_fin", FieldParsers.optionalDate) ?? nil
            guard let team, let rpps, let from else { return nil }
            switch Membership.validated(team: team, rpps: rpps, from: from, to: to) {
            case .success(let membership): return membership
            case .failure(let issue):
                collector.append(issue, at: row.location("date_fin"), value: row["date_fin"])
                return nil
            }
        }
    }

    /// Reads a table and turns each row into a value, refusing the file if any row has an issue
    /// or if two rows share the same key.
    static func rows<T: Sendable>(_ data: Data, fileName: String, schema: CSVSchema, key: ((T) -> String)?, duplicateLabel: String,
                                  _ make: (CSVRow, inout IssueCollector) -> T?) -> Result<[Located<T>], InputRejected> {
        let table: CSVTable
        switch CSVTable.read(data: data, fileName: fileName, schema: schema) {
        case .failure(let rejected): return .failure(rejected)
        case .success(let read): table = read
        }
        guard !table.rows.isEmpty else { return .failure(InputRejected([LocatedIssue(CSVIssues.noRows, at: SourceLocation(file: fileName, line: 1))])) }
        var collector = IssueCollector()
        var values: [Located<T>] = []
        var firstLineByKey: [String: Int] = [:]
        for row in table.rows {
            guard let value = make(row, &collector) else { continue }
            if let key = key?(value) {
                if let first = firstLineByKey[key] {
                    collector.append(InputIssue(code: "csv.duplicate_row", message: "\(duplicateLabel) \(key) figure déjà ligne \(first)."),
                                     at: row.location, value: key)
                    continue
                }
                firstLineByKey[key] = row.line
            }
            values.append(Located(value, at: row.location))
        }
        return collector.result { values }
    }
}

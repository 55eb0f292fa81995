import Foundation
import LedgerCore

/// The actions CSV (product.md §5: one row per participant) read into typed rows and grouped into declarations.
public enum ActionFile {
    public static let schema = CSVSchema([
        .required(ActionColumn.team), .required(ActionColumn.reference), .required(ActionColumn.type),
        .required(ActionColumn.date), .optional(ActionColumn.duration), .optional(ActionColumn.caseRef),
        .optional(ActionColumn.protocolRef), .required(ActionColumn.rpps), .required(ActionColumn.role),
    ])

    /// The longest an action may last, in minutes (a whole day).
    public static let durationMinutesMax = Valuation.minutesMax

    /// Reads and groups a file; any format issue refuses the whole file.
    public static func declarations(_ data: Data, fileName: String) -> Result<[ActionDeclaration], InputRejected> {
        let table: CSVTable
        switch CSVTable.read(data: data, fileName: fileName, schema: schema) {
        case .failure(let rejected): return .failure(rejected)
        case .success(let read): table = read
        }
        guard !table.rows.isEmpty else { return .failure(InputRejected([LocatedIssue(CSVIssues.noRows, at: SourceLocation(file: fileName, line: 1))])) }
        var collector = IssueCollector()
        var rows: [ActionRow] = []
        rows.reserveCapacity(table.rows.count)
        for row in table.rows {
            let team = collector.field(row, ActionColumn.team, TeamID.parse)
            let reference = collector.field(row, ActionColumn.reference, ActionReference.parse)
            let type = collector.field(row, ActionColumn.type) { text -> Result<ActionTypeCode, InputIssue> in
                let code = text.uppercased()
                guard !code.isEmpty, code.count <= 30, code.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                    return .failure(InputIssue(code: "action.type_format", message: "Type d'action illisible : indiquez un code du barème (RCP, RCP_PATIENT, PPS, PROTOCOLE, ETP…)."))
                }
                return .success(ActionTypeCode(code))
            }
            let date = collector.field(row, ActionColumn.date, FieldParsers.date)
            let duration = collector.field(row, ActionColumn.duration) { text -> Result<Int?, InputIssue> in
                text.isEmpty ? .success(nil) : FieldParsers.integer(text, in: 1...durationMinutesMax).map(Optional.some)
            } ?? nil
            let caseRef = collector.field(row, ActionColumn.caseRef) { text -> Result<String?, InputIssue> in
                text.isEmpty ? .success(nil) : CaseReference.parse(text).map { Optional.some($0.rawValue) }
            } ?? nil
            let protocolRef = collector.field(row, ActionColumn.protocolRef) { text -> Result<String?, InputIssue> in
                text.isEmpty ? .success(nil) : ProtocolReference.parse(text).map { Optional.some($0.rawValue) }
            } ?? nil
            let rpps = collector.field(row, ActionColumn.rpps, RPPS.parse)
            let role = collector.field(row, ActionColumn.role) { text -> Result<ParticipantRole, InputIssue> in
                ParticipantRole(rawValue: text.lowercased()).map { .success($0) } ?? .failure(InputIssue(
                    code: "role.unknown", message: "Rôle inconnu : indiquez participant, referent, contributeur ou animateur."))
            }
            guard let team, let reference, let type, let date, let rpps, let role else { continue }
            rows.append(ActionRow(team: team, reference: reference.rawValue, type: type, date: date, durationMinutes: duration,
                                  caseRef: caseRef, protocolRef: protocolRef, rpps: rpps, role: role, line: row.line))
        }
        let (declarations, groupingIssues) = ActionDeclaration.group(rows, fileName: fileName)
        groupingIssues.forEach { collector.append($0) }
        return collector.result { declarations }
    }
}

extension ActionDeclaration {
    /// A digest of what was declared (not where it was read): re-importing the same declaration is recognised.
    public var declarationDigest: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128 + 40 * participants.count)
        for field in [team.rawValue, reference, type.rawValue, date.iso, durationMinutes.map(String.init) ?? "", caseRef ?? "", protocolRef ?? ""] {
            CanonicalHash.append(field, to: &bytes)
        }
        for participant in participants.sorted(by: { $0.rpps < $1.rpps }) {
            CanonicalHash.append(participant.rpps.rawValue, to: &bytes)
            CanonicalHash.append(participant.role.rawValue, to: &bytes)
        }
        return CanonicalHash.sha256Hex(bytes)
    }

    /// The analytic code of the envelope it consumes: team and year of its date.
    public var analyticCode: String { EnvelopeKey(team: team, year: date.year).analyticCode }
}

/// A team's envelope for one year: the unit the €10,000 cap applies to.
public struct EnvelopeKey: Hashable, Sendable, Codable {
    public let team: TeamID
    public let year: Int

    public init(team: TeamID, year: Int) {
        self.team = team
        self.year = year
    }

    /// `T044-001/2025`: the analytic code carried by 741000, 622600, 194000, 689400 and 789400 lines.
    public var analyticCode: String { "\(team.rawValue)/\(year)" }

    public init?(analyticCode: String) {
        let parts = analyticCode.split(separator: "/")
        guard parts.count == 2, let year = Int(parts[1]) else { return nil }
        self.init(team: TeamID(unchecked: String(parts[0])), year: year)
    }
}

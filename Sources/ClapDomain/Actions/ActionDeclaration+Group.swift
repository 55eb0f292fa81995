import LedgerCore

extension ActionDeclaration {
    /// Gathers rows into actions by (team, reference), in order of first appearance.
    ///
    /// Every row of an action must repeat the same type, date, duration, `ref_cas` and `ref_protocole`
    /// (`action.inconsistent_rows`); an RPPS appears at most once per action
    /// (`action.duplicate_participant`); an action has at most `participantsMax` participants
    /// (`action.too_many_participants`). Returns only the actions without any issue, and every issue;
    /// an import with any issue imports nothing.
    public static func group(_ rows: [ActionRow], fileName: String) -> ([ActionDeclaration], [LocatedIssue]) {
        var order: [GroupKey] = []
        var rowsByKey: [GroupKey: [ActionRow]] = [:]
        for row in rows {
            let key = GroupKey(team: row.team, reference: row.reference)
            if rowsByKey[key] == nil { order.append(key) }
            rowsByKey[key, default: []].append(row)
        }
        var declarations: [ActionDeclaration] = []
        var issues: [LocatedIssue] = []
        for key in order {
            guard let group = rowsByKey[key], let first = group.first else { continue }
            let found = problems(of: group, first: first, fileName: fileName)
            issues += found
            guard found.isEmpty else { continue }
            declarations.append(ActionDeclaration(
                team: first.team, reference: first.reference, type: first.type, date: first.date,
                durationMinutes: first.durationMinutes, caseRef: first.caseRef, protocolRef: first.protocolRef,
                participants: group.map { ActionParticipant(rpps: $0.rpps, role: $0.role, line: $0.line) },
                line: first.line))
        }
        return (declarations, issues)
    }

    private struct GroupKey: Hashable {
        let team: TeamID
        let reference: String
    }

    private static func problems(of group: [ActionRow], first: ActionRow, fileName: String) -> [LocatedIssue] {
        var issues: [LocatedIssue] = []
        var seen: [RPPS: Int] = [:]
        for row in group {
            if row.line != first.line {
                issues += inconsistencies(of: row, against: first, fileName: fileName)
            }
            if let earlier = seen[row.rpps] {
                issues.append(LocatedIssue(
                    InputIssue(code: "action.duplicate_participant",
                               message: "le RPPS \(row.rpps) figure déjà ligne \(earlier) dans l'action « \(row.reference) » "
                                   + "de l'équipe \(row.team) ; un professionnel est déclaré une seule fois par action."),
                    at: SourceLocation(file: fileName, line: row.line, column: ActionColumn.rpps), value: row.rpps.rawValue))
            } else {
                seen[row.rpps] = row.line
            }
        }
        if group.count > participantsMax {
            let row = group[participantsMax]
            issues.append(LocatedIssue(
                InputIssue(code: "action.too_many_participants",
                           message: "l'action « \(row.reference) » de l'équipe \(row.team) compte \(group.count) participants ; "
                               + "au plus \(participantsMax) par action."),
                at: SourceLocation(file: fileName, line: row.line, column: ActionColumn.reference), value: row.reference))
        }
        return issues
    }

    private static func inconsistencies(of row: ActionRow, against first: ActionRow, fileName: String) -> [LocatedIssue] {
        let fields: [(column: String, value: String, expected: String)] = [
            (ActionColumn.type, row.type.rawValue, first.type.rawValue),
            (ActionColumn.date, row.date.french, first.date.french),
            (ActionColumn.duration, row.durationMinutes.map(String.init) ?? "", first.durationMinutes.map(String.init) ?? ""),
            (ActionColumn.caseRef, row.caseRef ?? "", first.caseRef ?? ""),
            (ActionColumn.protocolRef, row.protocolRef ?? "", first.protocolRef ?? ""),
        ]
        return fields.filter { $0.value != $0.expected }.map { field in
            LocatedIssue(
                InputIssue(code: "action.inconsistent_rows",
                           message: "la colonne « \(field.column) » vaut « \(field.value) » alors que la ligne \(first.line) "
                               + "de la même action « \(row.reference) » (équipe \(row.team)) indique « \(field.expected) » ; "
                               + "toutes les lignes d'une action doivent concorder."),
                at: SourceLocation(file: fileName, line: row.line, column: field.column), value: field.value)
        }
    }
}

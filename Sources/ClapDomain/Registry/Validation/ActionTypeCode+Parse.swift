extension ActionTypeCode {
    /// The five action types every barème defines.
    public static let defaults: [ActionTypeCode] = [.rcp, .rcpPatient, .pps, .protocole, .etp]

    /// Reads the action types of a team's health project: codes joined by `+` (`RCP+PPS+ETP`), ignoring
    /// case and spaces; duplicates are dropped, the order of first appearance kept. An empty field is an
    /// empty list. Every code must be one of `known` (the barème's types).
    public static func parseList(_ text: String, known: [ActionTypeCode] = defaults)
        -> Result<[ActionTypeCode], InputIssue> {
        let codes = TextNormalization.removingSpaces(text).uppercased()
            .split(separator: "+", omittingEmptySubsequences: true)
            .map { ActionTypeCode(String($0)) }
        let unknown = codes.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            let listed = unknown.map(\.rawValue).joined(separator: ", ")
            let valid = known.map(\.rawValue).joined(separator: ", ")
            return .failure(InputIssue(code: "action_types.unknown",
                                       message: "Type\(unknown.count > 1 ? "s" : "") d'action inconnu\(unknown.count > 1 ? "s" : "") : "
                                           + "\(listed). Indiquez des codes parmi \(valid), séparés par « + »."))
        }
        var seen = Set<ActionTypeCode>()
        return .success(codes.filter { seen.insert($0).inserted })
    }
}

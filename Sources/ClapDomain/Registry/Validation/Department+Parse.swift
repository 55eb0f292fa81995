extension Department {
    /// Reads a department code of the Pays de la Loire: `44`, `49`, `53`, `72` or `85`.
    public static func parse(_ text: String) -> Result<Department, InputIssue> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let department = Department(rawValue: trimmed) { return .success(department) }
        let valid = allCases.map { "\($0.rawValue) (\($0.label))" }.joined(separator: ", ")
        return .failure(InputIssue(code: "department.unknown",
                                   message: "« \(trimmed) » n'est pas un département des Pays de la Loire : "
                                       + "indiquez l'un des codes \(valid)."))
    }
}

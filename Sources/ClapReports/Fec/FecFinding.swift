/// One rule a FEC file breaks, with the line it is on (1 = the header) and a stable code such as `fec.entry.unbalanced`.
public struct FecFinding: Hashable, Sendable, CustomStringConvertible {
    /// A stable name of the rule, e.g. `fec.amount.format`.
    public let code: String
    /// The physical line of the file, 1 for the header; 0 for the file as a whole.
    public let line: Int
    /// What is wrong, in French.
    public let message: String

    public init(code: String, line: Int, message: String) {
        self.code = code
        self.line = line
        self.message = message
    }

    public var description: String { "ligne \(line) [\(code)] \(message)" }
}

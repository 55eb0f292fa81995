import LedgerCore

/// A line of a professional's payable account not yet lettered: what the next payout may settle.
public struct OpenPayableLine: Hashable, Sendable {
    public let entrySequence: Int64
    public let lineNumber: Int
    public let entryDate: Day
    /// Credit minus debit: positive when it adds to what is owed (an IND line), negative for a reversal or a payout.
    public let dueAmount: Cents

    public init(entrySequence: Int64, lineNumber: Int, entryDate: Day, dueAmount: Cents) {
        self.entrySequence = entrySequence
        self.lineNumber = lineNumber
        self.entryDate = entryDate
        self.dueAmount = dueAmount
    }
}

/// Which open lines a payout settles. The payout always pays the whole balance due, so it letters every open line
/// up to the month's end, oldest first; with its own debit line they sum to zero.
public enum PayoutLettering {
    /// The open lines dated on or before `monthEnd`, oldest first.
    public static func settled(by amount: Cents, openLines: [OpenPayableLine], monthEnd: Day) -> Result<[OpenPayableLine], LetteringMismatch> {
        let lines = openLines.filter { $0.entryDate <= monthEnd }.sorted {
            ($0.entryDate, $0.entrySequence, $0.lineNumber) < ($1.entryDate, $1.entrySequence, $1.lineNumber)
        }
        let total = lines.reduce(Cents.zero) { $0 + $1.dueAmount }
        guard total == amount else { return .failure(LetteringMismatch(paid: amount, open: total)) }
        return .success(lines)
    }
}

/// The open lines do not add up to the amount paid: lettering them would leave a group that does not balance.
public struct LetteringMismatch: Error, Hashable, Sendable {
    public let paid: Cents
    public let open: Cents

    public var message: String {
        "Le lettrage ne s'équilibre pas : \(paid.euroString) payés pour \(open.euroString) de lignes ouvertes."
    }
}

/// The invariants of accounting.md that can be checked on values alone, as pure functions.
public enum EntryRules {
    /// Invariant 1 for a draft: at least two lines, each positive on one side, debits = credits.
    public static func validate(_ draft: EntryDraft) -> Result<Void, PostingError> {
        guard draft.lines.count >= 2 else { return .failure(.tooFewLines) }
        if let index = draft.lines.firstIndex(where: { !$0.amount.isPositive }) {
            return .failure(.nonPositiveAmount(lineIndex: index))
        }
        let debit = draft.totalDebit
        let credit = draft.totalCredit
        guard debit == credit else { return .failure(.unbalanced(debit: debit, credit: credit)) }
        return .success(())
    }

    /// Invariant 1 over line totals read back from storage.
    public static func checkBalance(ref: EntryRef, lineCount: Int, nonPositiveLines: Int, bothSidesLines: Int,
                                    debit: Cents, credit: Cents) -> [LedgerViolation] {
        var found: [LedgerViolation] = []
        if lineCount < 2 {
            found.append(LedgerViolation(invariant: 1, code: "entry.too_few_lines", entry: ref,
                                         message: "l'écriture a \(lineCount) ligne(s) ; il en faut au moins deux."))
        }
        if nonPositiveLines > 0 || bothSidesLines > 0 {
            found.append(LedgerViolation(invariant: 1, code: "entry.line_sides", entry: ref,
                                         message: "une ligne n'a pas un montant positif sur un seul côté."))
        }
        if debit != credit {
            found.append(LedgerViolation(invariant: 1, code: "entry.unbalanced", entry: ref,
                                         message: "débit \(debit.euroString) ≠ crédit \(credit.euroString)."))
        }
        return found
    }

    /// Invariant 2: numbers of one journal and fiscal year, in ascending order, must be 1, 2, 3 … with no gap.
    public static func checkNumbering(journal: JournalCode, fiscalYear: Int, sortedNumbers: [Int]) -> [LedgerViolation] {
        var found: [LedgerViolation] = []
        var expected = 1
        for number in sortedNumbers {
            let ref = EntryRef(journal: journal, fiscalYear: fiscalYear, number: number)
            if number == expected - 1 {
                found.append(LedgerViolation(invariant: 2, code: "numbering.duplicate", entry: ref,
                                             message: "le numéro \(number) est porté par deux écritures."))
                continue
            }
            if number != expected {
                found.append(LedgerViolation(invariant: 2, code: "numbering.gap", entry: ref,
                                             message: "numéro \(number) attendu \(expected) : la numérotation du journal a un trou."))
            }
            expected = number + 1
        }
        return found
    }

    /// Invariant 4: an entry posted after a period was closed may not be dated inside it.
    public static func checkPeriod(ref: EntryRef, entryDate: Day, closedThroughAtPosting: Day?) -> LedgerViolation? {
        guard let closed = closedThroughAtPosting, entryDate <= closed else { return nil }
        return LedgerViolation(invariant: 4, code: "period.closed", entry: ref,
                               message: "datée du \(entryDate.french), dans une période clôturée jusqu'au \(closed.french).")
    }

    /// Invariant 7 (first half): the trial balance sums to zero.
    public static func checkTrialBalance(totalDebit: Cents, totalCredit: Cents) -> LedgerViolation? {
        guard totalDebit != totalCredit else { return nil }
        return LedgerViolation(invariant: 7, code: "trial_balance.not_zero",
                               message: "la balance ne s'équilibre pas : débits \(totalDebit.euroString), crédits \(totalCredit.euroString).")
    }
}

import ClapDomain
import LedgerCore

/// What both plain-text writers check on an entry before writing any of it.
enum LedgerFormatCheck {
    static func check(_ entry: PostedEntry, accounts: [String: ChartAccount]) throws(LedgerFormatError) {
        for line in entry.draft.lines where accounts[line.account] == nil {
            throw .unknownAccount(entry.ref, account: line.account)
        }
        let debit = entry.draft.totalDebit, credit = entry.draft.totalCredit
        guard debit == credit else { throw .unbalanced(entry.ref, debit: debit, credit: credit) }
    }
}

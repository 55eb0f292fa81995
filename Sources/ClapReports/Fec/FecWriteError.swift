import LedgerCore

/// Why `FecWriter` refused to go on: the file written so far must be thrown away.
public enum FecWriteError: Error, Hashable, Sendable {
    /// The entry belongs to another fiscal year than the file's.
    case wrongFiscalYear(EntryRef, expected: Int)
    /// The entry comes after one it should precede (AN first, then `ValidDate`, then chain order).
    case outOfOrder(EntryRef, after: EntryRef)
    /// The entry's number is not the next one in its journal (a gap, a repeat, or numbers out of order).
    case numberingBroken(EntryRef, expectedNumber: Int)
    /// The journal has no `JournalLib`.
    case unknownJournal(JournalCode)
    /// A line's account is not in the chart, so it has no `CompteLib`.
    case unknownAccount(EntryRef, account: String)
    /// A line on a third-party account without a third party.
    case missingAuxiliary(EntryRef, lineNo: Int, account: String)
    /// A line carries a third party on an account that takes none.
    case auxiliaryOnNonThirdPartyAccount(EntryRef, lineNo: Int, account: String)
    /// A mandatory zone (`PieceRef`, `EcritureLib`, …) would be empty.
    case emptyZone(EntryRef, column: String)
    /// A line without a positive amount on one side.
    case nonPositiveAmount(EntryRef, lineNo: Int)
    /// Debits and credits of the entry differ.
    case unbalanced(EntryRef, debit: Cents, credit: Cents)
    /// An entry was given after `finish()`.
    case alreadyFinished
}

extension FecWriteError: CustomStringConvertible {
    /// The refusal in French, for the treasurer.
    public var description: String {
        switch self {
        case let .wrongFiscalYear(ref, expected):
            "FEC \(expected) : l'écriture \(ref) appartient à un autre exercice."
        case let .outOfOrder(ref, after):
            "FEC : l'écriture \(ref) arrive après \(after) ; il faut les à-nouveaux d'abord, puis l'ordre de validation."
        case let .numberingBroken(ref, expectedNumber):
            "FEC : l'écriture \(ref) arrive alors que le n° \(expectedNumber) de son journal était attendu."
        case let .unknownJournal(journal):
            "FEC : le journal \(journal) n'a pas de libellé."
        case let .unknownAccount(ref, account):
            "FEC : le compte \(account) de l'écriture \(ref) n'est pas au plan comptable."
        case let .missingAuxiliary(ref, lineNo, account):
            "FEC : la ligne \(lineNo) de l'écriture \(ref) est sur le compte de tiers \(account) sans tiers."
        case let .auxiliaryOnNonThirdPartyAccount(ref, lineNo, account):
            "FEC : la ligne \(lineNo) de l'écriture \(ref) porte un tiers sur le compte \(account), qui n'en prend pas."
        case let .emptyZone(ref, column):
            "FEC : la zone \(column) de l'écriture \(ref) serait vide."
        case let .nonPositiveAmount(ref, lineNo):
            "FEC : la ligne \(lineNo) de l'écriture \(ref) n'a pas de montant positif."
        case let .unbalanced(ref, debit, credit):
            "FEC : l'écriture \(ref) n'est pas équilibrée (débit \(debit.commaString), crédit \(credit.commaString))."
        case .alreadyFinished:
            "FEC : le fichier est déjà terminé."
        }
    }
}

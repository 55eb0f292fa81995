import LedgerCore

/// Why a batch cannot be written as a SEPA file; each case names the faulty value.
public enum SepaError: Error, Hashable, Sendable {
    /// `MsgId`, `PmtInfId` or `EndToEndId` is not 1–35 EPC characters without leading/trailing `/` or `//`.
    case invalidIdentifier(field: SepaField, value: String)
    /// Two transfers share an `EndToEndId`.
    case duplicateEndToEndId(String)
    /// Not strictly positive, or above 999 999 999.99 €.
    case invalidAmount(endToEndId: String, amount: Cents)
    /// Not an IBAN: wrong shape or wrong check digits.
    case invalidIBAN(field: SepaField, value: String)
    /// Not an 8- or 11-character BIC.
    case invalidBIC(field: SepaField, value: String)
    /// A name that is empty once transliterated.
    case emptyName(field: SepaField)
    /// A postal address without a town, or with a country that is not two letters.
    case invalidPostalAddress(field: SepaField)
    /// The creation timestamp is not `YYYY-MM-DDThh:mm:ss`.
    case invalidCreationDateTime(String)
    /// A batch without transfers.
    case noTransfers
    /// More than `SepaCreditTransferBatch.transfersMax` transfers.
    case tooManyTransfers(Int)
}

/// Which part of the batch a `SepaError` is about.
public enum SepaField: Hashable, Sendable {
    case messageId
    case paymentInformationId
    case debtor
    /// The transfer with this `EndToEndId`.
    case transfer(String)
}

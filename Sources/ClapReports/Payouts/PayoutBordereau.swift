import ClapDomain
import ClapStore
import LedgerCore

/// The bordereau: the CSV beside the SEPA file that lists each transfer for the treasurer and the bank.
public enum PayoutBordereau {
    /// `RPPS;Nom;IBAN (masqué);Montant;EndToEndId;Actions payées`.
    public static let header = ["RPPS", "Nom", "IBAN (masqué)", "Montant", "EndToEndId", "Actions payées"]

    /// `;`-separated, decimal comma, UTF-8 with a BOM (so a spreadsheet reads the accents), formulas neutralised.
    /// Shows the batch as issued: a later rejection does not change it.
    public static func csv(for record: PayoutBatchRecord) -> String {
        CSVWriter(separator: ";", includesBOM: true).document(header: header, rows: record.transfers.map { transfer in
            [transfer.rpps.rawValue, transfer.creditorName, transfer.iban.masked, transfer.amount.commaString,
             transfer.endToEndID, transfer.paidPieceRefs.joined(separator: ", ")]
        })
    }
}

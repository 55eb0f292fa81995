import ClapDomain
import ClapStore
import LedgerCore

/// Turns a stored payout batch into the SEPA credit transfer it is written as.
public enum PayoutSepa {
    /// The batch as pain.001 sees it: debtor, ids and creation time as stored, one transfer per non-empty line.
    public static func batch(for record: PayoutBatchRecord) -> SepaCreditTransferBatch {
        SepaCreditTransferBatch(
            messageId: record.messageID, creationDateTime: record.createdAt, paymentInformationId: record.id,
            requestedExecutionDate: record.executionDate,
            debtor: SepaParty(name: record.debtor.name, iban: record.debtor.iban, bic: record.debtor.bic),
            transfers: record.transfers.map { transfer in
                SepaTransfer(endToEndId: transfer.endToEndID, amount: transfer.amount, creditorName: transfer.creditorName,
                             creditorIBAN: transfer.iban.rawValue, creditorBIC: transfer.bic,
                             remittanceInformation: record.remittance)
            })
    }

    /// The message version a batch was created with.
    public static func version(of record: PayoutBatchRecord) -> SepaVersion {
        SepaVersion(rawValue: record.sepaVersion) ?? .pain001001009
    }
}

extension SepaError {
    /// What the treasurer reads when a batch cannot be written as a SEPA file.
    public var frenchMessage: String {
        switch self {
        case .invalidIdentifier(_, let value): "identifiant SEPA « \(value) » invalide (1 à 35 caractères autorisés, sans / en tête ou en fin)."
        case .duplicateEndToEndId(let id): "l'identifiant de bout en bout \(id) apparaît deux fois."
        case .invalidAmount(let id, let amount): "montant \(amount.euroString) invalide pour le virement \(id)."
        case .invalidIBAN(_, let value): "IBAN « \(IBAN(unchecked: value).masked) » invalide."
        case .invalidBIC(_, let value): "BIC « \(value) » invalide."
        case .emptyName(let field): "nom vide une fois écrit en caractères latins SEPA (\(field.frenchLabel))."
        case .invalidPostalAddress: "adresse postale sans ville ou sans pays."
        case .invalidCreationDateTime(let value): "horodatage « \(value) » invalide."
        case .noTransfers: "aucun virement."
        case .tooManyTransfers(let count): "\(count) virements : c'est plus que le maximum d'un fichier."
        }
    }
}

extension SepaField {
    /// The part of the file a SEPA error is about, in French.
    public var frenchLabel: String {
        switch self {
        case .messageId: "identifiant du message"
        case .paymentInformationId: "identifiant du lot"
        case .debtor: "association débitrice"
        case .transfer(let id): "virement \(id)"
        }
    }
}

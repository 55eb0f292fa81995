import LedgerCore

/// A structured postal address as the EPC rules require it: town and country at least, never free lines.
public struct SepaPostalAddress: Hashable, Sendable {
    /// Town name; at most 35 characters once transliterated.
    public var townName: String
    /// ISO 3166-1 alpha-2 country code, e.g. `FR`.
    public var country: String
    public var postCode: String?
    public var streetName: String?
    public var buildingNumber: String?

    public init(townName: String, country: String, postCode: String? = nil,
                streetName: String? = nil, buildingNumber: String? = nil) {
        self.townName = townName
        self.country = country
        self.postCode = postCode
        self.streetName = streetName
        self.buildingNumber = buildingNumber
    }
}

/// The ordering party of a credit transfer batch: the association and its account.
public struct SepaParty: Hashable, Sendable {
    public var name: String
    /// IBAN; spaces and lower case are accepted and normalised.
    public var iban: String
    /// BIC of the account's bank; nil writes `NOTPROVIDED`, as the EPC rules allow.
    public var bic: String?
    public var address: SepaPostalAddress?

    public init(name: String, iban: String, bic: String? = nil, address: SepaPostalAddress? = nil) {
        self.name = name
        self.iban = iban
        self.bic = bic
        self.address = address
    }
}

/// One credit transfer to one beneficiary.
public struct SepaTransfer: Hashable, Sendable {
    /// Unique within the batch; 1–35 EPC characters, no leading/trailing `/`, no `//`.
    public var endToEndId: String
    /// Strictly positive, at most 999 999 999.99 €.
    public var amount: Cents
    public var creditorName: String
    public var creditorIBAN: String
    public var creditorBIC: String?
    /// Unstructured remittance text; transliterated and cut to 140 characters.
    public var remittanceInformation: String
    public var creditorAddress: SepaPostalAddress?

    public init(endToEndId: String, amount: Cents, creditorName: String, creditorIBAN: String,
                creditorBIC: String? = nil, remittanceInformation: String,
                creditorAddress: SepaPostalAddress? = nil) {
        self.endToEndId = endToEndId
        self.amount = amount
        self.creditorName = creditorName
        self.creditorIBAN = creditorIBAN
        self.creditorBIC = creditorBIC
        self.remittanceInformation = remittanceInformation
        self.creditorAddress = creditorAddress
    }
}

/// A SEPA credit transfer initiation: one debtor, one execution date, many transfers.
public struct SepaCreditTransferBatch: Hashable, Sendable {
    public var messageId: String
    /// Injected local timestamp `YYYY-MM-DDThh:mm:ss`, so a file is reproducible.
    public var creationDateTime: String
    public var paymentInformationId: String
    public var requestedExecutionDate: Day
    public var debtor: SepaParty
    public var transfers: [SepaTransfer]

    public init(messageId: String, creationDateTime: String, paymentInformationId: String,
                requestedExecutionDate: Day, debtor: SepaParty, transfers: [SepaTransfer]) {
        self.messageId = messageId
        self.creationDateTime = creationDateTime
        self.paymentInformationId = paymentInformationId
        self.requestedExecutionDate = requestedExecutionDate
        self.debtor = debtor
        self.transfers = transfers
    }

    /// The number of transfers a batch may hold; keeps the control sum far from overflow.
    public static let transfersMax = 100_000

    /// The total of the transfers' amounts (the `CtrlSum`); bounded once `epcChecked()` has passed.
    public var controlSum: Cents { transfers.reduce(Cents.zero) { $0 + $1.amount } }
}

/// The pain.001 message version to write.
public enum SepaVersion: String, Hashable, Sendable, CaseIterable {
    /// pain.001.001.09 (ISO 20022 2019), the default of the EPC 2023+ rulebooks.
    case pain001001009 = "pain.001.001.09"
    /// pain.001.001.03 (ISO 20022 2009), still accepted by French banks.
    case pain001001003 = "pain.001.001.03"

    /// The XML namespace of the message's `Document`.
    public var namespace: String { "urn:iso:std:iso:20022:tech:xsd:" + rawValue }

    /// The file name of the official schema, e.g. `pain.001.001.09.xsd`.
    public var schemaFileName: String { rawValue + ".xsd" }
}

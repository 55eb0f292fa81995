import LedgerCore

extension SepaCreditTransferBatch {
    /// The largest amount of one transfer: 999 999 999.99 €.
    public static let amountMax = Cents(99_999_999_999)

    /// The batch as it will be written: identifiers and amounts checked (never altered, since ids must stay
    /// unique), IBANs and BICs upper-cased without spaces, names, remittance and addresses transliterated to
    /// the EPC set and cut to their EPC lengths. The first fault found is returned.
    public func epcChecked() -> Result<SepaCreditTransferBatch, SepaError> {
        guard !transfers.isEmpty else { return .failure(.noTransfers) }
        guard transfers.count <= Self.transfersMax else { return .failure(.tooManyTransfers(transfers.count)) }
        guard EPCText.isValidIdentifier(messageId) else {
            return .failure(.invalidIdentifier(field: .messageId, value: messageId))
        }
        guard EPCText.isValidIdentifier(paymentInformationId) else {
            return .failure(.invalidIdentifier(field: .paymentInformationId, value: paymentInformationId))
        }
        guard SepaAccountRules.isLocalTimestamp(creationDateTime) else {
            return .failure(.invalidCreationDateTime(creationDateTime))
        }
        var checked = self
        switch debtor.epcChecked(field: .debtor) {
        case .success(let party): checked.debtor = party
        case .failure(let error): return .failure(error)
        }
        var seen = Set<String>()
        checked.transfers = []
        checked.transfers.reserveCapacity(transfers.count)
        for transfer in transfers {
            guard seen.insert(transfer.endToEndId).inserted else {
                return .failure(.duplicateEndToEndId(transfer.endToEndId))
            }
            switch transfer.epcChecked() {
            case .success(let transfer): checked.transfers.append(transfer)
            case .failure(let error): return .failure(error)
            }
        }
        return .success(checked)
    }
}

extension SepaParty {
    func epcChecked(field: SepaField) -> Result<SepaParty, SepaError> {
        let name = EPCText.clean(name, to: EPCText.nameLengthMax)
        guard !name.isEmpty else { return .failure(.emptyName(field: field)) }
        guard let iban = SepaAccountRules.normalizedIBAN(iban) else {
            return .failure(.invalidIBAN(field: field, value: self.iban))
        }
        var bic: String?
        if let given = self.bic {
            guard let normalized = SepaAccountRules.normalizedBIC(given) else {
                return .failure(.invalidBIC(field: field, value: given))
            }
            bic = normalized
        }
        var address: SepaPostalAddress?
        if let given = self.address {
            guard let checked = given.epcChecked() else { return .failure(.invalidPostalAddress(field: field)) }
            address = checked
        }
        return .success(SepaParty(name: name, iban: iban, bic: bic, address: address))
    }
}

extension SepaTransfer {
    func epcChecked() -> Result<SepaTransfer, SepaError> {
        let field = SepaField.transfer(endToEndId)
        guard EPCText.isValidIdentifier(endToEndId) else {
            return .failure(.invalidIdentifier(field: field, value: endToEndId))
        }
        guard amount.isPositive, amount <= SepaCreditTransferBatch.amountMax else {
            return .failure(.invalidAmount(endToEndId: endToEndId, amount: amount))
        }
        let creditor = SepaParty(name: creditorName, iban: creditorIBAN, bic: creditorBIC, address: creditorAddress)
        switch creditor.epcChecked(field: field) {
        case .failure(let error):
            return .failure(error)
        case .success(let party):
            return .success(SepaTransfer(
                endToEndId: endToEndId, amount: amount, creditorName: party.name, creditorIBAN: party.iban,
                creditorBIC: party.bic,
                remittanceInformation: EPCText.clean(remittanceInformation, to: EPCText.remittanceLengthMax),
                creditorAddress: party.address))
        }
    }
}

extension SepaPostalAddress {
    /// The address in the EPC set and lengths; nil without a town or a two-letter country.
    func epcChecked() -> SepaPostalAddress? {
        let town = EPCText.clean(townName, to: EPCText.townNameLengthMax)
        let country = String(country.filter { !$0.isWhitespace }).uppercased()
        guard !town.isEmpty, SepaAccountRules.isCountryCode(country) else { return nil }
        func optional(_ text: String?, _ length: Int) -> String? {
            guard let text else { return nil }
            let cleaned = EPCText.clean(text, to: length)
            return cleaned.isEmpty ? nil : cleaned
        }
        return SepaPostalAddress(
            townName: town, country: country,
            postCode: optional(postCode, EPCText.shortFieldLengthMax),
            streetName: optional(streetName, EPCText.streetNameLengthMax),
            buildingNumber: optional(buildingNumber, EPCText.shortFieldLengthMax))
    }
}

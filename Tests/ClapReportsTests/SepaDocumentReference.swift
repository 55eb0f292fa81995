import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LedgerCore
@testable import ClapReports

/// The pain.001 writer as it was before the files were streamed: a FoundationXML document pretty-printed by libxml2,
/// kept verbatim here (without the EPC check, so that tests can feed it any text) as the reference the streamed bytes
/// must equal.
enum SepaDocumentReference {
    static func xml(for batch: SepaCreditTransferBatch, version: SepaVersion) -> Data {
        guard let namespace = XMLNode.namespace(withName: "", stringValue: version.namespace) as? XMLNode else {
            preconditionFailure("namespace " + version.namespace)
        }
        let elements = Elements(version: version)
        let root = elements.node("Document", elements.node("CstmrCdtTrfInitn",
            elements.groupHeader(batch), elements.paymentInformation(batch)))
        root.addNamespace(namespace)
        let document = XMLDocument(rootElement: root)
        document.version = "1.0"
        document.characterEncoding = "UTF-8"
        return document.xmlData(options: [.nodePrettyPrint])
    }

    struct Elements {
        let version: SepaVersion

        func groupHeader(_ batch: SepaCreditTransferBatch) -> XMLElement {
            node("GrpHdr",
                 leaf("MsgId", batch.messageId),
                 leaf("CreDtTm", batch.creationDateTime),
                 leaf("NbOfTxs", String(batch.transfers.count)),
                 leaf("CtrlSum", batch.controlSum.plainString),
                 node("InitgPty", leaf("Nm", batch.debtor.name)))
        }

        func paymentInformation(_ batch: SepaCreditTransferBatch) -> XMLElement {
            let date = batch.requestedExecutionDate.iso
            let header: [XMLElement?] = [
                leaf("PmtInfId", batch.paymentInformationId),
                leaf("PmtMtd", "TRF"),
                leaf("BtchBookg", "true"),
                leaf("NbOfTxs", String(batch.transfers.count)),
                leaf("CtrlSum", batch.controlSum.plainString),
                node("PmtTpInf", node("SvcLvl", leaf("Cd", "SEPA"))),
                version == .pain001001009 ? node("ReqdExctnDt", leaf("Dt", date)) : leaf("ReqdExctnDt", date),
                party("Dbtr", name: batch.debtor.name, address: batch.debtor.address),
                account("DbtrAcct", iban: batch.debtor.iban),
                agent("DbtrAgt", bic: batch.debtor.bic) ?? node("DbtrAgt", node("FinInstnId",
                    node("Othr", leaf("Id", "NOTPROVIDED")))),
                leaf("ChrgBr", "SLEV"),
            ]
            return node("PmtInf", header + batch.transfers.map(transaction))
        }

        func transaction(_ transfer: SepaTransfer) -> XMLElement {
            let amount = leaf("InstdAmt", transfer.amount.plainString)
            amount.setAttributesWith(["Ccy": "EUR"])
            return node("CdtTrfTxInf",
                        node("PmtId", leaf("EndToEndId", transfer.endToEndId)),
                        node("Amt", amount),
                        agent("CdtrAgt", bic: transfer.creditorBIC),
                        party("Cdtr", name: transfer.creditorName, address: transfer.creditorAddress),
                        account("CdtrAcct", iban: transfer.creditorIBAN),
                        transfer.remittanceInformation.isEmpty
                            ? nil : node("RmtInf", leaf("Ustrd", transfer.remittanceInformation)))
        }

        func party(_ name: String, name partyName: String, address: SepaPostalAddress?) -> XMLElement {
            node(name, leaf("Nm", partyName), address.map(postalAddress))
        }

        func postalAddress(_ address: SepaPostalAddress) -> XMLElement {
            node("PstlAdr",
                 address.streetName.map { leaf("StrtNm", $0) },
                 address.buildingNumber.map { leaf("BldgNb", $0) },
                 address.postCode.map { leaf("PstCd", $0) },
                 leaf("TwnNm", address.townName),
                 leaf("Ctry", address.country))
        }

        func account(_ name: String, iban: String) -> XMLElement {
            node(name, node("Id", leaf("IBAN", iban)))
        }

        func agent(_ name: String, bic: String?) -> XMLElement? {
            guard let bic else { return nil }
            return node(name, node("FinInstnId", leaf(version == .pain001001009 ? "BICFI" : "BIC", bic)))
        }

        func node(_ name: String, _ children: XMLElement?...) -> XMLElement { node(name, children) }

        func node(_ name: String, _ children: [XMLElement?]) -> XMLElement {
            let element = XMLElement(name: name)
            for child in children.compactMap({ $0 }) { element.addChild(child) }
            return element
        }

        func leaf(_ name: String, _ text: String) -> XMLElement { XMLElement(name: name, stringValue: text) }
    }
}

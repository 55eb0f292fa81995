import Foundation
import LedgerCore

/// Writes a SEPA credit transfer batch as an ISO 20022 pain.001 message that meets the EPC rules.
public enum SepaWriter {
    /// The UTF-8 XML of `batch`, after `epcChecked()`: one `PmtInf`, amounts in EUR with two decimals,
    /// counts and control sums at both levels.
    public static func xml(for batch: SepaCreditTransferBatch,
                           version: SepaVersion = .pain001001009) -> Result<Data, SepaError> {
        switch batch.epcChecked() {
        case .success(let checked): .success(Data(SepaXMLText.document(checked, version: version)))
        case .failure(let error): .failure(error)
        }
    }
}

/// The pain.001 text of an already checked batch, written element by element into one byte buffer.
///
/// The layout is the one the files have always had (they were first built as a FoundationXML document and
/// pretty-printed by libxml2): the declaration `<?xml version="1.0" encoding="utf-8" standalone="no"?>`, two spaces
/// of indentation per level, a leaf on one line (`<Nm>…</Nm>`), `\n` after every line. Text is escaped as libxml2
/// escapes it (`&`, `<`, `>`, CR); once checked a batch holds only EPC characters, so nothing needs it in practice.
/// A test compares these bytes with the document-built ones.
struct SepaXMLText {
    static let declaration = "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"no\"?>\n"

    private(set) var bytes: [UInt8] = []
    private var depth = 0
    let version: SepaVersion

    init(version: SepaVersion, capacity: Int) {
        self.version = version
        bytes.reserveCapacity(capacity)
    }

    /// The whole document of `batch`, which must already have passed `epcChecked()`.
    static func document(_ batch: SepaCreditTransferBatch, version: SepaVersion) -> [UInt8] {
        // About 560 bytes per transfer with a BIC, 600 with an address; the header stays under 2 KB.
        var text = SepaXMLText(version: version, capacity: 2_048 + batch.transfers.count * 640)
        text.bytes.append(contentsOf: declaration.utf8)
        text.raw("<Document xmlns=\"")
        text.raw(version.namespace)
        text.raw("\">\n")
        text.depth = 1
        text.open("CstmrCdtTrfInitn")
        text.groupHeader(batch)
        text.paymentInformation(batch)
        text.close("CstmrCdtTrfInitn")
        text.depth = 0
        text.raw("</Document>\n")
        return text.bytes
    }

    private mutating func groupHeader(_ batch: SepaCreditTransferBatch) {
        let count = String(batch.transfers.count)
        let controlSum = batch.controlSum.plainString
        open("GrpHdr")
        leaf("MsgId", batch.messageId)
        leaf("CreDtTm", batch.creationDateTime)
        leaf("NbOfTxs", count)
        leaf("CtrlSum", controlSum)
        open("InitgPty")
        leaf("Nm", batch.debtor.name)
        close("InitgPty")
        close("GrpHdr")
    }

    private mutating func paymentInformation(_ batch: SepaCreditTransferBatch) {
        let date = batch.requestedExecutionDate.iso
        open("PmtInf")
        leaf("PmtInfId", batch.paymentInformationId)
        leaf("PmtMtd", "TRF")
        leaf("BtchBookg", "true")
        leaf("NbOfTxs", String(batch.transfers.count))
        leaf("CtrlSum", batch.controlSum.plainString)
        open("PmtTpInf")
        open("SvcLvl")
        leaf("Cd", "SEPA")
        close("SvcLvl")
        close("PmtTpInf")
        if version == .pain001001009 {
            open("ReqdExctnDt")
            leaf("Dt", date)
            close("ReqdExctnDt")
        } else {
            leaf("ReqdExctnDt", date)
        }
        party("Dbtr", name: batch.debtor.name, address: batch.debtor.address)
        account("DbtrAcct", iban: batch.debtor.iban)
        if let bic = batch.debtor.bic {
            agent("DbtrAgt", bic: bic)
        } else {
            open("DbtrAgt")
            open("FinInstnId")
            open("Othr")
            leaf("Id", "NOTPROVIDED")
            close("Othr")
            close("FinInstnId")
            close("DbtrAgt")
        }
        leaf("ChrgBr", "SLEV")
        for transfer in batch.transfers { transaction(transfer) }
        close("PmtInf")
    }

    private mutating func transaction(_ transfer: SepaTransfer) {
        open("CdtTrfTxInf")
        open("PmtId")
        leaf("EndToEndId", transfer.endToEndId)
        close("PmtId")
        open("Amt")
        indent()
        raw("<InstdAmt Ccy=\"EUR\">")
        escaped(transfer.amount.plainString)
        raw("</InstdAmt>\n")
        close("Amt")
        if let bic = transfer.creditorBIC { agent("CdtrAgt", bic: bic) }
        party("Cdtr", name: transfer.creditorName, address: transfer.creditorAddress)
        account("CdtrAcct", iban: transfer.creditorIBAN)
        if !transfer.remittanceInformation.isEmpty {
            open("RmtInf")
            leaf("Ustrd", transfer.remittanceInformation)
            close("RmtInf")
        }
        close("CdtTrfTxInf")
    }

    private mutating func party(_ element: String, name: String, address: SepaPostalAddress?) {
        open(element)
        leaf("Nm", name)
        if let address {
            // Structured only, in schema order; never `AdrLine`.
            open("PstlAdr")
            if let street = address.streetName { leaf("StrtNm", street) }
            if let building = address.buildingNumber { leaf("BldgNb", building) }
            if let postCode = address.postCode { leaf("PstCd", postCode) }
            leaf("TwnNm", address.townName)
            leaf("Ctry", address.country)
            close("PstlAdr")
        }
        close(element)
    }

    private mutating func account(_ element: String, iban: String) {
        open(element)
        open("Id")
        leaf("IBAN", iban)
        close("Id")
        close(element)
    }

    private mutating func agent(_ element: String, bic: String) {
        open(element)
        open("FinInstnId")
        leaf(version == .pain001001009 ? "BICFI" : "BIC", bic)
        close("FinInstnId")
        close(element)
    }

    // MARK: - Bytes

    /// `<name>` on its own line; its children one level deeper.
    mutating func open(_ name: String) {
        indent()
        bytes.append(UInt8(ascii: "<"))
        raw(name)
        raw(">\n")
        depth += 1
    }

    /// `</name>` on its own line, one level up.
    mutating func close(_ name: String) {
        depth -= 1
        indent()
        raw("</")
        raw(name)
        raw(">\n")
    }

    /// `<name>text</name>` on one line (`<name></name>` for an empty text, as the document wrote it).
    mutating func leaf(_ name: String, _ text: String) {
        indent()
        bytes.append(UInt8(ascii: "<"))
        raw(name)
        bytes.append(UInt8(ascii: ">"))
        escaped(text)
        raw("</")
        raw(name)
        raw(">\n")
    }

    private mutating func indent() {
        for _ in 0..<depth { raw("  ") }
    }

    private mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// Text content: `&`, `<`, `>` and CR escaped, everything else (UTF-8 included) as is.
    mutating func escaped(_ text: String) {
        let utf8 = text.utf8
        guard utf8.contains(where: Self.needsEscaping) else {
            bytes.append(contentsOf: utf8)
            return
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "&"): raw("&amp;")
            case UInt8(ascii: "<"): raw("&lt;")
            case UInt8(ascii: ">"): raw("&gt;")
            case UInt8(ascii: "\r"): raw("&#13;")
            default: bytes.append(byte)
            }
        }
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\r")
    }
}

import ClapDomain
import ClapStore
import Foundation
import LedgerCore

/// One file a payout run writes.
public struct PayoutFile: Hashable, Sendable {
    /// `VIR-2025-10.xml`, `VIR-2025-10-bordereau.csv`.
    public let name: String
    public let data: Data
}

/// A batch that cannot be written as a SEPA file.
public struct PayoutFileError: Error, Hashable, Sendable {
    public let batchID: String
    public let error: SepaError

    public var code: String { "payout.sepa" }
    public var message: String { "Le fichier SEPA du lot \(batchID) ne peut pas être écrit : \(error.frenchMessage) Rien n'a été écrit." }
}

/// A batch whose SEPA transfers passed the EPC checks: writing its files can no longer fail.
public struct CheckedPayoutFiles: Sendable {
    let record: PayoutBatchRecord
    /// The checked SEPA batch; nil when the batch has no transfer (and so no file).
    let sepa: SepaCreditTransferBatch?
    let version: SepaVersion

    /// The SEPA XML and the bordereau; nothing when the batch has no transfer.
    public func render() -> [PayoutFile] {
        guard let sepa else { return [] }
        return [PayoutFile(name: PayoutFiles.sepaName(record.id), data: Data(SepaXMLText.document(sepa, version: version))),
                PayoutFile(name: PayoutFiles.bordereauName(record.id), data: Data(PayoutBordereau.csv(for: record).utf8))]
    }
}

/// The files of a batch, always the same bytes for the same stored batch.
public enum PayoutFiles {
    /// The SEPA XML and the bordereau; nothing when the batch has no transfer.
    public static func render(_ record: PayoutBatchRecord) -> Result<[PayoutFile], PayoutFileError> {
        check(record).map { $0.render() }
    }

    /// The EPC checks of the batch's SEPA file (what can make it unwritable), without writing it yet.
    public static func check(_ record: PayoutBatchRecord) -> Result<CheckedPayoutFiles, PayoutFileError> {
        let version = PayoutSepa.version(of: record)
        guard !record.transfers.isEmpty else { return .success(CheckedPayoutFiles(record: record, sepa: nil, version: version)) }
        switch PayoutSepa.batch(for: record).epcChecked() {
        case .failure(let error): return .failure(PayoutFileError(batchID: record.id, error: error))
        case .success(let checked): return .success(CheckedPayoutFiles(record: record, sepa: checked, version: version))
        }
    }

    /// `VIR-2025-10.xml`.
    public static func sepaName(_ batchID: String) -> String { batchID + ".xml" }

    /// `VIR-2025-10-bordereau.csv`.
    public static func bordereauName(_ batchID: String) -> String { batchID + "-bordereau.csv" }

    /// Writes the files into `folder` (created 0700 when missing), replacing earlier copies atomically; returns the paths
    /// under `folder` as given (relative when it is), as every other writer does.
    public static func write(_ files: [PayoutFile], to folder: String) throws -> [String] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if !manager.fileExists(atPath: folder, isDirectory: &isDirectory) {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } else if !isDirectory.boolValue {
            throw StoreError.refused(code: "out.not_a_folder", message: "« \(folder) » existe et n'est pas un dossier.")
        }
        return try files.map { file in
            let path = (folder as NSString).appendingPathComponent(file.name)
            try file.data.write(to: URL(fileURLWithPath: path), options: .atomic)
            return path
        }
    }
}

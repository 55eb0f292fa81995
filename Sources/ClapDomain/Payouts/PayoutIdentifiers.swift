import Foundation
import LedgerCore

/// The names a payout batch gives itself and its transfers: batch id, SEPA message id, EndToEndId, remittance text.
public enum PayoutIdentifiers {
    /// `VIR-2025-10`: the batch of a month, its piece reference and its `PmtInfId`.
    public static func batchID(_ month: YearMonth) -> String { "VIR-" + month.iso }

    /// The month of a batch id (`VIR-2025-10`), or of a bare month (`2025-10`, `10/2025`); nil otherwise.
    public static func month(ofBatchID text: String) -> YearMonth? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.uppercased().hasPrefix("VIR-") { return YearMonth.parse(String(trimmed.dropFirst(4))) }
        return YearMonth.parse(trimmed)
    }

    /// `VIR-2025-10-10748602298`: one transfer of a batch (23 characters, within the EPC 35).
    public static func endToEndID(_ month: YearMonth, rpps: RPPS) -> String { batchID(month) + "-" + rpps.rawValue }

    /// `VIR-2025-10-20251105093000`: the batch id and the creation time's digits, so a message id is never reused.
    public static func messageID(_ month: YearMonth, createdAt timestamp: String) -> String {
        batchID(month) + "-" + String(timestamp.filter(\.isNumber).prefix(14))
    }

    /// `ESP CLAP indemnites 2025-10`: the unstructured remittance line (already in the EPC character set).
    public static func remittance(_ month: YearMonth) -> String { "ESP CLAP indemnites " + month.iso }

    /// The idempotency key of a month's BQ entry.
    public static func entryKey(_ month: YearMonth) -> String { "payout/" + month.iso }

    /// The idempotency key of the BQ entry that re-opens a rejected transfer.
    public static func rejectKey(batchID: String, rpps: RPPS) -> String { "reject/" + batchID + "/" + rpps.rawValue }
}

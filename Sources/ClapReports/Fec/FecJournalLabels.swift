import LedgerCore

/// The `JournalLib` of each journal clap keeps.
public enum FecJournalLabels {
    /// OD, IND, BQ and AN with their French labels (accounting.md, Journals).
    public static let standard: [JournalCode: String] = [
        .od: "Opérations diverses",
        .ind: "Indemnités",
        .bq: "Banque",
        .an: "À-nouveaux",
    ]
}

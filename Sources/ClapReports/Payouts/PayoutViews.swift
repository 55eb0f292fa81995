import ClapDomain
import ClapStore
import LedgerCore

/// A batch as `payout show` prints it and as its JSON: French keys, IBANs masked, amounts in cents and in euros.
public struct PayoutBatchView: Codable, Sendable {
    /// One transfer of the batch.
    public struct Virement: Codable, Sendable {
        public let rpps: String
        public let nom: String
        public let iban: String
        public let montantCentimes: Int64
        public let montant: String
        public let endToEndId: String
        public let actionsPayees: [String]
        public let rejeteLe: String?
        public let motifRejet: String?
        public let ecritureRejet: String?
    }

    /// One professional carried or left out.
    public struct Exclusion: Codable, Sendable {
        public let rpps: String
        public let nom: String?
        public let soldeCentimes: Int64
        public let code: String
        public let motif: String
    }

    public let lot: String
    public let mois: String
    public let dateExecution: String
    public let dateEcriture: String?
    public let ecriture: String?
    public let statut: String
    public let confirmeLe: String?
    public let versionSepa: String
    public let messageId: String
    public let creeLe: String
    public let seuilCentimes: Int64
    public let nombreVirements: Int
    public let totalCentimes: Int64
    public let total: String
    public let virements: [Virement]
    public let exclusions: [Exclusion]

    public init(_ record: PayoutBatchRecord) {
        lot = record.id
        mois = record.month.iso
        dateExecution = record.executionDate.iso
        dateEcriture = record.entryDate?.iso
        ecriture = record.entry?.description
        statut = record.status.rawValue
        confirmeLe = record.confirmedAt
        versionSepa = record.sepaVersion
        messageId = record.messageID
        creeLe = record.createdAt
        seuilCentimes = record.threshold.value
        nombreVirements = record.transfers.count
        totalCentimes = record.total.value
        total = record.total.commaString
        virements = record.transfers.map { transfer in
            Virement(rpps: transfer.rpps.rawValue, nom: transfer.creditorName, iban: transfer.iban.masked,
                     montantCentimes: transfer.amount.value, montant: transfer.amount.commaString,
                     endToEndId: transfer.endToEndID, actionsPayees: transfer.paidPieceRefs,
                     rejeteLe: transfer.rejection?.on.iso, motifRejet: transfer.rejection?.reason,
                     ecritureRejet: transfer.rejection?.entry?.description)
        }
        exclusions = record.exclusions.map {
            Exclusion(rpps: $0.rpps.rawValue, nom: $0.name, soldeCentimes: $0.balance.value, code: $0.code, motif: $0.message)
        }
    }
}

/// The text of `payout show` and `payout run`.
public enum PayoutText {
    /// Up to this many transfers (or exclusions), `payout run` lists them all, as `payout show` does.
    public static let runListMax = 50
    /// Past `runListMax`, how many `payout run` shows before pointing to the bordereau and `payout show`.
    public static let runListShown = 20

    /// The batch's header, its transfers and who was carried or left out: everything, for `payout show`.
    public static func render(_ record: PayoutBatchRecord) -> String {
        render(record, listMax: nil)
    }

    /// What `payout run` prints: the same as `render`, except that a long list (a regional batch pays thousands of
    /// professionals) shows its first `runListShown` lines and says where the complete list is: the bordereau for
    /// the transfers, `payout show` for both.
    public static func runSummary(_ record: PayoutBatchRecord) -> String {
        render(record, listMax: runListMax)
    }

    private static func render(_ record: PayoutBatchRecord, listMax: Int?) -> String {
        func shown(_ count: Int) -> Int { listMax.map { count > $0 ? runListShown : count } ?? count }
        var lines = [
            "Lot \(record.id) — indemnités de \(record.month.iso), statut : \(record.status.label)"
                + (record.confirmedAt.map { " le \($0)" } ?? ""),
            "Exécution demandée le \(record.executionDate.french)"
                + (record.entry.map { " — écriture \($0) du \(record.entryDate?.french ?? "?")" } ?? " — aucune écriture"),
            "\(record.transfers.count) virement(s), total \(record.total.euroString) (\(record.sepaVersion), message \(record.messageID))",
        ]
        if !record.transfers.isEmpty {
            var table = TextTable([.init("RPPS"), .init("Nom"), .init("IBAN"), .init("Montant", .right), .init("EndToEndId"),
                                   .init("Actions payées"), .init("Rejet")])
            let count = shown(record.transfers.count)
            for transfer in record.transfers.prefix(count) {
                table.add([transfer.rpps.rawValue, transfer.creditorName, transfer.iban.masked, transfer.amount.euroString,
                           transfer.endToEndID, transfer.paidPieceRefs.joined(separator: ", "),
                           transfer.rejection.map { "rejeté le \($0.on.french) : \($0.reason)" } ?? ""])
            }
            lines += ["", table.render()]
            if count < record.transfers.count {
                lines.append("… et \(record.transfers.count - count) autres virements (\(record.transfers.count) en tout) : "
                             + "la liste complète est dans le bordereau \(PayoutFiles.bordereauName(record.id)) "
                             + "et dans « clap payout show \(record.id) ».")
            }
        }
        if !record.exclusions.isEmpty {
            let count = shown(record.exclusions.count)
            lines += ["", "Reportés ou exclus (\(record.exclusions.count)) :"]
            lines += record.exclusions.prefix(count).map {
                "  - \($0.rpps.rawValue)\($0.name.map { " \($0)" } ?? "") : \($0.message) [\($0.code)]"
            }
            if count < record.exclusions.count {
                lines.append("  … et \(record.exclusions.count - count) autres : la liste complète est dans « clap payout show \(record.id) ».")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The table of `payout list`.
    public static func list(_ batches: [PayoutBatchSummary]) -> String {
        guard !batches.isEmpty else { return "Aucun lot de virements." }
        var table = TextTable([.init("Lot"), .init("Mois"), .init("Exécution"), .init("Statut"), .init("Virements", .right),
                               .init("Total", .right), .init("Rejets", .right), .init("Reportés/exclus", .right)])
        for batch in batches {
            table.add([batch.id, batch.month.iso, batch.executionDate.french, batch.status.label, String(batch.transferCount),
                       batch.total.euroString, String(batch.rejectedCount), String(batch.exclusionCount)])
        }
        return table.render()
    }
}

/// A line of `payout list --json`.
public struct PayoutBatchSummaryView: Codable, Sendable {
    public let lot: String
    public let mois: String
    public let dateExecution: String
    public let statut: String
    public let nombreVirements: Int
    public let totalCentimes: Int64
    public let total: String
    public let nombreRejets: Int
    public let nombreExclusions: Int

    public init(_ summary: PayoutBatchSummary) {
        lot = summary.id
        mois = summary.month.iso
        dateExecution = summary.executionDate.iso
        statut = summary.status.rawValue
        nombreVirements = summary.transferCount
        totalCentimes = summary.total.value
        total = summary.total.commaString
        nombreRejets = summary.rejectedCount
        nombreExclusions = summary.exclusionCount
    }
}

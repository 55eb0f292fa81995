import ClapDomain
import GRDB
import LedgerCore

/// `verify`'s second fast pass, over what is not the ledger's lines: the actions revalued (invariant 6), the
/// transfers of every payout (invariant 7) and the open lines. Like `LedgerScan`, it only proves checks clean: any
/// finding, any value its reference could read otherwise, leaves the check to its reference.
enum SideScan {
    struct Outcome: Sendable {
        /// No action or barème version the valuation check's reference would name, provided the ledger itself reads
        /// back as clap writes it (`LedgerScan.Outcome.structureClean`): the entries the actions point to, which
        /// must hold every IND entry and be entries; nil when some action cannot be vouched for.
        var actionEntries: ValuationScan.Entries?
        var batchEntriesClean = false
        /// The transfers per professional, for the payables check (nil when they cannot be relied on).
        var transfers: Transfers?
        /// Rows of `open_line` that are not an unlettered line of theirs (nonzero when unknown).
        var openLinesWrongRows = 1
        var openLinesListed: Int?
        var sealsClean = false
    }

    struct Transfers: Sendable {
        var payableAccount: String?
        var sums: [String: (paid: Int64, rejected: Int64)] = [:]
    }

    static func run(kinds: Set<Verifier.Kind>, in db: Database) throws -> Outcome {
        var outcome = Outcome()
        if kinds.contains(.valuation) {
            outcome.actionEntries = (try? ValuationScan.run(in: db)) ?? nil
        }
        if kinds.contains(.payables) || kinds.contains(.batchEntries) {
            if let payouts = try? PayoutScan.run(in: db) {
                outcome.transfers = payouts.transfers
                outcome.batchEntriesClean = payouts.batchEntriesClean
            }
        }
        if kinds.contains(.registrySeals) {
            outcome.sealsClean = (try? RegistrySeals.provenIntact(in: db)) ?? false
        }
        if kinds.contains(.openLines) {
            do {
                // The reference's first query, as it is (it reads the open lines, a few thousand rows).
                outcome.openLinesWrongRows = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM open_line o
                    LEFT JOIN posting p ON p.entry_seq = o.entry_seq AND p.line_no = o.line_no
                    LEFT JOIN lettering l ON l.entry_seq = o.entry_seq AND l.line_no = o.line_no
                    WHERE p.entry_seq IS NULL OR p.account IS NOT o.account OR p.auxiliary IS NOT o.auxiliary OR l.entry_seq IS NOT NULL
                    """) ?? 1
                outcome.openLinesListed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM open_line")
            } catch {
                outcome.openLinesWrongRows = 1
            }
        }
        return outcome
    }
}

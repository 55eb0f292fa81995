@testable import ClapStore
import ClapDomain
import Foundation
import GRDB
import LedgerCore
import XCTest

/// The fast passes of `verify` recompute what the references compute (hashes, sums, numbering) from raw bytes: these
/// ledgers hold what the demo year does not (entries without an idempotency key, reversals, labels beyond ASCII,
/// entries of many lines, amounts of twelve digits, several fiscal years), and the passes must prove them clean, then
/// see each change made behind clap's back exactly as the references do.
final class VerifyFastPassTests: XCTestCase {
    let ledgerKinds: Set<Verifier.Kind> = [.storedValues, .entryBalances, .numbering, .chain, .periods, .trialBalance,
                                           .monthlyTotals, .envelopes, .closedYears, .letters]

    func varied() throws -> TestLedger {
        let ledger = try TestLedger(today: "2026-03-31")
        try ledger.post(grant("T044-001"))
        try ledger.post(grant("T049-001", cents: 999_999_999_999, key: "grant/T049-001"))
        let posted = try ledger.post(EntryDraft(
            journal: .od, entryDate: day("2025-02-03"), pieceDate: day("2025-02-01"), pieceRef: "PIÈCE-é-€-😀",
            label: "Régularisation « spéciale » — ÉTÉ 2025", lines: (1...12).map { index in
                index.isMultiple(of: 2) ? .credit("441100", Cents(Int64(index) * 101), auxiliary: "T044-00\(index % 10)")
                    : .debit("441100", Cents(Int64(index + 1) * 101), auxiliary: "T044-00\(index % 10)")
            }))
        try ledger.post(EntryDraft.reversal(of: posted.entry, on: day("2025-02-04"), label: "Contre-passation", idempotencyKey: nil))
        try ledger.post(EntryDraft.reversal(of: posted.entry, on: day("2026-01-05"), label: "Autre année", idempotencyKey: "again"))
        try ledger.post(grant("T053-001", on: "2026-01-15"))
        return ledger
    }

    func testAVariedLedgerIsProvenClean() throws {
        let ledger = try varied()
        let clean = try ledger.database.read { Verifier.fastVerdicts(in: $0, extraChecks: StoreChecks.all) }
        XCTAssertTrue(clean.isSuperset(of: ledgerKinds), "not proven: \(ledgerKinds.subtracting(clean))")
        XCTAssertTrue(try ledger.verify().isClean)
    }

    func testChangesToTheVariedLedgerAreReportedAsTheReferencesReportThem() throws {
        let changes = [
            "UPDATE entry SET reverses_number = 2 WHERE seq = 4",
            "UPDATE entry SET reverses_journal = NULL WHERE seq = 4",
            "UPDATE entry SET idempotency_key = 'grant/T044-001' WHERE seq = 1",
            "UPDATE entry SET label = 'Régularisation « spéciale » — ETE 2025' WHERE seq = 3",
            "UPDATE posting SET auxiliary = 'T044-009' WHERE entry_seq = 3 AND line_no = 10",
            "UPDATE posting SET line_no = 13 WHERE entry_seq = 3 AND line_no = 12",
            "UPDATE entry SET fiscal_year = 2026 WHERE seq = 3",
            "UPDATE third_party_month SET debit_cents = debit_cents + 1 WHERE auxiliary = 'T044-001' AND month = '2025-02'",
            "DELETE FROM account_month WHERE account = '741000'",
            "UPDATE analytic_total SET credit_cents = credit_cents + 1 WHERE account = '741000' AND analytic = (SELECT MIN(analytic) FROM analytic_total)",
            "DELETE FROM analytic_total WHERE analytic = (SELECT MAX(analytic) FROM analytic_total)",
            "UPDATE posting SET analytic = 'T999-999/2025' WHERE analytic IS NOT NULL AND entry_seq = (SELECT MAX(entry_seq) FROM posting WHERE analytic IS NOT NULL)",
        ]
        for change in changes {
            let ledger = try varied()
            try ledger.tamper(change)
            let reference = try ledger.database.read { Verifier.verify(in: $0, extraChecks: StoreChecks.all, fastPasses: false) }
            let report = try ledger.verify()
            XCTAssertFalse(reference.violations.isEmpty, change)
            XCTAssertEqual(report.violations, reference.violations, change)
            XCTAssertEqual(try Verifier.verify(ledger.database, extraChecks: StoreChecks.all).violations, reference.violations, change)
        }
    }

    /// The canonical layout written from bytes is the one `CanonicalHash` writes from strings.
    func testCanonicalBytesWriteFieldsAsCanonicalHashDoes() {
        var bytes = CanonicalBytes()
        for number: Int64 in [0, 7, 10, 99, 12_345, -1, -987_654_321, .max, .min] {
            bytes.reset()
            bytes.numberField(number)
            let text = String(number)
            XCTAssertEqual(bytes.buffer, Array("\(text.utf8.count):\(text);".utf8), "\(number)")
        }
        bytes.reset()
        bytes.field(Array("Été 😀".utf8))
        bytes.emptyField()
        XCTAssertEqual(bytes.buffer, Array("10:Été 😀;0:;".utf8))
    }

    /// Text GRDB would not read back byte for byte (a NUL, invalid UTF-8) is told apart; everything else is not.
    func testTextThatReadsBackExactlyIsToldApart() {
        func check(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer(StoredText.readsBackExactly) }
        XCTAssertTrue(check(Array("Indemnités « RCP » 😀".utf8)))
        XCTAssertTrue(check([]))
        XCTAssertFalse(check([0x41, 0x00, 0x42]))
        XCTAssertFalse(check([0xC3]))
        XCTAssertFalse(check([0xC0, 0x80]))
        XCTAssertFalse(check([0xED, 0xA0, 0x80]))
        XCTAssertFalse(check([0xF4, 0x90, 0x80, 0x80]))
        for bytes: [UInt8] in [[0x41, 0x00, 0x42], [0xC3], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], Array("é€😀".utf8)] {
            let readBack = Array(String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self).utf8)
            XCTAssertEqual(check(bytes), readBack == bytes, "\(bytes)")
        }
    }

    /// `StoredText.string` makes of stored text the very `String` GRDB reads (the exports' stream reads lines with
    /// it): up to a NUL byte, invalid UTF-8 repaired. Stored through SQLite and read back both ways.
    func testStoredTextBecomesTheStringGRDBReads() throws {
        var samples: [[UInt8]] = [[], [0x00], [0x41, 0x00, 0x42], [0x00, 0x41], [0xC3], [0x41, 0xC3], [0xC0, 0x80],
                                  [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF, 0xFE, 0x41], Array("Été « RCP » 😀".utf8)]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15  // SplitMix64, seeded: the same bytes on every run
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let alphabet: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC2, 0xC3, 0xE2, 0x82, 0xAC, 0xED, 0xF0, 0x9F, 0xF4, 0xFF]
        for _ in 0..<2_000 {
            samples.append((0..<Int(next() % 12)).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] })
        }
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, value TEXT)")
            for (index, bytes) in samples.enumerated() {
                try db.execute(sql: "INSERT INTO t VALUES (?, CAST(? AS TEXT))", arguments: [index, Data(bytes)])
            }
            let rows = try RawRows(db, "SELECT id, value FROM t ORDER BY id")
            var read = 0
            while try rows.next() {
                let index = try XCTUnwrap(rows.integer(0))
                let stored = try XCTUnwrap(rows.text(1), "stored as text")
                XCTAssertEqual(Array(stored), samples[Int(index)], "SQLite keeps the bytes")
                let grdb = try XCTUnwrap(String.fetchOne(db, sql: "SELECT value FROM t WHERE id = ?", arguments: [index]))
                XCTAssertEqual(Array(StoredText.string(stored).utf8), Array(grdb.utf8), "\(samples[Int(index)])")
                read += 1
            }
            XCTAssertEqual(read, samples.count)
        }
    }
}

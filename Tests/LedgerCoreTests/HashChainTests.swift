import LedgerCore
import XCTest

final class HashChainTests: XCTestCase {
    /// Builds a valid chain of `count` grant entries.
    func chain(_ count: Int) -> [PostedEntry] {
        var previous = CanonicalHash.genesis
        return (1...count).map { index in
            let ref = EntryRef(journal: .od, fiscalYear: 2025, number: index)
            let draft = grantDraft(team: "T044-00\(index)", cents: Int64(index) * 100)
            let hash = CanonicalHash.entryHash(previousHash: previous, ref: ref, validDate: day("2025-01-15"), draft: draft)
            defer { previous = hash }
            return PostedEntry(sequence: Int64(index), ref: ref, validDate: day("2025-01-15"), draft: draft, previousHash: previous, hash: hash)
        }
    }

    func verify(_ entries: [PostedEntry], head: String? = nil, count: Int64? = nil) -> [LedgerViolation] {
        var verifier = HashChainVerifier()
        entries.forEach { verifier.feed($0) }
        verifier.finish(recordedHeadHash: head ?? entries.last?.hash ?? CanonicalHash.genesis, recordedCount: count ?? Int64(entries.count))
        return verifier.violations
    }

    func testTheCanonicalLayoutIsPinnedByAKnownVector() {
        // If this changes, every stored chain breaks: the layout is documented in docs/hash-chain.md.
        let ref = EntryRef(journal: .od, fiscalYear: 2025, number: 1)
        let bytes = CanonicalHash.contentBytes(ref: ref, validDate: day("2025-01-15"), draft: grantDraft())
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self),
                       "13:clap-entry-v1;2:OD;4:2025;1:1;10:2025-01-15;2:OD;10:2025-01-15;10:2025-01-15;11:ARS-2025-01;"
                       + "26:Dotation FIR 2025 T044-001;0:;0:;1:2;6:441100;8:T044-001;0:;1:D;7:1000000;6:741000;0:;13:T044-001/2025;1:C;7:1000000;")
        XCTAssertEqual(CanonicalHash.sha256Hex(Array("abc".utf8)),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// The request digest covers the request tag and the same draft layout as the entry's content; lengths of
    /// three digits and multi-byte characters are written as bytes, not characters.
    func testTheRequestDigestIsPinnedToTheSameDraftLayout() {
        let draftLayout = "2:OD;10:2025-01-15;10:2025-01-15;11:ARS-2025-01;26:Dotation FIR 2025 T044-001;0:;0:;1:2;6:441100;"
            + "8:T044-001;0:;1:D;7:1000000;6:741000;0:;13:T044-001/2025;1:C;7:1000000;"
        XCTAssertEqual(CanonicalHash.requestDigest(grantDraft()), CanonicalHash.sha256Hex(Array(("15:clap-request-v1;" + draftLayout).utf8)))

        var long = grantDraft()
        long.label = String(repeating: "é", count: 60) + String(repeating: "x", count: 45)   // 165 bytes
        let ref = EntryRef(journal: .od, fiscalYear: 2025, number: 1)
        let expected = "13:clap-entry-v1;2:OD;4:2025;1:1;10:2025-01-15;2:OD;10:2025-01-15;10:2025-01-15;11:ARS-2025-01;"
            + "165:\(long.label);0:;0:;1:2;6:441100;8:T044-001;0:;1:D;7:1000000;6:741000;0:;13:T044-001/2025;1:C;7:1000000;"
        XCTAssertEqual(String(decoding: CanonicalHash.contentBytes(ref: ref, validDate: day("2025-01-15"), draft: long), as: UTF8.self), expected)
        // A posting hashes the draft it encoded once (`EncodedDraft`): the chain hash over the pinned bytes.
        XCTAssertEqual(CanonicalHash.entryHash(previousHash: CanonicalHash.genesis, ref: ref, validDate: day("2025-01-15"), encoded: EncodedDraft(long)),
                       CanonicalHash.sha256Hex(Array((CanonicalHash.genesis + expected).utf8)))
    }

    func testLengthPrefixesMakeFieldBoundariesUnambiguous() {
        var a = grantDraft()
        var b = grantDraft()
        a.pieceRef = "AB"
        a.label = "C"
        b.pieceRef = "A"
        b.label = "BC"
        XCTAssertNotEqual(CanonicalHash.requestDigest(a), CanonicalHash.requestDigest(b))
    }

    func testAnIntactChainVerifies() {
        XCTAssertEqual(verify(chain(5)), [])
    }

    func testAChangedEntryIsNamed() {
        var entries = chain(5)
        var draft = entries[2].draft
        draft.lines[0].amount = Cents(1)
        entries[2] = PostedEntry(sequence: 3, ref: entries[2].ref, validDate: entries[2].validDate, draft: draft,
                                 previousHash: entries[2].previousHash, hash: entries[2].hash)
        let found = verify(entries)
        XCTAssertEqual(found.map(\.code), ["chain.content"])
        XCTAssertEqual(found.first?.entry?.number, 3)
    }

    func testADeletedEntryIsNamedAtTheNextOne() {
        var entries = chain(5)
        entries.remove(at: 1)
        let found = verify(entries)
        XCTAssertTrue(found.contains { $0.code == "chain.link" && $0.entry?.number == 3 })
        XCTAssertTrue(found.contains { $0.code == "chain.sequence" && $0.entry?.number == 3 })
    }

    func testAnInsertedEntryIsNamed() {
        var entries = chain(3)
        let forged = PostedEntry(sequence: 4, ref: EntryRef(journal: .od, fiscalYear: 2025, number: 4), validDate: day("2025-01-16"),
                                 draft: grantDraft(), previousHash: CanonicalHash.genesis, hash: CanonicalHash.genesis)
        entries.append(forged)
        let found = verify(entries, head: entries[2].hash, count: 3)
        XCTAssertTrue(found.contains { $0.code == "chain.link" && $0.entry?.number == 4 })
        XCTAssertTrue(found.contains { $0.code == "chain.head" })
    }

    func testADeletedLastEntryShowsAgainstTheRecordedHead() {
        let entries = chain(4)
        let found = verify(Array(entries.prefix(3)), head: entries[3].hash, count: 4)
        XCTAssertEqual(found.map(\.code), ["chain.head"])
    }
}

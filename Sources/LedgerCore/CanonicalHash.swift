import Crypto
import Foundation

/// The canonical byte layout an entry is hashed over, and the SHA-256 hash chain.
///
/// Layout (documented in docs/hash-chain.md): the ASCII tag `clap-entry-v1`, then each field as
/// `<byte length in decimal>:<UTF-8 bytes>;` in a fixed order. Length prefixes make the layout
/// unambiguous whatever the fields contain. An absent optional field is the empty string.
public enum CanonicalHash {
    /// The previous hash of the very first entry.
    public static let genesis = String(repeating: "0", count: 64)

    static let entryTag = "clap-entry-v1"
    static let requestTag = "clap-request-v1"

    /// The bytes of a posted entry's content: numbering, dates, texts and every line.
    public static func contentBytes(ref: EntryRef, validDate: Day, draft: EntryDraft) -> [UInt8] {
        contentBytes(ref: ref, validDate: validDate, encoded: EncodedDraft(draft))
    }

    static func contentBytes(ref: EntryRef, validDate: Day, encoded: EncodedDraft) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.bytes.count + 48)
        for field in [entryTag, ref.journal.rawValue, String(ref.fiscalYear), String(ref.number), validDate.iso] {
            append(field, to: &bytes)
        }
        bytes.append(contentsOf: encoded.bytes)
        return bytes
    }

    /// `SHA-256(previousHash as 64 ASCII hex characters ‖ contentBytes)`, as lowercase hex.
    public static func entryHash(previousHash: String, ref: EntryRef, validDate: Day, draft: EntryDraft) -> String {
        entryHash(previousHash: previousHash, ref: ref, validDate: validDate, encoded: EncodedDraft(draft))
    }

    /// The same from a draft already encoded (a posting computes both digests from one encoding).
    public static func entryHash(previousHash: String, ref: EntryRef, validDate: Day, encoded: EncodedDraft) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(previousHash.utf8))
        hasher.update(data: contentBytes(ref: ref, validDate: validDate, encoded: encoded))
        return hex(hasher.finalize())
    }

    /// A digest of what a caller asked to post (no number, no validation date): two requests with the
    /// same idempotency key must carry the same digest to be the same request.
    public static func requestDigest(_ draft: EntryDraft) -> String {
        requestDigest(EncodedDraft(draft))
    }

    /// The same from a draft already encoded.
    public static func requestDigest(_ encoded: EncodedDraft) -> String {
        var hasher = SHA256()
        hasher.update(data: encode([requestTag]))
        hasher.update(data: encoded.bytes)
        return hex(hasher.finalize())
    }

    /// Hex SHA-256 of arbitrary bytes (exports, anchors).
    public static func sha256Hex<D: DataProtocol>(_ data: D) -> String { hex(SHA256.hash(data: data)) }

    static func draftFields(_ draft: EntryDraft) -> [String] {
        var fields: [String] = [
            draft.journal.rawValue,
            draft.entryDate.iso,
            draft.pieceDate.iso,
            draft.pieceRef,
            draft.label,
            draft.idempotencyKey ?? "",
            draft.reverses.map { "\($0.journal.rawValue)/\($0.fiscalYear)/\($0.number)" } ?? "",
            String(draft.lines.count),
        ]
        for line in draft.lines {
            fields.append(line.account)
            fields.append(line.auxiliary ?? "")
            fields.append(line.analytic ?? "")
            fields.append(line.side.rawValue)
            fields.append(String(line.amount.value))
        }
        return fields
    }

    static func encode(_ fields: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fields.reduce(0) { $0 + $1.utf8.count + 4 })
        for field in fields { append(field, to: &bytes) }
        return bytes
    }

    /// One field: `<byte length in decimal>:<UTF-8 bytes>;`, appended without intermediate arrays.
    public static func append(_ field: String, to bytes: inout [UInt8]) {
        let utf8 = field.utf8
        appendDecimal(utf8.count, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(contentsOf: utf8)
        bytes.append(UInt8(ascii: ";"))
    }

    private static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        guard value >= 10 else {
            bytes.append(UInt8(ascii: "0") &+ UInt8(value))
            return
        }
        appendDecimal(value / 10, to: &bytes)
        bytes.append(UInt8(ascii: "0") &+ UInt8(value % 10))
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)  // a SHA-256 digest, 32 bytes
        for byte in digest {
            out.append(hexDigit(byte >> 4))
            out.append(hexDigit(byte & 0x0F))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `0`–`9`, then `a`–`f`, for a value under 16.
    @inline(__always)
    private static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") - 10 + value }
}

/// SHA-256 computed while a file is written, so an export's fingerprint costs no second read.
public struct StreamingSHA256 {
    private var hasher = SHA256()
    public init() {}
    public mutating func update(_ bytes: [UInt8]) { hasher.update(data: bytes) }
    public func hex() -> String { CanonicalHash.hex(hasher.finalize()) }
}

/// A draft's fields in the canonical layout (`CanonicalHash.draftFields`, encoded): what both the request digest and
/// the entry hash cover, encoded once when an entry is posted.
public struct EncodedDraft: Sendable {
    let bytes: [UInt8]

    public init(_ draft: EntryDraft) {
        bytes = CanonicalHash.encode(CanonicalHash.draftFields(draft))
    }
}

import Crypto
import Foundation
import GRDB
import GRDBSQLite
import LedgerCore

/// A query stepped by GRDB whose columns are read straight from SQLite's C API: no `Row` copy, no lookup by column
/// name, no `String` unless the caller makes one. `verify`'s fast passes read millions of lines through it.
///
/// Every accessor checks the value's storage class first and answers nil for any other, so that a value clap never
/// writes is seen (and sends the check to its reference implementation) instead of being converted.
final class RawRows {
    private let cursor: RowCursor
    /// The statement, for a read the accessors below do not cover (it stands on the current row).
    let statement: SQLiteStatement

    init(_ db: Database, _ sql: String, arguments: StatementArguments = StatementArguments()) throws {
        let prepared = try db.makeStatement(sql: sql)
        cursor = try Row.fetchCursor(prepared, arguments: arguments)
        statement = prepared.sqliteStatement
    }

    /// Steps to the next row; false when there is none.
    func next() throws -> Bool { try cursor.next() != nil }

    // Each accessor takes the column's value once (`sqlite3_column_value`) and reads it with `sqlite3_value_*`, which
    // do not go through the statement's checks again. GRDB opens its connections in multi-thread mode (no mutex per
    // connection), where SQLite makes no difference between protected and unprotected values.

    func isNull(_ column: Int32) -> Bool { sqlite3_value_type(sqlite3_column_value(statement, column)) == SQLITE_NULL }

    /// The value when it is stored as an integer.
    func integer(_ column: Int32) -> Int64? {
        let value = sqlite3_column_value(statement, column)
        return sqlite3_value_type(value) == SQLITE_INTEGER ? sqlite3_value_int64(value) : nil
    }

    /// The bytes of a value stored as text, valid until the next step; nil for any other storage class.
    func text(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        let value = sqlite3_column_value(statement, column)
        guard sqlite3_value_type(value) == SQLITE_TEXT else { return nil }
        let start = sqlite3_value_text(value)
        let count = Int(sqlite3_value_bytes(value))
        return UnsafeBufferPointer(start: start, count: count)
    }
}

/// Byte-level facts about stored text, as GRDB would read it back.
enum StoredText {
    /// The `String` GRDB reads from these bytes: up to the first NUL byte (it reads a C string), invalid UTF-8
    /// repaired (both make `String(cString:)`).
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return "" }
        let count = memchr(base, 0, bytes.count).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? bytes.count
        return String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    /// True when GRDB reads these bytes back as a `String` with exactly these bytes: valid UTF-8 and no NUL byte
    /// (GRDB reads text as a C string: it would stop at a NUL and repair invalid UTF-8).
    static func readsBackExactly(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0 { return false }
                index += 1
                continue
            }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch byte {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(byte & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(byte & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(byte & 0x07)
            default: return false
            }
            guard index + length <= count else { return false }
            for offset in 1..<length {
                let next = bytes[index + offset]
                guard next & 0xC0 == 0x80 else { return false }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return false }
            index += length
        }
        return true
    }

    /// True when every byte is printable-or-control ASCII other than NUL: then comparing bytes is comparing the
    /// `String`s Swift would make (no canonical equivalence to account for) and sorting bytes is sorting them.
    static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte == 0 || byte >= 0x80 { return false }
        return true
    }

    static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ other: [UInt8]) -> Bool {
        guard bytes.count == other.count else { return false }
        guard let base = bytes.baseAddress, !other.isEmpty else { return true }
        return other.withUnsafeBufferPointer { memcmp($0.baseAddress!, base, bytes.count) == 0 }
    }

    static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ other: ArraySlice<UInt8>) -> Bool {
        guard bytes.count == other.count else { return false }
        guard let base = bytes.baseAddress, !other.isEmpty else { return true }
        return other.withUnsafeBufferPointer { memcmp($0.baseAddress!, base, bytes.count) == 0 }
    }

    /// The bytes against a string's UTF-8 (a hex digest, for one).
    static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ string: String) -> Bool {
        var string = string
        return string.withUTF8 { utf8 in
            guard utf8.count == bytes.count else { return false }
            guard let base = bytes.baseAddress, let other = utf8.baseAddress, bytes.count > 0 else { return true }
            return memcmp(other, base, bytes.count) == 0
        }
    }

    /// A day written exactly as clap writes one (`AAAA-MM-JJ`, a real day), as its month number (year × 12 + month − 1);
    /// nil for anything else. The same days as `StoredValue.day`.
    static func dayMonthIndex(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        Day.parseStored(bytes).map { $0.year * 12 + $0.month - 1 }
    }

    /// The month of a stored `AAAA-MM` text (as `dayMonthIndex` numbers it); nil for anything else.
    static func monthIndex(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-") else { return nil }
        var year = 0, month = 0
        for index in [0, 1, 2, 3, 5, 6] {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            if index < 4 { year = year * 10 + Int(byte - UInt8(ascii: "0")) } else { month = month * 10 + Int(byte - UInt8(ascii: "0")) }
        }
        guard (1...12).contains(month) else { return nil }
        return year * 12 + month - 1
    }

    /// Bytes compared as SQLite compares text (BINARY collation: `memcmp`, then the shorter first).
    static func lessOrEqual(_ bytes: UnsafeBufferPointer<UInt8>, _ other: [UInt8]) -> Bool {
        !other.lexicographicallyPrecedes(bytes)
    }
}

/// Byte strings numbered in the order they are first seen (1, 2, 3 …; 0 is left for NULL), so that a pass over
/// millions of lines keys its sums by small integers instead of making a `String` per value. The values are short
/// (account numbers, RPPS, team and analytic codes): up to sixteen bytes are compared as two words, longer ones
/// byte by byte.
struct ByteInterner {
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    /// Per id: its first sixteen bytes as two words (zero-padded), its length and its hash, side by side.
    private struct Key {
        let low: UInt64
        let high: UInt64
        let hash: UInt64
        let count: Int
    }

    private var keys: [Key] = [Key(low: 0, high: 0, hash: 0, count: -1)]
    /// The last two values looked up (a line's account alternates between two, an entry's analytic code repeats, a
    /// table read in key order repeats its values): compared before hashing.
    private var recent: (Key, Int32, Key, Int32) = (Key(low: 0, high: 0, hash: 0, count: -1), 0, Key(low: 0, high: 0, hash: 0, count: -1), 0)
    /// Open addressing: each slot holds an id (0 when empty); the table is kept at most half full.
    private var slots: [Int32] = Array(repeating: 0, count: 64)
    /// For each id: its bytes are plain ASCII (`StoredText.isPlainASCII`).
    private(set) var plain: [Bool] = [true]
    /// For each id: GRDB reads its bytes back exactly (`StoredText.readsBackExactly`).
    private(set) var exact: [Bool] = [true]

    var count: Int { starts.count - 1 }

    /// The first sixteen bytes as two little-endian words, zero-padded.
    @inline(__always)
    private static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        guard let base = bytes.baseAddress else { return (0, 0) }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        if count >= 16 {
            return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
        if count >= 8 {
            // The last eight bytes, shifted so that the bytes past the end read as zero.
            let tail = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) >> UInt64(8 * (16 - count))
            return (raw.loadUnaligned(as: UInt64.self), count == 8 ? 0 : tail)
        }
        var word: UInt64 = 0
        for index in 0..<count { word |= UInt64(base[index]) << UInt64(8 * index) }
        return (word, 0)
    }

    @inline(__always)
    private static func hash(_ low: UInt64, _ high: UInt64, _ count: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = (low ^ UInt64(count) &* 0x9E37_79B9_7F4A_7C15) &* 0xFF51_AFD7_ED55_8CCD
        hash = (hash ^ (hash >> 32) ^ high) &* 0xC4CE_B9FE_1A85_EC53
        if count > 16, let base = bytes.baseAddress {
            for index in 16..<count { hash = (hash ^ UInt64(base[index])) &* 0x0000_0100_0000_01B3 }
        }
        return hash ^ (hash >> 29)
    }

    /// The id of these bytes, numbering them if they are new.
    mutating func id(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let (low, high) = Self.words(bytes)
        let count = bytes.count
        if count <= 16 {
            if recent.0.count == count, recent.0.low == low, recent.0.high == high { return recent.1 }
            if recent.2.count == count, recent.2.low == low, recent.2.high == high {
                recent = (recent.2, recent.3, recent.0, recent.1)
                return recent.1
            }
        }
        let id = lookup(bytes, low, high, count)
        if count <= 16 { recent = (Key(low: low, high: high, hash: 0, count: count), id, recent.0, recent.1) }
        return id
    }

    private mutating func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ low: UInt64, _ high: UInt64, _ count: Int) -> Int32 {
        let hash = Self.hash(low, high, count, bytes)
        var mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = Int(slots[slot])
            if id == 0 { break }
            let key = keys[id]
            if key.hash == hash, key.count == count, key.low == low, key.high == high, count <= 16 || equalTail(id, bytes) {
                return Int32(id)
            }
            slot = (slot + 1) & mask
        }
        let id = Int32(self.count + 1)
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        keys.append(Key(low: low, high: high, hash: hash, count: count))
        plain.append(StoredText.isPlainASCII(bytes))
        exact.append(StoredText.readsBackExactly(bytes))
        if self.count * 2 > slots.count {
            slots = Array(repeating: 0, count: slots.count * 2)
            mask = slots.count - 1
            for existing in 1...Int(id) {
                var position = Int(truncatingIfNeeded: keys[existing].hash) & mask
                while slots[position] != 0 { position = (position + 1) & mask }
                slots[position] = Int32(existing)
            }
        } else {
            slots[slot] = id
        }
        return id
    }

    private func equalTail(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[id - 1]
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + start + 16, bytes.baseAddress! + 16, bytes.count - 16) == 0 }
    }

    func bytes(_ id: Int32) -> ArraySlice<UInt8> { arena[starts[Int(id) - 1]..<starts[Int(id)]] }

    func string(_ id: Int32) -> String { String(decoding: bytes(id), as: UTF8.self) }
}

/// Sums keyed by a nonzero `UInt64`, in one open-addressing table (multiplicative hashing, linear probing); a key
/// can leave the table (backward-shift deletion), so that a table of what is still open stays small.
struct SumMap {
    private var keys: [UInt64] = Array(repeating: 0, count: 1024)
    private var values: [Int64] = Array(repeating: 0, count: 1024)
    private(set) var count = 0

    @inline(__always)
    private func home(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: ((key ^ (key >> 31)) &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }

    /// Adds `amount` to the key's sum; the key leaves the table when its sum comes back to zero if `dropZero`.
    mutating func add(_ key: UInt64, _ amount: Int64, dropZero: Bool = false) {
        let mask = keys.count - 1
        var index = home(key, mask)
        while keys[index] != 0 {
            if keys[index] == key {
                values[index] &+= amount
                if dropZero, values[index] == 0 { remove(at: index) }
                return
            }
            index = (index + 1) & mask
        }
        if dropZero, amount == 0 { return }
        keys[index] = key
        values[index] = amount
        count += 1
        if count * 2 > keys.count { grow() }
    }

    private mutating func remove(at removed: Int) {
        let mask = keys.count - 1
        var hole = removed
        var index = (hole + 1) & mask
        while keys[index] != 0 {
            let want = home(keys[index], mask)
            // Move the entry back into the hole when the hole lies between its home slot and where it sits.
            if (index > hole && (want <= hole || want > index)) || (index < hole && want <= hole && want > index) {
                keys[hole] = keys[index]
                values[hole] = values[index]
                hole = index
            }
            index = (index + 1) & mask
        }
        keys[hole] = 0
        values[hole] = 0
        count -= 1
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        let mask = keys.count - 1
        for (key, value) in zip(oldKeys, oldValues) where key != 0 {
            var index = home(key, mask)
            while keys[index] != 0 { index = (index + 1) & mask }
            keys[index] = key
            values[index] = value
        }
    }

    /// The key's sum, nil when the key was never added (or left at zero).
    func sum(_ key: UInt64) -> Int64? {
        let mask = keys.count - 1
        var index = home(key, mask)
        while keys[index] != 0 {
            if keys[index] == key { return values[index] }
            index = (index + 1) & mask
        }
        return nil
    }

    /// Every key with its sum.
    var entries: [(key: UInt64, sum: Int64)] {
        zip(keys, values).filter { $0.0 != 0 }.map { ($0.0, $0.1) }
    }
}

/// Appends the canonical layout's fields (`<byte length>:<bytes>;`, see `CanonicalHash`) without making strings.
struct CanonicalBytes {
    var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(4096) }

    mutating func reset() { buffer.removeAll(keepingCapacity: true) }

    mutating func raw(_ bytes: UnsafeBufferPointer<UInt8>) { buffer.append(contentsOf: bytes) }

    mutating func field(_ bytes: UnsafeBufferPointer<UInt8>) {
        decimal(Int64(bytes.count))
        buffer.append(UInt8(ascii: ":"))
        buffer.append(contentsOf: bytes)
        buffer.append(UInt8(ascii: ";"))
    }

    mutating func field<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        decimal(Int64(bytes.count))
        buffer.append(UInt8(ascii: ":"))
        buffer.append(contentsOf: bytes)
        buffer.append(UInt8(ascii: ";"))
    }

    mutating func emptyField() {
        buffer.append(UInt8(ascii: "0"))
        buffer.append(UInt8(ascii: ":"))
        buffer.append(UInt8(ascii: ";"))
    }

    /// A number's decimal form (as `String(number)` writes it) as one field.
    mutating func numberField(_ number: Int64) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var magnitude = number.magnitude
        withUnsafeMutableBytes(of: &digits) { out in
            repeat {
                out[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            if number < 0 {
                out[19 - count] = UInt8(ascii: "-")
                count += 1
            }
        }
        decimal(Int64(count))
        buffer.append(UInt8(ascii: ":"))
        withUnsafeBytes(of: &digits) { out in buffer.append(contentsOf: out[(20 - count)...]) }
        buffer.append(UInt8(ascii: ";"))
    }

    /// A non-negative number's decimal digits (a field's length).
    private mutating func decimal(_ number: Int64) {
        let zero = UInt8(ascii: "0")
        switch number {
        case ..<10:
            buffer.append(zero + UInt8(number))
        case ..<100:
            buffer.append(zero + UInt8(number / 10))
            buffer.append(zero + UInt8(number % 10))
        case ..<1000:
            buffer.append(zero + UInt8(number / 100))
            buffer.append(zero + UInt8(number / 10 % 10))
            buffer.append(zero + UInt8(number % 10))
        default:
            decimal(number / 10)
            buffer.append(zero + UInt8(number % 10))
        }
    }
}

/// A set of chain positions (entries' `seq`), one bit each.
struct PositionSet: Sendable {
    private(set) var words: [UInt64] = []

    /// Adds a position; false when it is outside what a set holds (negative, or beyond 2³¹).
    mutating func insert(_ position: Int64) -> Bool {
        guard position >= 0, position < 1 << 31 else { return false }
        let word = Int(position >> 6)
        if word >= words.count { words += repeatElement(0, count: word + 1 - words.count) }
        words[word] |= 1 << UInt64(position & 63)
        return true
    }

    func isSubset(of other: PositionSet) -> Bool {
        for (index, word) in words.enumerated() where word != 0 {
            guard index < other.words.count, word & ~other.words[index] == 0 else { return false }
        }
        return true
    }
}

/// SHA-256 of canonical bytes against a stored digest (64 lowercase hex characters), without making strings: the
/// comparison `CanonicalHash.sha256Hex(bytes) == stored` makes.
enum StoredDigest {
    private static let digits = Array("0123456789abcdef".utf8)

    static func matches(_ bytes: [UInt8], _ stored: UnsafeBufferPointer<UInt8>) -> Bool {
        matches(bytes, [], stored)
    }

    /// The digest of `first` then `second`, one after the other.
    static func matches(_ first: [UInt8], _ second: [UInt8], _ stored: UnsafeBufferPointer<UInt8>) -> Bool {
        guard stored.count == 64 else { return false }
        var hasher = SHA256()
        first.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        if !second.isEmpty { second.withUnsafeBytes { hasher.update(bufferPointer: $0) } }
        return hasher.finalize().withUnsafeBytes { digest in
            for index in 0..<32 {
                let byte = digest[index]
                if stored[2 * index] != digits[Int(byte >> 4)] || stored[2 * index + 1] != digits[Int(byte & 0x0F)] { return false }
            }
            return true
        }
    }
}

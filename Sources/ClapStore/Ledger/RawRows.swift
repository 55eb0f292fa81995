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
    private let statement: SQLiteStatement

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
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              Day(year: year, month: month, day: day) != nil else { return nil }
        return year * 12 + month - 1
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
/// millions of lines keys its sums by small integers instead of making a `String` per value.
struct ByteInterner {
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    /// Open addressing: each slot holds an id (0 when empty); the table is kept at most half full.
    private var slots: [Int32] = Array(repeating: 0, count: 64)
    private var hashes: [UInt64] = [0]
    /// For each id: its bytes are plain ASCII (`StoredText.isPlainASCII`).
    private(set) var plain: [Bool] = [true]
    /// For each id: GRDB reads its bytes back exactly (`StoredText.readsBackExactly`).
    private(set) var exact: [Bool] = [true]

    var count: Int { starts.count - 1 }

    /// A multiplicative hash eight bytes at a time (the values are short: account numbers, RPPS, analytic codes).
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = bytes.baseAddress else { return 0x9E37_79B9_7F4A_7C15 }
        let raw = UnsafeRawPointer(base)
        var hash = UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(base[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 29)
    }

    /// The id of these bytes, numbering them if they are new.
    mutating func id(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(bytes)
        var mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id == 0 { break }
            if hashes[Int(id)] == hash, equal(Int(id), bytes) { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(count + 1)
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        hashes.append(hash)
        plain.append(StoredText.isPlainASCII(bytes))
        exact.append(StoredText.readsBackExactly(bytes))
        if count * 2 > slots.count {
            slots = Array(repeating: 0, count: slots.count * 2)
            mask = slots.count - 1
            for existing in 1...Int(id) {
                var position = Int(truncatingIfNeeded: hashes[existing]) & mask
                while slots[position] != 0 { position = (position + 1) & mask }
                slots[position] = Int32(existing)
            }
        } else {
            slots[slot] = id
        }
        return id
    }

    private func equal(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[id - 1], end = starts[id]
        guard end - start == bytes.count else { return false }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return true }
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, base, bytes.count) == 0 }
    }

    func bytes(_ id: Int32) -> ArraySlice<UInt8> { arena[starts[Int(id) - 1]..<starts[Int(id)]] }

    func string(_ id: Int32) -> String { String(decoding: bytes(id), as: UTF8.self) }
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
        if number < 10 {
            buffer.append(UInt8(ascii: "0") + UInt8(number))
            return
        }
        decimal(number / 10)
        buffer.append(UInt8(ascii: "0") + UInt8(number % 10))
    }
}

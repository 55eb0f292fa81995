import ClapDomain
import LedgerCore

/// Writes the lines of an entry as FEC text or as journal-CSV text, straight into bytes, after checking the
/// entry whole: the FEC rules it checks, and their order, are those the writers always applied.
///
/// Everything an entry's lines share (journal, number, dates, piece, label) is made once per entry, an account's
/// zones once per file, a third party's once per file and account; a line is then a few copies of ready bytes and
/// the digits of its amounts. Values that need making safe (a tab, a line break, spaces to trim, a CSV cell to
/// quote or neutralise) go through the very `String` functions the writers used before, so the bytes are the same.
struct FecLineEncoder {
    /// What one entry added.
    struct Written {
        var lines = 0
        var debit = Cents.zero
        var credit = Cents.zero
    }

    /// How values become cells: as they are in a FEC (tab-separated), through `CSVWriter.cell` in the journal CSV.
    struct Cells {
        /// The CSV writer of the journal; nil for a FEC.
        let csv: CSVWriter?
        let separator: UInt8
    }

    /// An account of the chart, with its zones.
    private struct AccountEntry {
        /// The account as lines name it.
        let number: String
        /// `CompteNum` + separator + `CompteLib` + separator, in `made`.
        let zones: Range<Int>
        let isThirdParty: Bool
        let hasLabel: Bool
    }

    let cells: Cells
    private let accounts: [String: ChartAccount]
    private let journalLabels: [JournalCode: String]
    private let auxiliaryLabel: FecWriter.AuxiliaryLabel

    /// The bytes of every zone made once (accounts, third parties), one after the other.
    private var made: [UInt8] = []
    private var accountIndex: [String: Int] = [:]
    /// The last two accounts met, checked before `accountIndex` (an entry's lines alternate between two or three).
    private var recentAccounts: (String, Int, String, Int) = ("", -1, "", -1)
    private var accountEntries: [AccountEntry] = []
    /// For each of `accountEntries`, by stored third-party code: `CompAuxNum` + separator + `CompAuxLib` + separator
    /// in `made`, or nil when the code is blank once made safe.
    private var auxiliaries: [[String: Range<Int>?]] = []
    /// `JournalCode` + separator + `JournalLib` + separator, or nil when the journal has no label.
    private var journalZones: [JournalCode: [UInt8]?] = [:]

    // The zones an entry's lines share, remade for each entry in the same storage.
    private var head: [UInt8] = []
    private var piece: [UInt8] = []
    private var tail: [UInt8] = []

    /// A FEC encoder: zones as they are, tab-separated.
    init(accounts: [String: ChartAccount], journalLabels: [JournalCode: String], auxiliaryLabel: @escaping FecWriter.AuxiliaryLabel) {
        self.init(cells: Cells(csv: nil, separator: UInt8(ascii: "\t")), accounts: accounts, journalLabels: journalLabels,
                  auxiliaryLabel: auxiliaryLabel)
    }

    /// A journal-CSV encoder: every zone and `Analytique` as a cell of `csv`.
    init(csv: CSVWriter, accounts: [String: ChartAccount], journalLabels: [JournalCode: String],
         auxiliaryLabel: @escaping FecWriter.AuxiliaryLabel) {
        precondition(csv.separator.asciiValue != nil, "an ASCII CSV separator")
        self.init(cells: Cells(csv: csv, separator: csv.separator.asciiValue ?? UInt8(ascii: ";")), accounts: accounts,
                  journalLabels: journalLabels, auxiliaryLabel: auxiliaryLabel)
    }

    private init(cells: Cells, accounts: [String: ChartAccount], journalLabels: [JournalCode: String],
                 auxiliaryLabel: @escaping FecWriter.AuxiliaryLabel) {
        self.cells = cells
        self.accounts = accounts
        self.journalLabels = journalLabels
        self.auxiliaryLabel = auxiliaryLabel
    }

    /// Appends the entry's lines to `out`, each ending with CR LF, and the offset just past each line to `lineEnds`.
    /// Throws, having possibly appended part of the entry, when a FEC rule would break: the caller drops what the
    /// entry appended.
    mutating func append(_ entry: PostedEntry, lettering: (Int) -> (letter: String, date: Day)?,
                         to out: inout [UInt8], lineEnds: inout [Int]) throws(FecWriteError) -> Written {
        let ref = entry.ref
        let draft = entry.draft
        let cells = cells, separator = cells.separator
        guard let journal = journalBytes(ref.journal) else { throw .unknownJournal(ref.journal) }
        // The shared zones: JournalCode … EcritureDate, then PieceRef … EcritureLib, then ValidDate … Idevise.
        head.removeAll(keepingCapacity: true)
        head.append(contentsOf: journal)
        Self.appendNumber(ref.number, cells, to: &head)
        head.append(separator)
        Self.appendCompact(draft.entryDate, to: &head)
        head.append(separator)
        piece.removeAll(keepingCapacity: true)
        guard Self.appendSafeZone(draft.pieceRef, cells, to: &piece) else { throw .emptyZone(ref, column: "PieceRef") }
        piece.append(separator)
        Self.appendCompact(draft.pieceDate, to: &piece)
        piece.append(separator)
        guard Self.appendSafeZone(draft.label, cells, to: &piece) else { throw .emptyZone(ref, column: "EcritureLib") }
        piece.append(separator)
        tail.removeAll(keepingCapacity: true)
        Self.appendCompact(entry.validDate, to: &tail)
        tail.append(separator)
        tail.append(separator)
        if cells.csv != nil { tail.append(separator) }

        var written = Written()
        for (index, line) in draft.lines.enumerated() {
            let lineNo = index + 1
            guard let accountAt = account(line.account) else { throw .unknownAccount(ref, account: line.account) }
            let isThirdParty = accountEntries[accountAt].isThirdParty
            guard accountEntries[accountAt].hasLabel else { throw .emptyZone(ref, column: "CompteLib") }
            guard line.amount.isPositive else { throw .nonPositiveAmount(ref, lineNo: lineNo) }
            var auxiliaryZones: Range<Int>?
            if isThirdParty {
                guard let auxiliary = line.auxiliary, let zones = self.auxiliaryZones(auxiliary, accountAt: accountAt) else {
                    throw .missingAuxiliary(ref, lineNo: lineNo, account: line.account)
                }
                auxiliaryZones = zones
            } else if let auxiliary = line.auxiliary, Self.safeZone(auxiliary) != nil {
                throw .auxiliaryOnNonThirdPartyAccount(ref, lineNo: lineNo, account: line.account)
            }
            out.append(contentsOf: head)
            made.withUnsafeBufferPointer { made in
                out.append(contentsOf: UnsafeBufferPointer(rebasing: made[accountEntries[accountAt].zones]))
                if let auxiliaryZones { out.append(contentsOf: UnsafeBufferPointer(rebasing: made[auxiliaryZones])) }
            }
            if auxiliaryZones == nil {
                out.append(separator)
                out.append(separator)
            }
            out.append(contentsOf: piece)
            Self.appendAmount(line.debitCents, cells, to: &out)
            out.append(separator)
            Self.appendAmount(line.creditCents, cells, to: &out)
            out.append(separator)
            if let lettered = lettering(lineNo), Self.appendSafeZone(lettered.letter, cells, to: &out) {
                out.append(separator)
                Self.appendCompact(lettered.date, to: &out)
            } else {
                out.append(separator)
            }
            out.append(separator)
            out.append(contentsOf: tail)
            if let csv = cells.csv, let analytic = line.analytic {
                Self.appendCell(analytic, csv: csv, separator: separator, to: &out)
            }
            out.append(UInt8(ascii: "\r"))
            out.append(UInt8(ascii: "\n"))
            lineEnds.append(out.count)
            written.lines += 1
            written.debit += line.debitCents
            written.credit += line.creditCents
        }
        guard !draft.lines.isEmpty else { throw .emptyZone(ref, column: "CompteNum") }
        guard written.debit == written.credit else { throw .unbalanced(ref, debit: written.debit, credit: written.credit) }
        return written
    }

    // MARK: - Zones made once

    private mutating func journalBytes(_ journal: JournalCode) -> [UInt8]? {
        if let known = journalZones[journal] { return known }
        var bytes: [UInt8] = []
        Self.appendCell(FecFormat.zone(journal.rawValue), cells, to: &bytes)
        bytes.append(cells.separator)
        let labelled = Self.appendSafeZone(journalLabels[journal], cells, to: &bytes)
        bytes.append(cells.separator)
        journalZones[journal] = labelled ? bytes : .some(nil)
        return labelled ? bytes : nil
    }

    /// The account's place in `accountEntries`, its zones made the first time; nil when the chart does not have it.
    private mutating func account(_ number: String) -> Int? {
        if number == recentAccounts.0 { return recentAccounts.1 }
        if number == recentAccounts.2 {
            recentAccounts = (recentAccounts.2, recentAccounts.3, recentAccounts.0, recentAccounts.1)
            return recentAccounts.1
        }
        if let known = accountIndex[number] {
            recentAccounts = (number, known, recentAccounts.0, recentAccounts.1)
            return known
        }
        guard let account = accounts[number] else { return nil }
        let start = made.count
        Self.appendCell(FecFormat.zone(account.number), cells, to: &made)
        made.append(cells.separator)
        let hasLabel = Self.appendSafeZone(account.label, cells, to: &made)
        made.append(cells.separator)
        accountEntries.append(AccountEntry(number: number, zones: start..<made.count, isThirdParty: account.isThirdParty,
                                           hasLabel: hasLabel))
        auxiliaries.append([:])
        accountIndex[number] = accountEntries.count - 1
        return accountEntries.count - 1
    }

    /// `CompAuxNum` and `CompAuxLib` of a third party on an account (`CompAuxLib` is its label, or its code when the
    /// label is blank), made the first time; nil when its code is blank once made safe.
    private mutating func auxiliaryZones(_ auxiliary: String, accountAt index: Int) -> Range<Int>? {
        if let known = auxiliaries[index][auxiliary] { return known }
        var zones: Range<Int>?
        if let code = Self.safeZone(auxiliary) {
            let start = made.count
            Self.appendCell(code, cells, to: &made)
            made.append(cells.separator)
            let label = auxiliaryLabel(accountEntries[index].number, auxiliary)
            if !Self.appendSafeZone(label, cells, to: &made) { Self.appendCell(code, cells, to: &made) }
            made.append(cells.separator)
            zones = start..<made.count
        }
        auxiliaries[index][auxiliary] = .some(zones)
        return zones
    }

    // MARK: - Making a value safe for a zone

    /// The value made safe for a zone (`FecFormat.zone`), trimmed, or nil when nothing visible is left.
    static func safeZone(_ value: String?) -> String? {
        guard let value else { return nil }
        if isPlain(value) { return value }
        let zone = FecFormat.zone(value)
        // Nothing to trim when it starts and ends with a visible ASCII character.
        if let first = zone.utf8.first, let last = zone.utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return zone
        }
        let trimmed = zone.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Appends the cell of the value made safe; false (and nothing appended) when nothing visible is left.
    static func appendSafeZone(_ value: String?, _ cells: Cells, to out: inout [UInt8]) -> Bool {
        guard let value else { return false }
        if cells.csv == nil {
            // The usual case: nothing to replace, nothing to trim. The bytes go as they are.
            let copied: Bool? = value.utf8.withContiguousStorageIfAvailable { bytes in
                guard isPlain(bytes) else { return false }
                out.append(contentsOf: bytes)
                return true
            }
            if copied == true { return true }
        }
        guard let zone = safeZone(value) else { return false }
        appendCell(zone, cells, to: &out)
        return true
    }

    /// Whether the value is its own zone: no tab or line break, and it neither starts nor ends with a character
    /// that trimming would remove (checked conservatively: any doubt takes the general path).
    static func isPlain(_ value: String) -> Bool {
        value.utf8.withContiguousStorageIfAvailable { isPlain($0) } ?? false
    }

    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        if (0x21...0x7E).contains(first) && (0x21...0x7E).contains(last) {
            return !FecFormat.mayHoldForbidden(bytes)
        }
        guard let head = firstScalar(bytes), let end = lastScalar(bytes), !mayBeTrimmed(head), !mayBeTrimmed(end) else {
            return false
        }
        return !FecFormat.mayHoldForbidden(bytes)
    }

    /// Whether `trimmingCharacters(in: .whitespaces)` might remove the scalar: anything but visible ASCII among the
    /// first 128, and beyond, any Unicode white space and a few format characters older Unicode counted as spaces.
    private static func mayBeTrimmed(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return !(0x21...0x7E).contains(scalar.value) }
        return scalar.properties.isWhitespace || [0x180E, 0x200B, 0x2060, 0xFEFF].contains(scalar.value)
    }

    private static func firstScalar(_ bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    private static func lastScalar(_ bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        var start = bytes.count - 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 && bytes.count - start < 4 { start -= 1 }
        return firstScalar(UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    // MARK: - Cells

    /// Appends a value as a cell: as it is in a FEC, as `CSVWriter.cell` makes it in the journal CSV.
    static func appendCell(_ value: String, _ cells: Cells, to out: inout [UInt8]) {
        if let csv = cells.csv {
            appendCell(value, csv: csv, separator: cells.separator, to: &out)
        } else {
            out.append(contentsOf: value.utf8)
        }
    }

    /// `CSVWriter.cell(value)`: bytes with nothing to quote or neutralise are copied; any other goes through it.
    static func appendCell(_ value: String, csv: CSVWriter, separator: UInt8, to out: inout [UInt8]) {
        let copied: Bool? = value.utf8.withContiguousStorageIfAvailable { bytes in
            if let first = bytes.first, formulaStartBytes.contains(first) { return false }
            for byte in bytes where byte == separator || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
                return false
            }
            out.append(contentsOf: bytes)
            return true
        }
        if copied == true { return }
        out.append(contentsOf: csv.cell(value).utf8)
    }

    /// The first bytes `CSVWriter.neutralized` may act on (`=`, `+`, `-`, `@`, tab, CR).
    private static let formulaStartBytes: [UInt8] = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]

    /// `String(number)`: digits need no making safe in either layout; a negative number (damaged data only) goes
    /// through the `String` path.
    static func appendNumber(_ number: Int, _ cells: Cells, to out: inout [UInt8]) {
        guard number >= 0 else {
            appendCell(String(number), cells, to: &out)
            return
        }
        appendDecimal(UInt64(number), to: &out)
    }

    /// `Cents.commaString`: euros, a comma, two digits; a negative amount (never in a line) through the `String` path.
    static func appendAmount(_ amount: Cents, _ cells: Cells, to out: inout [UInt8]) {
        guard amount.value >= 0 else {
            appendCell(amount.commaString, cells, to: &out)
            return
        }
        let magnitude = UInt64(amount.value)
        appendDecimal(magnitude / 100, to: &out)
        out.append(UInt8(ascii: ","))
        let cents = magnitude % 100
        out.append(UInt8(ascii: "0") + UInt8(cents / 10))
        out.append(UInt8(ascii: "0") + UInt8(cents % 10))
    }

    /// `Day.compact`: `AAAAMMJJ` (a `Day`'s year has four digits).
    static func appendCompact(_ day: Day, to out: inout [UInt8]) {
        let zero = UInt8(ascii: "0")
        out.append(zero &+ UInt8(truncatingIfNeeded: day.year / 1000 % 10))
        out.append(zero &+ UInt8(truncatingIfNeeded: day.year / 100 % 10))
        out.append(zero &+ UInt8(truncatingIfNeeded: day.year / 10 % 10))
        out.append(zero &+ UInt8(truncatingIfNeeded: day.year % 10))
        out.append(zero &+ UInt8(truncatingIfNeeded: day.month / 10 % 10))
        out.append(zero &+ UInt8(truncatingIfNeeded: day.month % 10))
        out.append(zero &+ UInt8(truncatingIfNeeded: day.day / 10 % 10))
        out.append(zero &+ UInt8(truncatingIfNeeded: day.day % 10))
    }

    /// The decimal digits of a value, as `String(value)` writes them.
    static func appendDecimal(_ value: UInt64, to out: inout [UInt8]) {
        guard value >= 10 else {
            out.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for the 20 digits of UInt64.max
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)...]))
        }
    }
}

/// Where the writers put their text: whole lines as `String`s (tests, small files), or ready UTF-8 bytes in
/// chunks of whole lines (the exports, straight into the file buffer).
enum FecOutput {
    case lines((String) -> Void)
    case bytes((UnsafeBufferPointer<UInt8>) -> Void)

    /// One piece of text that is a whole line or more (the header).
    func emit(_ text: String) {
        switch self {
        case .lines(let sink): sink(text)
        case .bytes(let sink):
            var text = text
            text.withUTF8 { sink($0) }
        }
    }

    /// The lines of `buffer`, each ending at the offset given in `lineEnds`.
    func emit(_ buffer: [UInt8], lineEnds: [Int]) {
        buffer.withUnsafeBufferPointer { bytes in
            switch self {
            case .lines(let sink):
                var start = 0
                for end in lineEnds {
                    sink(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                    start = end
                }
            case .bytes(let sink):
                sink(bytes)
            }
        }
    }
}

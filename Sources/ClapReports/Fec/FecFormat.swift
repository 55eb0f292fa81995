import LedgerCore

/// The fixed shape of a FEC file (article A47 A-1 du LPF): its 18 columns, separators and file name.
public enum FecFormat {
    /// The 18 column names, in the order the header line must hold them.
    public static let columns: [String] = [
        "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib", "CompAuxNum",
        "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit", "EcritureLet", "DateLet",
        "ValidDate", "Montantdevise", "Idevise",
    ]

    /// Zones that may stay empty where not used; every other zone must be filled.
    public static let optionalColumns: Set<String> = [
        "CompAuxNum", "CompAuxLib", "EcritureLet", "DateLet", "Montantdevise", "Idevise",
    ]

    /// The zone separator.
    public static let separator = "\t"

    /// clap writes CR LF (the Windows convention the tax office's tools grew up with);
    /// Test Compta Demat and `FecChecker` accept LF as well.
    public static let lineEnding = "\r\n"

    /// `{SIREN}FEC{AAAAMMJJ}.txt` with the closing date (31/12 of the fiscal year); nil when the SIREN is not 9 digits.
    public static func fileName(siren: String, fiscalYear: Int) -> String? {
        guard siren.count == 9, siren.allSatisfy({ ("0"..."9").contains($0) }),
              let closing = Day(year: fiscalYear, month: 12, day: 31) else { return nil }
        return siren + "FEC" + closing.compact + ".txt"
    }

    /// A value made safe for one zone: tabs and line breaks (any Unicode line or paragraph separator) become spaces.
    public static func zone(_ value: String) -> String {
        // Fast path, on the bytes: no tab or line break (09…0D, U+0085 = C2 85, U+2028/9 = E2 80 A8/A9).
        guard mayHoldForbidden(value.utf8), value.contains(where: isForbidden) else { return value }
        return String(value.map { isForbidden($0) ? " " : $0 })
    }

    /// Whether the UTF-8 bytes hold a tab or a line-break scalar; when not, no character is forbidden.
    static func mayHoldForbidden<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in bytes {
            if byte >= 0x09 && byte <= 0x0D { return true }
            if previous.1 == 0xC2 && byte == 0x85 { return true }
            if previous.0 == 0xE2 && previous.1 == 0x80 && (byte == 0xA8 || byte == 0xA9) { return true }
            previous = (previous.1, byte)
        }
        return false
    }

    static func isForbidden(_ character: Character) -> Bool {
        character == "\t" || character.isNewline
    }
}

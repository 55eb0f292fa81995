import LedgerCore

/// The rules that span lines: entries contiguous and balanced, numbering continuous per journal, AN first,
/// `ValidDate` non-decreasing after the AN entries.
struct FecEntryTracker {
    struct Key: Hashable {
        let journal: String
        let number: String
    }

    struct Totals {
        let firstLine: Int
        var debit = Cents.zero
        var credit = Cents.zero
    }

    var current: Key?
    var totals: [Key: Totals] = [:]
    var lastNumber: [String: Int] = [:]
    var seenOtherThanOpening = false
    var lastValidDate: Day?

    mutating func track(_ record: FecRecord, line: Int, found: inout [FecFinding]) {
        let key = Key(journal: record.journalCode, number: record.ecritureNum)
        if key != current {
            startEntry(key, line: line, found: &found)
            current = key
        }
        if let debit = FecRecord.amount(record.debit) { totals[key]?.debit += debit }
        if let credit = FecRecord.amount(record.credit) { totals[key]?.credit += credit }
        let isOpening = record.journalCode == JournalCode.an.rawValue
        if isOpening && seenOtherThanOpening {
            found.append(FecFinding(code: "fec.order.an_first", line: line, message: "écriture d'à-nouveaux après d'autres écritures : les à-nouveaux viennent en premier."))
        }
        guard !isOpening else { return }
        seenOtherThanOpening = true
        guard let validDate = FecRecord.day(record["ValidDate"]) else { return }
        if let lastValidDate, validDate < lastValidDate {
            found.append(FecFinding(code: "fec.order.valid_date", line: line, message: "ValidDate \(validDate.compact) antérieure à la ligne précédente (\(lastValidDate.compact)) : l'ordre est celui de la validation."))
        }
        lastValidDate = max(validDate, lastValidDate ?? validDate)
    }

    private mutating func startEntry(_ key: Key, line: Int, found: inout [FecFinding]) {
        guard totals[key] == nil else {
            found.append(FecFinding(code: "fec.entry.scattered", line: line, message: "les lignes de l'écriture \(key.journal) n° \(key.number) ne se suivent pas."))
            return
        }
        totals[key] = Totals(firstLine: line)
        guard let number = Int(key.number), number > 0, String(number) == key.number else {
            found.append(FecFinding(code: "fec.numbering.format", line: line, message: "EcritureNum « \(key.number) » n'est pas un numéro 1, 2, 3 …"))
            return
        }
        let expected = (lastNumber[key.journal] ?? 0) + 1
        if number != expected {
            found.append(FecFinding(code: "fec.numbering.gap", line: line, message: "journal \(key.journal) : écriture n° \(number) alors que le n° \(expected) était attendu (numérotation continue à partir de 1)."))
        }
        lastNumber[key.journal] = max(number, lastNumber[key.journal] ?? 0)
    }

    mutating func finish(found: inout [FecFinding]) {
        for (key, entry) in totals where entry.debit != entry.credit {
            found.append(FecFinding(code: "fec.entry.unbalanced", line: entry.firstLine, message:
                           "écriture \(key.journal) n° \(key.number) déséquilibrée : débit \(entry.debit.commaString), crédit \(entry.credit.commaString)."))
        }
    }
}

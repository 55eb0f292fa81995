/// The rules one data line must meet on its own: filled zones, dates, amounts, account number, third party, lettering.
extension FecChecker {
    mutating func checkZones(_ record: FecRecord) {
        for column in FecFormat.columns where !FecFormat.optionalColumns.contains(column) && record[column].isEmpty {
            if column == "Debit" || column == "Credit" {
                report("fec.amount.missing", "la zone \(column) est vide : débit et crédit s'écrivent tous deux, 0,00 du côté non utilisé.")
            } else {
                report("fec.zone.empty", "la zone obligatoire \(column) est vide.")
            }
        }
        for column in ["EcritureDate", "PieceDate", "ValidDate", "DateLet"] {
            let value = record[column]
            if !value.isEmpty && FecRecord.day(value) == nil {
                report("fec.date.format", "\(column) « \(value) » n'est pas une date AAAAMMJJ.")
            }
        }
        if let fiscalYear, let date = FecRecord.day(record["EcritureDate"]), date.year != fiscalYear {
            report("fec.date.fiscal_year", "EcritureDate \(date.compact) hors de l'exercice \(fiscalYear).")
        }
        for column in ["Debit", "Credit"] {
            let value = record[column]
            if !value.isEmpty && FecRecord.amount(value) == nil {
                report("fec.amount.format", "\(column) « \(value) » : un montant s'écrit chiffres, virgule, deux décimales (1234,56).")
            }
        }
        let firstThree = record.compteNum.prefix(3)
        if !record.compteNum.isEmpty && !(firstThree.count == 3 && firstThree.allSatisfy({ ("0"..."9").contains($0) })) {
            report("fec.account.number", "CompteNum « \(record.compteNum) » ne commence pas par trois chiffres.")
        }
        checkAuxiliary(record)
        if record["EcritureLet"].isEmpty != record["DateLet"].isEmpty {
            report("fec.lettering.incomplete", "EcritureLet et DateLet se remplissent ensemble.")
        }
        if !record["Montantdevise"].isEmpty || !record["Idevise"].isEmpty {
            report("fec.currency.filled", "Montantdevise et Idevise restent vides : tous les montants sont en euros.")
        }
    }

    private mutating func checkAuxiliary(_ record: FecRecord) {
        let auxNum = record["CompAuxNum"], auxLib = record["CompAuxLib"]
        if thirdPartyAccounts.contains(record.compteNum) {
            if auxNum.isEmpty || auxLib.isEmpty {
                report("fec.aux.missing", "le compte de tiers \(record.compteNum) demande CompAuxNum et CompAuxLib.")
            }
        } else if !auxNum.isEmpty || !auxLib.isEmpty {
            report("fec.aux.not_third_party", "CompAuxNum/CompAuxLib remplis sur le compte \(record.compteNum), qui n'est pas un compte de tiers.")
        }
    }
}

import ClapDomain
import GRDB
import LedgerCore

/// Seals over the registry rows the ledger chain does not cover (Schema/0007): each barème version and each IBAN a
/// professional had. Per kind, in row id order: `seal = SHA-256(previous seal, or 64 zeros ‖ canonical row bytes)`.
/// The trigger that seals an inserted row calls `clap_seal`, registered on every connection clap opens.
public enum RegistrySeals {
    /// What is sealed: the table, and its columns in the order they are hashed (the id first).
    struct Kind: Sendable {
        let table: String
        let columns: [String]
        let trigger: String
    }

    static let tariffVersion = Kind(table: "tariff_version",
                                    columns: ["id", "name", "effective_from", "source_toml", "sha256", "loaded_at"],
                                    trigger: "tariff_version_is_sealed")
    static let professionalIBAN = Kind(table: "professional_iban", columns: ["id", "rpps", "iban", "bic", "recorded_at"],
                                       trigger: "professional_iban_is_sealed")
    static let kinds = [tariffVersion, professionalIBAN]
    static let guardTriggers = kinds.map(\.trigger) + ["registry_seal_is_immutable_u", "registry_seal_is_immutable_d"]

    /// `clap_seal(previous, kind, values…)`: the SQL side of `seal(previous:kind:values:)`.
    static let function = DatabaseFunction("clap_seal", pure: true) { arguments in
        guard let kind = arguments.dropFirst().first.flatMap(String.fromDatabaseValue) else { return nil }
        return seal(previous: arguments.first.flatMap(String.fromDatabaseValue), kind: kind, values: Array(arguments.dropFirst(2)))
    }

    /// `SHA-256(previous as 64 hex characters ‖ "clap-seal-v1" ‖ kind ‖ each value)`, each part written
    /// `<type letter><length>:<bytes>;` (t text, i integer, r real, b blob; a NULL is `n;`).
    static func seal(previous: String?, kind: String, values: [DatabaseValue]) -> String {
        var bytes = Array((previous ?? CanonicalHash.genesis).utf8)
        func append(_ letter: Character, _ field: [UInt8]) {
            bytes += Array("\(letter)\(field.count):".utf8) + field + [UInt8(ascii: ";")]
        }
        append("t", Array("clap-seal-v1".utf8))
        append("t", Array(kind.utf8))
        for value in values {
            switch value.storage {
            case .null: bytes += Array("n;".utf8)
            case .int64(let number): append("i", Array(String(number).utf8))
            case .double: append("r", Array(String(describing: value).utf8))
            case .string(let text): append("t", Array(text.utf8))
            case .blob(let data): append("b", Array(data))
            }
        }
        return CanonicalHash.sha256Hex(bytes)
    }

    /// The last seal of each kind (for the anchor), with how many rows it closes.
    public static func heads(in db: Database) throws -> [(kind: String, count: Int, seal: String)] {
        try kinds.map { kind in
            let row = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS n, (SELECT seal FROM registry_seal WHERE kind = ?1 ORDER BY row_id DESC LIMIT 1) AS head
                FROM registry_seal WHERE kind = ?1
                """, arguments: [kind.table])
            return (kind.table, Int(row?.stored("n").integer ?? 0), row?.stored("head").text ?? CanonicalHash.genesis)
        }
    }

    /// `verify`: every sealed row recomputed; a row changed, inserted without its seal, or removed is named.
    public static func check(in db: Database) throws -> [LedgerViolation] {
        let present = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        var found = guardTriggers.filter { !present.contains($0) }.map {
            LedgerViolation(invariant: 0, code: "guard.missing",
                            message: "le déclencheur « \($0) » qui scelle le barème et les IBAN a été supprimé.")
        }
        for kind in kinds { found += try check(kind, in: db) }
        return found
    }

    static func check(_ kind: Kind, in db: Database) throws -> [LedgerViolation] {
        var rows: [Int64: Row] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT \(kind.columns.joined(separator: ", ")) FROM \(kind.table)") {
            if let id = row.stored("id").integer { rows[id] = row }
        }
        var seals: [Int64: StoredValue] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT row_id, seal FROM registry_seal WHERE kind = ?", arguments: [kind.table]) {
            if let id = row.stored("row_id").integer { seals[id] = row.stored("seal") }
        }
        var found: [LedgerViolation] = []
        var previous: String?
        for id in Set(rows.keys).union(seals.keys).sorted() {
            switch (rows[id], seals[id]) {
            case (let row?, let stored?):
                let values = kind.columns.map { row.stored($0).value }
                if seal(previous: previous, kind: kind.table, values: values) != stored.text {
                    found.append(violation(kind, code: "seal.mismatch", row: row, db: db))
                }
                previous = stored.text
            case (let row?, nil):
                found.append(violation(kind, code: "seal.missing", row: row, db: db))
            case (nil, let stored?):
                found.append(LedgerViolation(invariant: 0, code: "seal.orphan", message: kind.table == tariffVersion.table
                    ? "la version n° \(id) du barème a disparu : son sceau demeure."
                    : "l'IBAN n° \(id) de l'historique a disparu : son sceau demeure."))
                previous = stored.text
            case (nil, nil):
                break
            }
        }
        return found
    }

    /// True when `check` would find nothing: every guard there, and for each kind every row and every seal paired
    /// id for id, each seal recomputed equal. Read once in id order with the columns by position (the reference reads
    /// each row into a dictionary by column name); anything else, the reference names.
    static func provenIntact(in db: Database) throws -> Bool {
        let present = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        guard guardTriggers.allSatisfy(present.contains) else { return false }
        var bytes = CanonicalBytes()
        for kind in kinds {
            let rows = try RawRows(db, "SELECT \(kind.columns.joined(separator: ", ")) FROM \(kind.table) ORDER BY id")
            let seals = try RawRows(db, "SELECT row_id, seal FROM registry_seal WHERE kind = ? ORDER BY row_id", arguments: [kind.table])
            var previous = Array(CanonicalHash.genesis.utf8)
            var previousID: Int64?
            let kindBytes = Array(kind.table.utf8)
            while try rows.next() {
                guard try seals.next(), let id = rows.integer(0), previousID.map({ $0 < id }) ?? true,
                      seals.integer(0) == id, let seal = seals.text(1), StoredText.readsBackExactly(seal) else { return false }
                previousID = id
                bytes.reset()
                bytes.buffer += previous
                bytes.buffer.append(UInt8(ascii: "t"))
                bytes.field(Self.sealTag)
                bytes.buffer.append(UInt8(ascii: "t"))
                bytes.field(kindBytes)
                for column in 0..<Int32(kind.columns.count) {
                    if rows.isNull(column) {
                        bytes.buffer += [UInt8(ascii: "n"), UInt8(ascii: ";")]
                    } else if let number = rows.integer(column) {
                        bytes.buffer.append(UInt8(ascii: "i"))
                        bytes.numberField(number)
                    } else if let text = rows.text(column), StoredText.readsBackExactly(text) {
                        bytes.buffer.append(UInt8(ascii: "t"))
                        bytes.field(text)
                    } else {
                        return false
                    }
                }
                guard StoredDigest.matches(bytes.buffer, seal) else { return false }
                previous = Array(seal)
            }
            // A seal left over is a removed row.
            if try seals.next() { return false }
        }
        return true
    }

    private static let sealTag = Array("clap-seal-v1".utf8)

    static func violation(_ kind: Kind, code: String, row: Row, db: Database) -> LedgerViolation {
        let id = row.stored("id")
        let how = code == "seal.missing"
            ? "n'a pas de sceau : elle a été insérée hors de clap"
            : "ne correspond plus à son sceau : elle a été modifiée après son enregistrement (ou la ligne qui la précède a été supprimée)"
        if kind.table == tariffVersion.table {
            return LedgerViolation(invariant: 0, code: code, message:
                "la version n° \(id) du barème « \(row.stored("name").plain) » (en vigueur le \(row.stored("effective_from").plain)) "
                + how + tariffDetail(row) + ".")
        }
        let iban = row.stored("iban").text.map { IBAN(unchecked: $0).masked } ?? row.stored("iban").description
        return LedgerViolation(invariant: 0, code: code, message:
            "la ligne n° \(id) de l'historique des IBAN (professionnel \(row.stored("rpps").plain), IBAN \(iban)) " + how + ".")
    }

    /// What in a barème version can be told apart from its own text: its text against its SHA-256, its date and name.
    static func tariffDetail(_ row: Row) -> String {
        guard let text = row.stored("source_toml").text else { return " ; son texte vaut \(row.stored("source_toml"))" }
        var details: [String] = []
        if CanonicalHash.sha256Hex(Array(text.utf8)) != row.stored("sha256").text {
            details.append("son texte (taux, types, plafonds) n'est plus celui qui a été chargé")
        }
        if case .success(let schedule) = TariffSchedule.parse(toml: text, fileName: "barème") {
            if schedule.effectiveFrom.iso != row.stored("effective_from").text {
                details.append("sa date d'effet enregistrée n'est pas celle de son texte (\(schedule.effectiveFrom.iso))")
            }
            if schedule.name != row.stored("name").text { details.append("son nom enregistré n'est pas celui de son texte") }
        }
        return details.isEmpty ? "" : " : " + details.joined(separator: " ; ")
    }
}

import ClapDomain
import GRDB
import LedgerCore

/// The association that keeps the books: its name, SIREN and the bank account payouts are made from.
public struct AssociationInfo: Hashable, Sendable, Codable {
    public let name: String
    public let siren: String
    public let iban: String
    public let bic: String?

    public init(name: String, siren: String, iban: String, bic: String?) {
        self.name = name
        self.siren = siren
        self.iban = iban
        self.bic = bic
    }
}

/// Setting up a new ledger: the association and its chart of accounts.
public enum AssociationStore {
    /// `clap init`: records the association and loads the chart, once.
    public static func initialize(_ info: AssociationInfo, chart: Chart, context: CommandContext, in db: Database) throws {
        guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM association") == 0 else { throw StoreError.alreadyInitialized }
        try db.execute(sql: "INSERT INTO association (id, name, siren, iban, bic, created_on) VALUES (1, ?, ?, ?, ?, ?)",
                       arguments: [info.name, info.siren, info.iban, info.bic, context.today.iso])
        for account in chart.accounts {
            try db.execute(sql: "INSERT INTO account (number, label, role, third_party) VALUES (?, ?, ?, ?)",
                           arguments: [account.number, account.label, account.role?.rawValue, account.isThirdParty])
        }
    }

    public static func association(in db: Database) throws -> AssociationInfo {
        guard let row = try Row.fetchOne(db, sql: "SELECT name, siren, iban, bic FROM association WHERE id = 1") else {
            throw StoreError.notInitialized
        }
        return AssociationInfo(name: row["name"], siren: row["siren"], iban: row["iban"], bic: row["bic"])
    }

    /// The chart as loaded at `init`.
    public static func chart(in db: Database) throws -> Chart {
        let accounts = try Row.fetchAll(db, sql: "SELECT number, label, role, third_party FROM account ORDER BY number").map {
            ChartAccount(number: $0["number"], label: $0["label"],
                         role: ($0["role"] as String?).flatMap(AccountRole.init(rawValue:)), isThirdParty: $0["third_party"])
        }
        guard let chart = Chart(accounts: accounts) else { throw StoreError.notInitialized }
        return chart
    }
}

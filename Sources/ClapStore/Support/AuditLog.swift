import GRDB
import LedgerCore

/// One line of the audit log: when, who, which command, what it wrote.
public struct AuditRecord: Hashable, Sendable, Codable {
    public let id: Int64
    public let at: String
    public let operatorName: String
    public let command: String
    public let summary: String
}

/// The append-only record of every command that wrote.
public enum AuditLog {
    static func append(_ db: Database, context: CommandContext, summary: String) throws {
        try db.execute(
            sql: "INSERT INTO audit_log (at, operator, command, summary) VALUES (?, ?, ?, ?)",
            arguments: [context.timestamp, context.operatorName, context.commandLine, summary])
    }

    public static func all(_ db: Database) throws -> [AuditRecord] {
        try Row.fetchAll(db, sql: "SELECT id, at, operator, command, summary FROM audit_log ORDER BY id").map {
            AuditRecord(id: $0["id"], at: $0["at"], operatorName: $0["operator"], command: $0["command"], summary: $0["summary"])
        }
    }
}

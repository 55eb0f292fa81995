import ClapDomain
import ClapStore
import Foundation
import LedgerCore

/// The forms a statement comes in.
public enum StatementFormat: String, CaseIterable, Sendable {
    case text
    case csv
    case html

    public var fileExtension: String {
        switch self {
        case .text: "txt"
        case .csv: "csv"
        case .html: "html"
        }
    }
}

/// `clap statement`: reads statements from one snapshot, renders them, writes and records the files.
public enum Statements {
    public static func render(_ statement: StatementData, format: StatementFormat, issuedOn: Day) -> String {
        switch format {
        case .text: StatementText.render(statement, issuedOn: issuedOn) + "\n"
        case .csv: StatementCSV.csv(statement)
        case .html: StatementHTML.render(statement, issuedOn: issuedOn)
        }
    }

    /// `releve-10748602298-2025.html`, `releve-10748602298-2025-03.csv`.
    public static func fileName(rpps: RPPS, period: ReportPeriod, format: StatementFormat) -> String {
        "releve-\(rpps.rawValue)-\(period.code).\(format.fileExtension)"
    }

    /// One professional's statement; refuses an RPPS the ledger and the registry both ignore.
    public static func statement(_ database: ClapDatabase, rpps: RPPS, period: ReportPeriod) throws -> StatementData {
        let statement = try database.read { try StatementQueries.statement(rpps: rpps, period: period, in: $0) }
        guard statement.professional.lastName != nil || statement.hasContent else {
            throw StoreError.notFound(what: "Le professionnel au RPPS \(rpps)")
        }
        return statement
    }

    /// Writes one statement to `path` and records it.
    public static func write(_ statement: StatementData, format: StatementFormat, path: String, database: ClapDatabase,
                             context: CommandContext) throws -> Exports.Written {
        let pending = ReportFiles.Pending(path: path, text: render(statement, format: format, issuedOn: context.today),
                                          kind: "releve", scope: scope(statement))
        guard let written = try ReportFiles.write([pending], database: database, context: context).first else {
            preconditionFailure("one file was written")
        }
        return written
    }

    /// `--all`: one file per professional with a movement in the period or a balance at its start, in `folder`.
    public static func writeAll(period: ReportPeriod, format: StatementFormat, folder: String, database: ClapDatabase,
                                context: CommandContext) throws -> [Exports.Written] {
        try ReportFiles.write(database: database, context: context) { emit in
            try database.read { db in
                try StatementQueries.forEachStatement(period: period, in: db) { statement in
                    let name = fileName(rpps: statement.professional.rpps, period: period, format: format)
                    try emit(ReportFiles.Pending(path: (folder as NSString).appendingPathComponent(name),
                                                 text: render(statement, format: format, issuedOn: context.today),
                                                 kind: "releve", scope: scope(statement)))
                }
            }
        }
    }

    static func scope(_ statement: StatementData) -> String {
        "relevé RPPS \(statement.professional.rpps.rawValue), \(ReportFormat.period(statement.period))"
    }
}

import ClapDomain
import ClapStore
import Foundation
import LedgerCore

/// The DAS2 summary: fees paid to each professional in a calendar year on a cash basis, those at or above the
/// declaration threshold marked.
public struct Das2Summary: Encodable, Sendable {
    /// Fees of €1,200 or more in a year are declared (DAS2).
    public static let declarationThreshold = Cents(120_000)

    /// One professional's line.
    public struct Line: Encodable, Sendable, Equatable {
        public let rpps: String
        public let name: String
        public let profession: String?
        public let paidCents: Int64
        public let rejectedCents: Int64
        public let netCents: Int64
        public let netText: String
        public let mustDeclare: Bool

        /// The JSON keys are French, like every output a user reads.
        enum CodingKeys: String, CodingKey {
            case rpps, name = "nom", profession, paidCents = "verseCentimes", rejectedCents = "rejeteCentimes",
                 netCents = "honorairesCentimes", netText = "honoraires", mustDeclare = "aDeclarer"
        }
    }

    public let year: Int
    public let thresholdCents: Int64
    public let lines: [Line]
    public let totalCents: Int64
    public let declaredCount: Int

    enum CodingKeys: String, CodingKey {
        case year = "annee", thresholdCents = "seuilCentimes", lines = "lignes", totalCents = "totalCentimes",
             declaredCount = "nombreADeclarer"
    }

    public var total: Cents { Cents(totalCents) }
    var paidTotal: Cents { Cents(lines.reduce(0) { $0 + $1.paidCents }) }
    var rejectedTotal: Cents { Cents(lines.reduce(0) { $0 + $1.rejectedCents }) }

    public init(year: Int, fees: [Das2Fees]) {
        self.year = year
        thresholdCents = Self.declarationThreshold.value
        lines = fees.map {
            Line(rpps: $0.rpps.rawValue, name: $0.displayName, profession: $0.profession?.label, paidCents: $0.paid.value,
                 rejectedCents: $0.rejected.value, netCents: $0.net.value, netText: $0.net.commaString,
                 mustDeclare: $0.net >= Self.declarationThreshold)
        }
        totalCents = fees.reduce(Cents.zero) { $0 + $1.net }.value
        declaredCount = lines.filter(\.mustDeclare).count
    }

    public static func read(_ database: ClapDatabase, year: Int) throws -> Das2Summary {
        Das2Summary(year: year, fees: try database.read { try Das2Queries.fees(year: year, in: $0) })
    }

    public static let csvHeader = ["RPPS", "Nom", "Profession", "Virements", "Rejets", "Honoraires versés", "À déclarer"]

    /// `;`, decimal comma, UTF-8 with a BOM, formulas neutralised; a total line at the end.
    public func csv() -> String {
        var rows = lines.map {
            [$0.rpps, $0.name, $0.profession ?? "", Cents($0.paidCents).commaString, Cents($0.rejectedCents).commaString,
             Cents($0.netCents).commaString, $0.mustDeclare ? "oui" : "non"]
        }
        rows.append(["", "Total", "", paidTotal.commaString,
                     rejectedTotal.commaString, total.commaString, String(declaredCount)])
        return CSVWriter(separator: ";", includesBOM: true).document(header: Self.csvHeader, rows: rows)
    }

    public func text() -> String {
        var table = TextTable([.init("RPPS"), .init("Nom"), .init("Profession"), .init("Virements", .right), .init("Rejets", .right),
                               .init("Honoraires versés", .right), .init("À déclarer")])
        for line in lines {
            table.add([line.rpps, line.name, line.profession ?? "", Cents(line.paidCents).frenchString,
                       Cents(line.rejectedCents).frenchString, Cents(line.netCents).frenchString, line.mustDeclare ? "oui" : "non"])
        }
        table.addSeparator()
        table.add(["", "Total", "", paidTotal.frenchString,
                   rejectedTotal.frenchString, total.frenchString, String(declaredCount)])
        return ["DAS2 \(year) — honoraires versés dans l'année (virements exécutés moins rejets), seuil de déclaration "
                    + "\(Self.declarationThreshold.euroString)",
                "", table.render(), "",
                "\(declaredCount) professionnel(s) à déclarer sur \(lines.count), \(total.euroString) versés au total."]
            .joined(separator: "\n")
    }

    /// Writes the CSV to `path` and records it.
    public func write(path: String, database: ClapDatabase, context: CommandContext) throws -> Exports.Written {
        guard let written = try ReportFiles.write([ReportFiles.Pending(path: path, text: csv(), kind: "das2", scope: "DAS2 \(year)")],
                                                  database: database, context: context).first else {
            preconditionFailure("one file was written")
        }
        return written
    }
}

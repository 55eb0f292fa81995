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
        public let nom: String
        public let profession: String?
        public let verseCentimes: Int64
        public let rejeteCentimes: Int64
        public let honorairesCentimes: Int64
        public let honoraires: String
        public let aDeclarer: Bool
    }

    public let annee: Int
    public let seuilCentimes: Int64
    public let lignes: [Line]
    public let totalCentimes: Int64
    public let nombreADeclarer: Int

    public var total: Cents { Cents(totalCentimes) }

    public init(year: Int, fees: [Das2Fees]) {
        annee = year
        seuilCentimes = Self.declarationThreshold.value
        lignes = fees.map {
            Line(rpps: $0.rpps.rawValue, nom: $0.displayName, profession: $0.profession?.label, verseCentimes: $0.paid.value,
                 rejeteCentimes: $0.rejected.value, honorairesCentimes: $0.net.value, honoraires: $0.net.commaString,
                 aDeclarer: $0.net >= Self.declarationThreshold)
        }
        totalCentimes = fees.reduce(Cents.zero) { $0 + $1.net }.value
        nombreADeclarer = lignes.filter(\.aDeclarer).count
    }

    public static func read(_ database: ClapDatabase, year: Int) throws -> Das2Summary {
        Das2Summary(year: year, fees: try database.read { try Das2Queries.fees(year: year, in: $0) })
    }

    public static let csvHeader = ["RPPS", "Nom", "Profession", "Virements", "Rejets", "Honoraires versés", "À déclarer"]

    /// `;`, decimal comma, UTF-8 with a BOM, formulas neutralised; a total line at the end.
    public func csv() -> String {
        var rows = lignes.map {
            [$0.rpps, $0.nom, $0.profession ?? "", Cents($0.verseCentimes).commaString, Cents($0.rejeteCentimes).commaString,
             Cents($0.honorairesCentimes).commaString, $0.aDeclarer ? "oui" : "non"]
        }
        rows.append(["", "Total", "", Cents(lignes.reduce(0) { $0 + $1.verseCentimes }).commaString,
                     Cents(lignes.reduce(0) { $0 + $1.rejeteCentimes }).commaString, total.commaString, String(nombreADeclarer)])
        return CSVWriter(separator: ";", includesBOM: true).document(header: Self.csvHeader, rows: rows)
    }

    public func text() -> String {
        var table = TextTable([.init("RPPS"), .init("Nom"), .init("Profession"), .init("Virements", .right), .init("Rejets", .right),
                               .init("Honoraires versés", .right), .init("À déclarer")])
        for line in lignes {
            table.add([line.rpps, line.nom, line.profession ?? "", Cents(line.verseCentimes).frenchString,
                       Cents(line.rejeteCentimes).frenchString, Cents(line.honorairesCentimes).frenchString, line.aDeclarer ? "oui" : "non"])
        }
        table.addSeparator()
        table.add(["", "Total", "", Cents(lignes.reduce(0) { $0 + $1.verseCentimes }).frenchString,
                   Cents(lignes.reduce(0) { $0 + $1.rejeteCentimes }).frenchString, total.frenchString, String(nombreADeclarer)])
        return ["DAS2 \(annee) — honoraires versés dans l'année (virements exécutés moins rejets), seuil de déclaration "
                    + "\(Self.declarationThreshold.euroString)",
                "", table.render(), "",
                "\(nombreADeclarer) professionnel(s) à déclarer sur \(lignes.count), \(total.euroString) versés au total."]
            .joined(separator: "\n")
    }

    /// Writes the CSV to `path` and records it.
    public func write(path: String, database: ClapDatabase, context: CommandContext) throws -> Exports.Written {
        guard let written = try ReportFiles.write([ReportFiles.Pending(path: path, text: csv(), kind: "das2", scope: "DAS2 \(annee)")],
                                                  database: database, context: context).first else {
            preconditionFailure("one file was written")
        }
        return written
    }
}

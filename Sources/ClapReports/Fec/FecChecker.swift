import Foundation
import LedgerCore

/// Reads a FEC and reports every rule of accounting.md it breaks, each finding pointing at its line.
///
/// Pure and incremental: feed it the file's bytes (`check(data:)`), or line by line (`check(line:)` then
/// `finish()`) to keep memory flat on a big file. Only a small record per entry is kept, for the balances.
public struct FecChecker {
    /// Beyond this many findings the checker stops collecting and says so.
    public static let findingsMax = 1_000

    /// Account numbers whose lines carry a third party (401100, 441100, 441900 in the default chart).
    public let thirdPartyAccounts: Set<String>
    /// When given, every `EcritureDate` must fall in this year.
    public let fiscalYear: Int?

    var findings: [FecFinding] = []
    var truncated = false
    var lineNumber = 0
    var state = FecEntryTracker()

    public init(thirdPartyAccounts: Set<String>, fiscalYear: Int? = nil) {
        self.thirdPartyAccounts = thirdPartyAccounts
        self.fiscalYear = fiscalYear
    }

    /// Checks a whole file given as bytes: no BOM, valid UTF-8, LF or CR LF line ends, then every line.
    public static func check(data: Data, thirdPartyAccounts: Set<String>, fiscalYear: Int? = nil) -> [FecFinding] {
        var checker = FecChecker(thirdPartyAccounts: thirdPartyAccounts, fiscalYear: fiscalYear)
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            checker.report("fec.encoding.bom", line: 1, "le fichier commence par une marque d'ordre d'octets (BOM) ; l'UTF-8 doit être sans BOM.")
        }
        var pieces = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if pieces.last?.isEmpty == true { pieces.removeLast() }
        for (index, piece) in pieces.enumerated() {
            var lineBytes = Array(piece)
            if lineBytes.last == 0x0D { lineBytes.removeLast() }
            // Reported above; stripped so the header is judged on its names alone.
            if index == 0 && lineBytes.starts(with: [0xEF, 0xBB, 0xBF]) { lineBytes.removeFirst(3) }
            guard let text = String(validating: lineBytes, as: UTF8.self) else {
                checker.lineNumber += 1
                checker.report("fec.encoding.utf8", line: checker.lineNumber, "la ligne n'est pas de l'UTF-8 valide.")
                continue
            }
            checker.check(line: text)
        }
        return checker.finish()
    }

    /// Checks a whole file given as text (encoded as UTF-8 for the byte-level rules).
    public static func check(text: String, thirdPartyAccounts: Set<String>, fiscalYear: Int? = nil) -> [FecFinding] {
        check(data: Data(text.utf8), thirdPartyAccounts: thirdPartyAccounts, fiscalYear: fiscalYear)
    }

    /// Checks the next physical line, without its line end (a trailing CR is tolerated).
    public mutating func check(line rawLine: String) {
        lineNumber += 1
        var line = rawLine
        if line.unicodeScalars.last == "\r" { line = String(line.unicodeScalars.dropLast()) }
        if lineNumber == 1 { checkHeader(line); return }
        if line.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}" || $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            report("fec.zone.line_break", "une zone contient un saut de ligne.")
        }
        let zones = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard zones.count == FecFormat.columns.count else {
            report("fec.line.zones", "\(zones.count) zone(s) au lieu de \(FecFormat.columns.count) (une tabulation en trop ou en moins ?).")
            return
        }
        let record = FecRecord(zones: zones)
        checkZones(record)
        var found: [FecFinding] = []
        state.track(record, line: lineNumber, found: &found)
        for finding in found { report(finding.code, line: finding.line, finding.message) }
    }

    /// Ends the file: reports unbalanced entries and an empty file, and returns every finding in line order.
    public mutating func finish() -> [FecFinding] {
        if lineNumber == 0 { report("fec.empty", line: 0, "le fichier est vide : il faut au moins la ligne d'en-tête.") }
        var found: [FecFinding] = []
        state.finish(found: &found)
        for finding in found { report(finding.code, line: finding.line, finding.message) }
        var all = findings.sorted { ($0.line, $0.code) < ($1.line, $1.code) }
        if truncated {
            all.append(FecFinding(code: "fec.findings.truncated", line: 0,
                                  message: "plus de \(Self.findingsMax) anomalies : les suivantes ne sont pas listées."))
        }
        return all
    }

    mutating func report(_ code: String, line: Int? = nil, _ message: String) {
        guard findings.count < Self.findingsMax else { truncated = true; return }
        findings.append(FecFinding(code: code, line: line ?? lineNumber, message: message))
    }

    private mutating func checkHeader(_ line: String) {
        if line.unicodeScalars.first == "\u{FEFF}" {
            report("fec.encoding.bom", "le fichier commence par une marque d'ordre d'octets (BOM) ; l'UTF-8 doit être sans BOM.")
        }
        let names = line.split(separator: "\t", omittingEmptySubsequences: false).map {
            String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}"))
        }
        guard names != FecFormat.columns else { return }
        let detail = Self.headerDifference(names)
        report("fec.header", "l'en-tête doit être exactement les 18 noms de l'article A47 A-1, dans l'ordre (\(detail)).")
    }

    private static func headerDifference(_ names: [String]) -> String {
        guard names.count == FecFormat.columns.count else { return "\(names.count) nom(s) au lieu de \(FecFormat.columns.count)" }
        for (index, (found, expected)) in zip(names, FecFormat.columns).enumerated() where found != expected {
            return "zone \(index + 1) : « \(found) » au lieu de « \(expected) »"
        }
        return ""
    }
}

import ClapDomain
import ClapReports
import ClapStore
import Foundation
import LedgerCore
import XCTest

/// Statements, the ARS report and the DAS2 summary rendered from facts built here: escaping, neutralisation,
/// print rules, chart geometry and number formats.
final class ReportRenderingTests: XCTestCase {
    static let script = "<script>alert(1)</script>"
    static let formula = "=HYPERLINK(\"http://x\")"

    /// A month whose every text field carries something hostile.
    static func hostileStatement() -> StatementData {
        let day = exportDay("2025-03-10")
        return StatementData(
            association: AssociationInfo(name: "Asso </style><script>x()</script>", siren: "882413578", iban: "FR7615519391000002012340129", bic: nil),
            professional: StatementProfessional(rpps: RPPS(unchecked: "10003456789"), firstName: formula, lastName: script, profession: .infirmier),
            period: ReportPeriod(year: 2025, month: 3)!, openingDue: Cents(1_000),
            actions: [StatementAction(entryDate: day, actionDate: day, team: TeamID(unchecked: "T044-001"), teamName: "<img src=x onerror=alert(2)>",
                                      reference: formula, type: .rcp, typeLabel: "RCP </td></tr><script>", role: .referent,
                                      durationMinutes: 90, amount: Cents(12_345))],
            cancellations: [StatementCancellation(entryDate: day, actionDate: day, team: TeamID(unchecked: "T044-001"), teamName: script,
                                                  reference: "@SUM(A1)", typeLabel: "RCP", reason: "+cmd|' /C calc'!A0", amount: Cents(2_345))],
            payments: [StatementPayment(entryDate: day, batchID: "VIR-2025-02", iban: IBAN(unchecked: "FR7630006000011234567890189"), amount: Cents(1_000))],
            rejections: [StatementRejection(entryDate: day, batchID: "VIR-2025-02", reason: "-2+3", amount: Cents(500))],
            others: [],
            closingDue: Cents(1_000 + 12_345 - 2_345 - 1_000 + 500))
    }

    func testAStatementPageEscapesEveryValueSoAScriptOrAFormulaNameIsInertText() {
        let statement = Self.hostileStatement()
        let html = StatementHTML.render(statement, issuedOn: exportDay("2025-04-01"))
        XCTAssertFalse(html.lowercased().contains("<script"), "no script element may come out of a value")
        XCTAssertFalse(html.contains("<img"), "no element may come out of a value")
        XCTAssertEqual(html.components(separatedBy: "</style>").count, 2, "one style element, never closed by a value")
        XCTAssertTrue(html.contains("&lt;SCRIPT&gt;ALERT(1)&lt;/SCRIPT&gt;"), "the uppercased last name is shown as text")
        XCTAssertTrue(html.contains("=HYPERLINK(&quot;http://x&quot;)"), "the formula first name is shown as text")
        XCTAssertTrue(html.contains("&lt;img src=x onerror=alert(2)&gt;"))
        XCTAssertFalse(html.contains("href="), "no link is made")
        XCTAssertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'"), "scripts and fetches are forbidden")
        XCTAssertFalse(html.contains("FR7630006000011234567890189"), "the IBAN is masked")
        XCTAssertTrue(html.contains("0189"), "its last 4 characters are shown")
        XCTAssertTrue(html.contains(statement.closingDue.euroString), "the balance due is shown")
        XCTAssertEqual(statement.computedClosingDue, statement.closingDue)
    }

    func testTheStatementPageIsAPrintableA4PageWithTheBalanceDueHighlighted() {
        let html = StatementHTML.render(Self.hostileStatement(), issuedOn: exportDay("2025-04-01"))
        XCTAssertTrue(html.contains("@page {"), html)
        XCTAssertTrue(html.contains("size: A4 portrait"), "printed on A4")
        XCTAssertTrue(html.contains("@media print"), "print-friendly rules")
        XCTAssertTrue(html.contains("<h1>Relevé d'indemnités</h1>"))
        XCTAssertTrue(html.contains("class=\"due due-final\"><span>Solde restant dû au 31/03/2025</span>"))
        XCTAssertTrue(html.contains("class=\"num\">\(Cents(12_345).euroString)<"), "amounts right-aligned")
        for external in ["<link", "@import", "url(", "<script", "src=\"http"] {
            XCTAssertFalse(html.contains(external), "no external resource: \(external)")
        }
    }

    func testTheRunningFooterInTheStyleSheetCannotBeEscapedFrom() {
        let css = HTML.cssString("a\"; } </style><script>")
        XCTAssertFalse(css.dropFirst().dropLast().contains("\""))
        XCTAssertFalse(css.contains("<") || css.contains(">") || css.contains("}") || css.contains(";"))
        XCTAssertEqual(HTML.cssString("Léa"), "\"L\\e9 a\"")
    }

    func testStatementCsvNeutralisesFormulaNamesAndItsBalancesAddUp() throws {
        let statement = Self.hostileStatement()
        let rows = csvCells(StatementCSV.csv(statement))
        XCTAssertEqual(rows.first, StatementCSV.header)
        for row in rows {
            XCTAssertEqual(row.count, StatementCSV.header.count, "\(row)")
            for cell in row { XCTAssertFalse(isLiveFormula(cell), "live formula \(cell) in \(row)") }
        }
        let names = rows.dropFirst().map { $0[1] }
        XCTAssertTrue(names.allSatisfy { $0 == "'=HYPERLINK(\"http://x\") <SCRIPT>ALERT(1)</SCRIPT>" }, "\(names)")
        XCTAssertTrue(rows.contains { $0.contains("'@SUM(A1)") })
        XCTAssertTrue(rows.contains { $0.contains("'-2+3") }, "a reason that only looks like a sum is neutralised")
        let amounts = rows.dropFirst(2).dropLast().map { $0[12] }
        XCTAssertEqual(amounts, ["123,45", "-23,45", "-10,00", "5,00"], "signed movements in date order")
        XCTAssertEqual(rows.last?[13], statement.closingDue.commaString)
        XCTAssertEqual(rows[rows.count - 2][13], statement.closingDue.commaString, "the running balance ends on the balance due")
    }

    func testStatementTextIsAnAlignedFrenchTable() {
        let text = StatementText.render(Self.hostileStatement(), issuedOn: exportDay("2025-04-01"))
        XCTAssertTrue(text.hasPrefix("Relevé d'indemnités — mars 2025 (du 01/03/2025 au 31/03/2025)"), text)
        XCTAssertTrue(text.contains("1\u{00A0}h\u{00A0}30"), "durations in hours and minutes")
        XCTAssertTrue(text.contains("••••\u{00A0}0189"), "the IBAN masked but its last 4 characters")
        let closing = text.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(closing.hasPrefix("Solde restant dû au 31/03/2025"), closing)
        XCTAssertTrue(closing.hasSuffix(Cents(10_500).euroString), closing)
    }

    func testAnOverpaidBalanceIsExplainedAsDeductedFromTheNextIndemnities() {
        let day = exportDay("2025-12-31")
        let overpaid = StatementData(
            association: DemoYear.association,
            professional: StatementProfessional(rpps: RPPS(unchecked: "10003456789"), firstName: "Jean", lastName: "Hervé", profession: nil),
            period: ReportPeriod(year: 2025, month: 12)!, openingDue: .zero, actions: [],
            cancellations: [StatementCancellation(entryDate: day, actionDate: exportDay("2025-06-03"), team: nil, teamName: nil,
                                                  reference: "RCP-1", typeLabel: nil, reason: "Doublon", amount: Cents(14_000))],
            payments: [], rejections: [], others: [], closingDue: Cents(-14_000))
        let text = StatementText.render(overpaid, issuedOn: day)
        XCTAssertTrue(text.contains("Aucune action indemnisée sur la période."), text)
        XCTAssertTrue(text.contains("Solde restant dû au 31/12/2025  \(Cents(-14_000).euroString)"), text)
        XCTAssertTrue(text.hasSuffix("trop-perçu : il sera déduit de vos prochaines indemnités."), text)
        XCTAssertTrue(text.contains("— inconnu du registre"), "a profession the registry lacks is said so")
        let html = StatementHTML.render(overpaid, issuedOn: day)
        XCTAssertTrue(html.contains("trop-perçu"))
        XCTAssertTrue(StatementHTML.render(Self.hostileStatement(), issuedOn: day).contains("trop-perçu") == false)
    }

    // MARK: ARS report

    static func team(_ id: String, _ department: Department, name: String? = nil) -> Team {
        Team(id: TeamID(unchecked: id), name: name ?? "Équipe \(id)", department: department, arsNumber: nil, arsRegisteredOn: nil,
             conventionOn: nil, legalForm: .association, actionTypes: [.rcp, .etp])
    }

    /// Two teams in Loire-Atlantique sharing a nurse, one in Vendée named like a formula.
    static func arsFacts() -> ArsReportFacts {
        let doctor = RPPS(unchecked: "10000000001"), nurse = RPPS(unchecked: "10000000002"), physio = RPPS(unchecked: "10000000003")
        return ArsReportFacts(
            association: AssociationInfo(name: script, siren: "882413578", iban: "FR7615519391000002012340129", bic: nil), year: 2025,
            teams: [
                ArsTeamFacts(team: team("T044-001", .loireAtlantique), granted: Cents(1_000_000), consumed: Cents(250_000),
                             actionCounts: [.rcp: 3, .etp: 1], minutesByType: [.rcp: 150, .etp: 120],
                             participants: [ArsParticipant(rpps: doctor, profession: .medecinGeneraliste, indemnified: true),
                                            ArsParticipant(rpps: nurse, profession: .infirmier, indemnified: true)]),
                ArsTeamFacts(team: team("T044-002", .loireAtlantique), granted: Cents(800_000), consumed: Cents(800_000),
                             actionCounts: [.rcp: 2, .rcpPatient: 1, .pps: 2], minutesByType: [.rcp: 45, .rcpPatient: 30],
                             participants: [ArsParticipant(rpps: nurse, profession: .infirmier, indemnified: true),
                                            ArsParticipant(rpps: physio, profession: .masseurKinesitherapeute, indemnified: false)]),
                ArsTeamFacts(team: team("T085-001", .vendee, name: formula), granted: Cents(1_000_000), consumed: .zero,
                             actionCounts: [:], minutesByType: [:], participants: []),
            ],
            actionTypes: TariffSchedule.requiredTypes.map { ArsActionType(code: $0, label: "Libellé \($0.rawValue)") })
    }

    func testDepartmentAndRegionLinesAddUpTheirTeamsAndCountAProfessionalOnce() throws {
        let report = ArsReport(Self.arsFacts())
        let loire = try XCTUnwrap(report.departments.first { $0.code == "44" })
        XCTAssertEqual(loire.granted, Cents(1_800_000))
        XCTAssertEqual(loire.consumed, Cents(1_050_000))
        XCTAssertEqual(loire.left, Cents(750_000))
        XCTAssertEqual(loire.actionCounts, ["RCP": 5, "ETP": 1, "RCP_PATIENT": 1, "PPS": 2])
        XCTAssertEqual(loire.rcpMinutes, 225, "RCP with and without the patient")
        XCTAssertEqual(ReportFormat.hours(minutes: loire.rcpMinutes), "3,75")
        XCTAssertEqual(loire.etpMinutes, 120)
        XCTAssertEqual(loire.ppsCount, 2)
        XCTAssertEqual(loire.professionalCount, 3, "the nurse of both teams counts once")
        XCTAssertEqual(loire.indemnifiedCount, 2)
        XCTAssertEqual(loire.professionalsByProfession, ["medecin_generaliste": 1, "infirmier": 1, "masseur_kinesitherapeute": 1])
        XCTAssertEqual(report.teams.map(\.professionalCount).reduce(0, +), 4, "per team, she counts in each")
        XCTAssertEqual(report.region.granted, report.departments.reduce(.zero) { $0 + $1.granted })
        XCTAssertEqual(report.region.consumed, report.teams.reduce(.zero) { $0 + $1.consumed })
        XCTAssertEqual(report.region.actionCount, 9)
        XCTAssertEqual(report.departments.map(\.code), ["44", "49", "53", "72", "85"])
        XCTAssertEqual(report.departments.first { $0.code == "49" }?.granted, .zero)
    }

    func testChartBarsAreProportionalToTheAmountsInIntegerPixels() {
        XCTAssertEqual(ArsChart.barWidth(Cents(250_000), scale: Cents(1_000_000), width: 330), 82, "330 × 1/4 = 82.5, rounded down")
        XCTAssertEqual(ArsChart.barWidth(Cents(1_000_000), scale: Cents(1_000_000), width: 330), 330)
        XCTAssertEqual(ArsChart.barWidth(Cents(1), scale: Cents(1_000_000), width: 330), 0)
        XCTAssertEqual(ArsChart.barWidth(Cents(500), scale: .zero), 0, "no envelope, no bar")
        let report = ArsReport(Self.arsFacts())
        let svg = ArsChart.svg(report.teams)
        let bars = self.bars(svg)
        XCTAssertEqual(bars.map(\.fill), [82, 264, 0], "consumed 2 500, 8 000 and 0 € against a 10 000 € scale")
        XCTAssertEqual(bars.map(\.track), [330, 264, 330], "envelopes of 10 000, 8 000 and 10 000 €")
        for (bar, team) in zip(bars, report.teams) {
            XCTAssertEqual(Int64(bar.fill), team.consumed.value * Int64(ArsChart.barAreaWidth) / 1_000_000)
        }
        XCTAssertEqual(bars.map(\.full), [false, true, false], "the exhausted envelope is marked")
        XCTAssertTrue(svg.contains("=HYPERLINK(&quot;http://x&quot;)"), "a team name is escaped in the SVG")
    }

    /// Each team's bar: the widths of its track and fill rectangles, and whether the fill is marked full.
    func bars(_ svg: String) -> [(track: Int, fill: Int, full: Bool)] {
        svg.components(separatedBy: "<g class=\"row\">").dropFirst().map { group in
            let rects = group.components(separatedBy: "<rect ").dropFirst()
            func width(_ rect: String) -> Int {
                guard let range = rect.range(of: "width=\""), let end = rect[range.upperBound...].firstIndex(of: "\"") else { return -1 }
                return Int(rect[range.upperBound..<end]) ?? -1
            }
            let track = rects.first { $0.contains("class=\"track\"") } ?? ""
            let fill = rects.first { $0.contains("class=\"fill") } ?? ""
            return (width(track), width(fill), fill.contains("class=\"fill full\""))
        }
    }

    func testArsHtmlIsSelfContainedPrintableAndEscaped() {
        let html = ArsReportHTML.render(ArsReport(Self.arsFacts()), issuedOn: exportDay("2026-01-20"))
        XCTAssertTrue(html.contains("size: A4 portrait"))
        XCTAssertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\""), "an inline SVG chart")
        XCTAssertFalse(html.lowercased().contains("<script"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the association name is text")
        XCTAssertTrue(html.contains("3,75"), "hours as French decimals")
        XCTAssertTrue(html.contains("Dépt 44"))
    }

    func testArsCsvHasFrenchHeadersOneLinePerLevelAndNoLiveFormula() throws {
        let report = ArsReport(Self.arsFacts())
        let rows = csvCells(ArsReportCSV.csv(report))
        XCTAssertEqual(rows.first, ArsReportCSV.header(report))
        XCTAssertEqual(rows.count, 1 + 3 + 5 + 1, "header, teams, departments, region")
        XCTAssertTrue(rows.allSatisfy { $0.count == rows[0].count })
        for row in rows { for cell in row { XCTAssertFalse(isLiveFormula(cell), "\(cell)") } }
        let vendee = try XCTUnwrap(rows.first { $0[1] == "T085-001" })
        XCTAssertEqual(vendee[2], "'" + Self.formula)
        let region = try XCTUnwrap(rows.last)
        XCTAssertEqual(Array(region[0...7]), ["Région", "", "Pays de la Loire", "", "28000,00", "10500,00", "17500,00", "37,50"])
        let hours = try XCTUnwrap(rows[0].firstIndex(of: "Heures de RCP"))
        XCTAssertEqual(region[hours], "3,75")
        XCTAssertEqual(region[hours + 1], "2")
    }

    // MARK: Formats and DAS2

    func testHoursAreFrenchDecimalsComputedFromMinutes() {
        XCTAssertEqual(ReportFormat.hours(minutes: 750), "12,5")
        XCTAssertEqual(ReportFormat.hours(minutes: 45), "0,75")
        XCTAssertEqual(ReportFormat.hours(minutes: 20), "0,33")
        XCTAssertEqual(ReportFormat.hours(minutes: 40), "0,67", "rounded half up to the hundredth")
        XCTAssertEqual(ReportFormat.hours(minutes: 120), "2")
        XCTAssertEqual(ReportFormat.hours(minutes: 0), "0")
        XCTAssertEqual(ReportFormat.duration(minutes: 45), "45\u{00A0}min")
        XCTAssertEqual(ReportFormat.duration(minutes: 125), "2\u{00A0}h\u{00A0}05")
        XCTAssertEqual(ReportFormat.percent(basisPoints: 6097), "60,97\u{00A0}%")
        XCTAssertEqual(ReportFormat.percent(basisPoints: 5), "0,05\u{00A0}%")
    }

    func testDas2MarksFeesFromTheThresholdOnAndNeutralisesNames() throws {
        func fees(_ rpps: String, _ last: String, paid: Int64, rejected: Int64 = 0) -> Das2Fees {
            Das2Fees(rpps: RPPS(unchecked: rpps), firstName: Self.formula, lastName: last, profession: .sageFemme,
                     paid: Cents(paid), rejected: Cents(rejected))
        }
        let summary = Das2Summary(year: 2025, fees: [
            fees("10000000001", "Exact", paid: 120_000), fees("10000000002", "Under", paid: 119_999),
            fees("10000000003", "Rejected", paid: 150_000, rejected: 40_000), fees("10000000004", Self.script, paid: 300_000),
        ])
        XCTAssertEqual(summary.lines.map(\.mustDeclare), [true, false, false, true])
        XCTAssertEqual(summary.lines.map(\.netCents), [120_000, 119_999, 110_000, 300_000])
        XCTAssertEqual(summary.total, Cents(649_999))
        XCTAssertEqual(summary.declaredCount, 2)
        let rows = csvCells(summary.csv())
        XCTAssertEqual(rows.first, Das2Summary.csvHeader)
        XCTAssertEqual(rows[1], ["10000000001", "'=HYPERLINK(\"http://x\") EXACT", "Sage-femme", "1200,00", "0,00", "1200,00", "oui"])
        XCTAssertEqual(rows.last?[5], "6499,99")
        for row in rows { for cell in row { XCTAssertFalse(isLiveFormula(cell), "\(cell)") } }
        XCTAssertTrue(summary.text().contains("2 professionnel(s) à déclarer sur 4"))
    }
}

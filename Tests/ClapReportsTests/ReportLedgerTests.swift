import ClapDomain
import ClapReports
import ClapStore
import Foundation
import GRDB
import LedgerCore
import XCTest
import ClapTestSupport

/// Statements, the ARS report and the DAS2 summary of a whole demo year, checked against the ledger itself.
final class ReportLedgerTests: XCTestCase {
    var demo: ReportDemo!

    override func setUpWithError() throws { demo = try ReportDemo() }
    override func tearDown() { demo = nil }

    /// Credit − debit of 401100 per third party up to `day`, summed here from the entries.
    func payableDue(through day: Day) throws -> [String: Cents] {
        var due: [String: Cents] = [:]
        for entry in try demo.entries() where entry.draft.entryDate <= day {
            for line in entry.draft.lines where line.account == "401100" {
                due[line.auxiliary ?? "", default: .zero] -= line.signedAmount
            }
        }
        return due
    }

    func testEveryStatementBalanceDueEqualsThePayableBalanceOfItsProfessional() throws {
        let periods = [ReportPeriod(year: 2025)!, ReportPeriod(year: 2026)!] + (1...12).map { ReportPeriod(year: 2025, month: $0)! }
        for period in periods {
            let statements = try demo.database.read { try StatementQueries.statements(period: period, in: $0) }
            let due = try payableDue(through: period.last)
            XCTAssertFalse(statements.isEmpty, "\(period.code)")
            for statement in statements {
                let rpps = statement.professional.rpps.rawValue
                let ledger = try demo.database.read { try Balances.balance(account: "401100", auxiliary: rpps, through: period.last, in: $0) }
                XCTAssertEqual(statement.closingDue, -ledger, "\(rpps) \(period.code)")
                XCTAssertEqual(statement.closingDue, due[rpps] ?? .zero, "\(rpps) \(period.code)")
                XCTAssertEqual(statement.computedClosingDue, statement.closingDue, "the listed movements add up: \(rpps) \(period.code)")
                XCTAssertEqual(statement.others, [], "every line is an action, a cancellation, a payment or a rejection")
                XCTAssertNotNil(statement.professional.lastName)
            }
            let owed = Set(due.filter { $0.value != .zero }.keys)
            XCTAssertTrue(owed.isSubset(of: Set(statements.map(\.professional.rpps.rawValue))), "whoever is owed gets a statement")
        }
    }

    /// Who should get a statement, from the entries themselves: a 401100 line in the period, or something due before it.
    func expectedThirdParties(_ period: ReportPeriod) throws -> [String] {
        var moved: Set<String> = []
        for entry in try demo.entries() where entry.draft.journal != .an
            && (period.first...period.last).contains(entry.draft.entryDate) {
            for line in entry.draft.lines where line.account == "401100" { moved.insert(line.auxiliary ?? "") }
        }
        let owed = try period.first.adding(days: -1).map { try payableDue(through: $0) } ?? [:]
        return moved.union(owed.filter { $0.value != .zero }.keys).sorted()
    }

    /// `--all` reads everyone in two passes (monthly totals, then the period's lines sorted by third party);
    /// each of its statements must be exactly the one read alone, line by line from the professional's history.
    func testEveryStatementOfTheAllReadingEqualsTheStatementReadAlone() throws {
        let periods = [ReportPeriod(year: 2024)!, ReportPeriod(year: 2025)!, ReportPeriod(year: 2026)!]
            + (1...12).map { ReportPeriod(year: 2025, month: $0)! } + [ReportPeriod(year: 2026, month: 1)!, ReportPeriod(year: 2026, month: 2)!]
        for period in periods {
            let statements = try demo.database.read { try StatementQueries.statements(period: period, in: $0) }
            XCTAssertEqual(statements.map(\.professional.rpps.rawValue), try expectedThirdParties(period), period.code)
            for statement in statements {
                let alone = try demo.database.read {
                    try StatementQueries.statement(rpps: statement.professional.rpps, period: period, in: $0)
                }
                XCTAssertEqual(statement, alone, "\(statement.professional.rpps) \(period.code)")
            }
        }
        XCTAssertTrue(try demo.database.read { try StatementQueries.statements(period: ReportPeriod(year: 2024)!, in: $0) }.isEmpty)
        // The bank sent a transfer back on 15/01/2026: that professional is owed in February with no movement.
        let february = try demo.database.read { try StatementQueries.statements(period: ReportPeriod(year: 2026, month: 2)!, in: $0) }
        let owed = try XCTUnwrap(february.first { $0.professional.rpps == self.demo.rejected }, "someone owed with no movement still gets one")
        XCTAssertTrue(owed.openingDue.isPositive && owed.closingDue == owed.openingDue)
        XCTAssertTrue(owed.actions.isEmpty && owed.payments.isEmpty && owed.rejections.isEmpty)
    }

    /// Monthly totals that disagree with the lines are refused, naming the professional; no file is left behind.
    func testStatementsForEveryoneRefuseMonthlyTotalsThatDisagreeWithTheLines() throws {
        let june = ReportPeriod(year: 2025, month: 6)!
        let statements = try demo.database.read { try StatementQueries.statements(period: june, in: $0) }
        let (first, last) = (statements[0].professional.rpps.rawValue, statements[statements.count - 1].professional.rpps.rawValue)
        let damages = [
            ("UPDATE third_party_month SET credit_cents = credit_cents + 1 WHERE account = '401100' AND auxiliary = '\(first)' AND month = '2025-06'", first),
            ("DELETE FROM third_party_month WHERE account = '401100' AND auxiliary = '\(last)'", last),
        ]
        for (damage, named) in damages {
            let demo = try ReportDemo()
            try DatabaseQueue(path: demo.path).write { try $0.execute(sql: damage) }
            let folder = demo.folder.appendingPathComponent("releves").path
            XCTAssertThrowsError(try Statements.writeAll(period: june, format: .csv, folder: folder, database: demo.database,
                                                         context: demo.context), damage) { error in
                guard case let .refused(code, message)? = error as? StoreError else { return XCTFail("\(error)") }
                XCTAssertEqual(code, "statement.totals_disagree")
                XCTAssertTrue(message.contains(named) && message.contains("clap verify"), message)
            }
            XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [], [], damage)
            XCTAssertEqual(try demo.database.read { try ExportStore.list(in: $0) }.count, 0, damage)
        }
    }

    /// Monthly totals beyond any ledger (two rows at the largest integer) are refused as unreadable, not summed
    /// past Int64: nothing crashes, nothing is written.
    func testStatementsForEveryoneRefuseMonthlyTotalsThatWouldOverflow() throws {
        let june = ReportPeriod(year: 2025, month: 6)!
        let rpps = try XCTUnwrap(try demo.database.read { try StatementQueries.statements(period: june, in: $0) }.first?.professional.rpps.rawValue)
        try DatabaseQueue(path: demo.path).write {
            try $0.execute(sql: """
                INSERT OR REPLACE INTO third_party_month (month, account, auxiliary, debit_cents, credit_cents)
                VALUES ('2025-05', '401100', ?1, 0, 9223372036854775807), ('2025-06', '401100', ?1, 0, 9223372036854775807)
                """, arguments: [rpps])
        }
        let folder = demo.folder.appendingPathComponent("releves").path
        XCTAssertThrowsError(try Statements.writeAll(period: june, format: .text, folder: folder, database: demo.database,
                                                     context: demo.context)) { error in
            guard case let .refused(code, message)? = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertEqual(code, "totals.unreadable")
            XCTAssertTrue(message.contains(rpps), message)
        }
        XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [], [])
    }

    func testTheStatementShowsTheCancellationThePaymentsAndTheRejection() throws {
        let period = ReportPeriod(year: 2025)!
        let statement = try demo.database.read { try StatementQueries.statement(rpps: self.demo.rejected, period: period, in: $0) }
        let cancelled = demo.cancelledAction
        let cancellation = try XCTUnwrap(statement.cancellations.first)
        XCTAssertEqual(cancellation.reference, cancelled.reference)
        XCTAssertEqual(cancellation.reason, "Doublon déclaré par l'équipe")
        XCTAssertEqual(cancellation.actionDate, cancelled.date)
        let original = try XCTUnwrap(statement.actions.first { $0.reference == cancelled.reference && $0.team.rawValue == cancelled.team })
        XCTAssertEqual(cancellation.amount, original.amount, "the mirror takes back exactly what was valued")
        XCTAssertEqual(original.type.rawValue, cancelled.type)
        XCTAssertEqual(original.durationMinutes, cancelled.durationMinutes)
        XCTAssertNotNil(original.role)
        // The bank's rejection comes back on 15/01/2026: it belongs to the 2026 statement.
        XCTAssertTrue(statement.rejections.isEmpty)
        let nextYear = try demo.database.read { try StatementQueries.statement(rpps: self.demo.rejected, period: ReportPeriod(year: 2026)!, in: $0) }
        let rejection = try XCTUnwrap(nextYear.rejections.first)
        XCTAssertEqual(rejection.batchID, demo.rejectedBatch)
        XCTAssertEqual(rejection.reason, "Compte clos")
        let batch = try demo.database.read { try PayoutStore.batch(id: self.demo.rejectedBatch, in: $0) }
        let transfer = try XCTUnwrap(batch.transfers.first { $0.rpps == demo.rejected })
        XCTAssertEqual(rejection.amount, transfer.amount)
        let payment = try XCTUnwrap(statement.payments.first { $0.batchID == demo.rejectedBatch })
        XCTAssertEqual(payment.amount, transfer.amount)
        XCTAssertEqual(payment.iban, transfer.iban)

        let html = StatementHTML.render(statement, issuedOn: demo.context.today)
        XCTAssertFalse(html.contains(transfer.iban.rawValue), "never the whole IBAN")
        XCTAssertTrue(html.contains(ReportFormat.maskedIBAN(transfer.iban)))
        XCTAssertTrue(StatementHTML.render(nextYear, issuedOn: demo.context.today).contains("Compte clos"))
        XCTAssertTrue(html.contains("Solde restant dû au 31/12/2025</span><strong>\(statement.closingDue.euroString)</strong>"))
    }

    func testTheArsReportEnvelopesAreTheLedgerBalancesOfEachAnalyticCodeAndTotalsAddUp() throws {
        let report = try ArsReports.report(demo.database, year: 2025)
        let teams = try demo.database.read { try RegistryStore.teams(in: $0) }
        XCTAssertEqual(Set(report.teams.map(\.code)), Set(teams.map(\.id.rawValue)))
        for row in report.teams {
            let analytic = "\(row.code)/2025"
            let (revenue, reuse, expense) = try demo.database.read { db in
                (try Balances.balance(account: "741000", analytic: analytic, in: db),
                 try Balances.balance(account: "789400", analytic: analytic, in: db),
                 try Balances.balance(account: "622600", analytic: analytic, in: db))
            }
            XCTAssertEqual(row.granted, -(revenue + reuse), analytic)
            XCTAssertEqual(row.consumed, expense, analytic)
            XCTAssertEqual(row.left, row.granted - row.consumed)
        }
        XCTAssertTrue(report.teams.contains { $0.consumed.isPositive && $0.consumed < $0.granted }, "a realistic year")
        for level in report.departments + [report.region] {
            let members = level.level == .region ? report.teams : report.teams(in: level)
            XCTAssertEqual(level.granted, members.reduce(.zero) { $0 + $1.granted }, level.code)
            XCTAssertEqual(level.consumed, members.reduce(.zero) { $0 + $1.consumed }, level.code)
            XCTAssertEqual(level.actionCount, members.map(\.actionCount).reduce(0, +), level.code)
            XCTAssertEqual(level.rcpMinutes, members.map(\.rcpMinutes).reduce(0, +), level.code)
            XCTAssertEqual(level.etpMinutes, members.map(\.etpMinutes).reduce(0, +), level.code)
            XCTAssertEqual(level.ppsCount, members.map(\.ppsCount).reduce(0, +), level.code)
            XCTAssertLessThanOrEqual(level.professionalCount, members.map(\.professionalCount).reduce(0, +), level.code)
        }
        XCTAssertEqual(report.region.granted, report.departments.reduce(.zero) { $0 + $1.granted })

        // Activity, from the actions as `actions list` gives them: the cancelled action is not paid any more.
        let paid = try demo.database.read { try ActionStore.list(team: nil, status: "validee", in: $0) }.filter { $0.date.year == 2025 }
        XCTAssertFalse(paid.contains { $0.id == demo.cancelledAction.id })
        XCTAssertEqual(report.region.actionCount, paid.count)
        XCTAssertEqual(report.region.ppsCount, paid.filter { $0.type == "PPS" }.count)
        XCTAssertEqual(report.region.rcpMinutes, paid.filter { ["RCP", "RCP_PATIENT"].contains($0.type) }.compactMap(\.durationMinutes).reduce(0, +))
        XCTAssertEqual(report.region.etpMinutes, paid.filter { $0.type == "ETP" }.compactMap(\.durationMinutes).reduce(0, +))
        XCTAssertEqual(report.region.professionalCount, Set(paid.flatMap { $0.participants.map { String($0.prefix(11)) } }).count)
        let consumed = try demo.database.read { try Balances.balance(account: "622600", in: $0) }
        XCTAssertEqual(report.region.consumed, consumed, "the demo has only 2025 envelopes")
    }

    func testTheDas2TotalIsTheYearsPayoutsLessItsRejectsFromThePayoutTablesAndFromTheLedger() throws {
        let batches = try demo.database.read { db in try PayoutStore.batches(in: db).map { try PayoutStore.batch(id: $0.id, in: db) } }
        let entries = try demo.entries()
        var checkedRejects = 0
        for year in [2025, 2026] {
            let summary = try Das2Summary.read(demo.database, year: year)
            XCTAssertFalse(summary.lines.isEmpty, "\(year)")
            let transfers = batches.filter { $0.entryDate?.year == year }.flatMap(\.transfers)
            let rejects = batches.flatMap(\.transfers).filter { $0.rejection?.on.year == year }
            checkedRejects += rejects.count
            let fromPayouts = transfers.reduce(.zero) { $0 + $1.amount } - rejects.reduce(.zero) { $0 + $1.amount }
            XCTAssertEqual(summary.total, fromPayouts, "\(year) from the payout tables")
            var fromLedger = Cents.zero
            for entry in entries where entry.draft.journal == .bq && entry.draft.entryDate.year == year {
                for line in entry.draft.lines where line.account == "401100" { fromLedger += line.signedAmount }
            }
            XCTAssertEqual(summary.total, fromLedger, "\(year) from the BQ lines of 401100")
            for line in summary.lines {
                let paid = transfers.filter { $0.rpps.rawValue == line.rpps }.reduce(.zero) { $0 + $1.amount }
                let rejected = rejects.filter { $0.rpps.rawValue == line.rpps }.reduce(.zero) { $0 + $1.amount }
                XCTAssertEqual(Cents(line.netCents), paid - rejected, "\(line.rpps) \(year)")
                XCTAssertEqual(line.mustDeclare, line.netCents >= 120_000)
            }
        }
        XCTAssertEqual(checkedRejects, 1, "the rejection is counted in the year the money came back")
        let summary2025 = try Das2Summary.read(demo.database, year: 2025)
        XCTAssertTrue(summary2025.lines.contains { $0.mustDeclare } && summary2025.lines.contains { !$0.mustDeclare })
    }

    func testFilesAreWrittenAndRecordedInTheExportRegister() throws {
        let folder = demo.folder.appendingPathComponent("rapports").path
        let ars = try ArsReports.write(try ArsReports.report(demo.database, year: 2025), folder: folder, database: demo.database, context: demo.context)
        XCTAssertEqual(ars.map { ($0.path as NSString).lastPathComponent }, ["rapport-ars-2025.csv", "rapport-ars-2025.html"])
        let statements = try Statements.writeAll(period: ReportPeriod(year: 2025, month: 6)!, format: .html,
                                                 folder: folder + "/releves", database: demo.database, context: demo.context)
        let expected = try expectedThirdParties(ReportPeriod(year: 2025, month: 6)!)
        XCTAssertEqual(statements.map { ($0.path as NSString).lastPathComponent }, expected.map { "releve-\($0)-2025-06.html" })
        let records = try demo.database.read { try ExportStore.list(in: $0) }
        XCTAssertEqual(records.count, ars.count + statements.count)
        for written in ars + statements {
            let data = try Data(contentsOf: URL(fileURLWithPath: written.path))
            XCTAssertEqual(CanonicalHash.sha256Hex(data), written.sha256, written.path)
            XCTAssertTrue(records.contains { $0.file == written.path && $0.sha256 == written.sha256 })
            let mode = try FileManager.default.attributesOfItem(atPath: written.path)[.posixPermissions] as? Int
            XCTAssertEqual(mode, 0o600, "owner only")
        }
        XCTAssertEqual(Set(records.map(\.kind)), ["rapport-ars", "releve"])
    }
}

/// After the year close: the à-nouveaux restate 401100 balances the history already holds, so the next year's
/// statement starts from the history and never counts the carried balance twice.
final class StatementAfterCloseTests: XCTestCase {
    func testTheNextYearsStatementsAddUpAndIgnoreTheOpeningEntry() throws {
        let folder = ScratchFolder.url("clap-closed")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("clap.sqlite").path
        let summary = try DemoYear.run(databasePath: path, outputFolder: folder.appendingPathComponent("sorties").path,
                                       context: ExportLedger.context("2026-02-01"))
        XCTAssertNotNil(summary.yearClose?.opening, "the demo opens 2026 with à-nouveaux")
        let database = try ClapDatabase.open(at: path)
        let statements = try database.read { try StatementQueries.statements(period: ReportPeriod(year: 2026)!, in: $0) }
        XCTAssertFalse(statements.isEmpty)
        for statement in statements {
            let rpps = statement.professional.rpps.rawValue
            let endOf2025 = try database.read { try Balances.balance(account: "401100", auxiliary: rpps, through: Day(year: 2025, month: 12, day: 31)!, in: $0) }
            XCTAssertEqual(statement.openingDue, -endOf2025, rpps)
            XCTAssertEqual(statement.others, [], "the AN line is not a movement of 2026: \(rpps)")
            XCTAssertEqual(statement.computedClosingDue, statement.closingDue, rpps)
        }
    }
}

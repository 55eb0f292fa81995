import ClapDomain
import GRDB
import LedgerCore

/// Invariant 6: every IND entry belongs to an action, and valuing that action again with the barème version
/// it was valued with gives exactly the posted amounts, line by line.
enum ValuationCheck {
    static func check(in db: Database) throws -> [LedgerViolation] {
        var found: [LedgerViolation] = []
        let schedules = Dictionary(uniqueKeysWithValues: try TariffStore.loaded(in: db).map { ($0.id, $0.schedule) })
        let chart = try AssociationStore.chart(in: db)
        let payable = chart.number(.professionalPayable), expense = chart.number(.indemnityExpense)

        let orphans = try Row.fetchAll(db, sql: """
            SELECT e.journal, e.fiscal_year, e.number FROM entry e
            WHERE e.journal = 'IND' AND NOT EXISTS (SELECT 1 FROM action a WHERE a.entry_seq = e.seq OR a.cancel_entry_seq = e.seq)
            ORDER BY e.seq
            """)
        for row in orphans {
            found.append(LedgerViolation(invariant: 6, code: "indemnity.orphan", entry: Verifier.ref(row),
                                         message: "cette écriture d'indemnités ne correspond à aucune action."))
        }

        let actions = try Row.fetchAll(db, sql: "SELECT id, entry_seq, tariff_version_id FROM action WHERE status IN ('validee', 'annulee') ORDER BY id")
        for row in actions {
            let id: Int64 = row["id"]
            guard let seq: Int64 = row["entry_seq"] else { continue }
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM entry WHERE seq = ?", arguments: [seq]) ?? false else {
                found.append(LedgerViolation(invariant: 6, code: "indemnity.missing_entry",
                                             message: "action n° \(id) : son écriture d'indemnités (position \(seq) de la chaîne) a disparu."))
                continue
            }
            let entry = try LedgerReader.entry(seq: seq, in: db)
            func violation(_ message: String) -> LedgerViolation {
                LedgerViolation(invariant: 6, code: "indemnity.valuation", entry: entry.ref, message: "action n° \(id) : " + message)
            }
            guard let versionID: Int64 = row["tariff_version_id"], let schedule = schedules[versionID] else {
                found.append(violation("la version du barème qui l'a valorisée est introuvable."))
                continue
            }
            guard let declaration = try ActionStore.declaration(id, in: db) else { continue }
            let groups = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT rpps, tariff_group FROM action_participant WHERE action_id = ?",
                                                                          arguments: [id]).compactMap { row -> (RPPS, TariffGroup)? in
                guard let text: String = row["tariff_group"], let group = TariffGroup(rawValue: text) else { return nil }
                return (RPPS(unchecked: row["rpps"]), group)
            })
            switch Valuation.value(declaration, groups: groups, schedule: schedule) {
            case .failure(let issue):
                found.append(violation("elle ne se valorise plus avec son barème : \(issue.message)"))
            case .success(let valuation):
                var expected: [String: Cents] = [:]
                for line in valuation.lines { expected[line.rpps.rawValue, default: .zero] += line.amount }
                var posted: [String: Cents] = [:]
                var expensePosted = Cents.zero
                for line in entry.draft.lines {
                    if line.account == payable, line.side == .credit { posted[line.auxiliary ?? "", default: .zero] += line.amount }
                    if line.account == expense, line.side == .debit, line.analytic == declaration.analyticCode { expensePosted += line.amount }
                }
                if posted != expected || expensePosted != valuation.total {
                    found.append(violation("revalorisée, elle vaut \(valuation.total.euroString) (\(expected.map { "\($0.key) \($0.value.euroString)" }.sorted().joined(separator: ", "))) ; l'écriture porte \(expensePosted.euroString) (\(posted.map { "\($0.key) \($0.value.euroString)" }.sorted().joined(separator: ", ")))."))
                }
            }
        }
        return found
    }
}

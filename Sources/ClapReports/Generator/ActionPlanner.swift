import ClapDomain
import LedgerCore

/// One generated action row: a participant of an action, as `actions-AAAA-MM.csv` says it.
struct GeneratedActionRow {
    let team: String
    let reference: String
    let type: ActionTypeCode
    let date: Day
    let durationMinutes: Int?
    let caseRef: String?
    let protocolRef: String?
    let rpps: RPPS
    let role: ParticipantRole
}

/// Plans each month's actions, team by team: about 4½ a month, mostly RCP, with realistic participants, durations
/// and references, and a few declarations that break a rule on purpose (a non-member, an overlong meeting, a PPS
/// case declared twice in a year) so the import has some rejections to report, as real months do.
struct ActionPlanner {
    let registry: GeneratedRegistry
    /// Per team: the next action number of the current year, case and protocol counters, the PPS cases of the year.
    private var counters: [TeamCounters]

    struct TeamCounters {
        var year = 0
        var actions = 0
        var cases = 0
        var protocols = 0
        var ppsCases: [String] = []
    }

    init(registry: GeneratedRegistry) {
        self.registry = registry
        counters = Array(repeating: TeamCounters(), count: registry.teams.count)
    }

    /// Weights of the five types, in thousandths, before keeping those in the team's health project.
    static let typeWeights: [(ActionTypeCode, Int)] = [(.rcp, 500), (.rcpPatient, 200), (.pps, 150), (.protocole, 25), (.etp, 120)]

    /// The rows of one month, in date, team and reference order.
    mutating func rows(for month: YearMonth, random: inout SplitMix64) -> [GeneratedActionRow] {
        var rows: [GeneratedActionRow] = []
        for index in registry.teams.indices {
            if counters[index].year != month.year { counters[index] = TeamCounters(year: month.year) }
            let team = registry.teams[index]
            // A team declares from its convention; a team without one still sends a few (they are rejected).
            let firstDay: Day
            if let convention = team.conventionOn {
                guard convention <= month.lastDay else { continue }
                firstDay = max(convention, month.firstDay)
            } else {
                guard team.registeredOn <= month.lastDay, random.chance(perMille: 300) else { continue }
                firstDay = max(team.registeredOn, month.firstDay)
            }
            let count = team.conventionOn == nil ? 1 : random.int(in: 3...6)
            for _ in 0..<count {
                let date = Day(year: month.year, month: month.month, day: random.int(in: firstDay.day...month.lastDay.day))!
                rows += action(team: index, on: date, random: &random)
            }
        }
        return rows.sorted { ($0.date, $0.team, $0.reference, $0.rpps) < ($1.date, $1.team, $1.reference, $1.rpps) }
    }

    /// The rows of one action (one per participant).
    mutating func action(team index: Int, on date: Day, random: inout SplitMix64) -> [GeneratedActionRow] {
        let team = registry.teams[index]
        let weights = Self.typeWeights.map { team.types.contains($0.0) ? $0.1 : 0 }
        let type = Self.typeWeights[random.weightedIndex(weights)].0
        counters[index].actions += 1
        let reference = "\(type.rawValue)-\(date.year)-\(String(counters[index].actions).leftPadded(to: 4))"
        let candidates = registry.membersByTeam[index].map { registry.memberships[$0] }
            .filter { $0.covers(date) && registry.professionals[$0.professional].conventionOn.map { $0 <= date } != false }
            .map(\.professional)
        guard candidates.count >= 2 else { return [] }

        var duration: Int?
        var caseRef: String?
        var protocolRef: String?
        var people: [(Int, ParticipantRole)]
        switch type {
        case .rcp:
            duration = random.pick([30, 30, 45, 45, 45, 60, 60, 90])
            // One RCP in two hundred is declared longer than the barème allows.
            if random.chance(perMille: 5) { duration = 195 }
            people = pluriprofessional(from: candidates, count: random.pick([2, 2, 3, 3, 3, 4, 4]), random: &random).map { ($0, .participant) }
        case .rcpPatient:
            counters[index].cases += 1
            caseRef = caseReference(team: index, year: date.year)
            people = pluriprofessional(from: candidates, count: random.pick([2, 2, 3, 3, 4]), random: &random).map { ($0, .participant) }
        case .pps:
            if random.chance(perMille: 5), let earlier = counters[index].ppsCases.last {
                caseRef = earlier           // the same case twice in a year: rejected (duplicate.case)
            } else {
                counters[index].cases += 1
                caseRef = caseReference(team: index, year: date.year)
                counters[index].ppsCases.append(caseRef ?? "")
            }
            let chosen = pluriprofessional(from: candidates, count: random.pick([2, 3, 3]), random: &random)
            people = chosen.enumerated().map { ($0.element, $0.offset == 0 ? .referent : .contributeur) }
        case .protocole:
            counters[index].protocols += 1
            protocolRef = "PROTO-\(date.year)-\(String(counters[index].protocols).leftPadded(to: 3))"
            people = pluriprofessional(from: candidates, count: random.pick([3, 3, 4, 5]), random: &random).map { ($0, .participant) }
        default:
            duration = 30 * random.int(in: 2...4)
            people = distinct(from: candidates, count: random.pick([1, 1, 2]), random: &random).map { ($0, .animateur) }
        }
        // One action in a hundred lists someone of another team by mistake (participant.not_member).
        if random.chance(perMille: 10), registry.teams.count > 1 {
            let other = (index + 1 + random.int(in: 0...(registry.teams.count - 2))) % registry.teams.count
            let outsider = registry.memberships[registry.membersByTeam[other][0]].professional
            if !people.contains(where: { $0.0 == outsider }) { people.append((outsider, people.last?.1 ?? .participant)) }
        }
        return people.map { professional, role in
            GeneratedActionRow(team: team.id, reference: reference, type: type, date: date, durationMinutes: duration,
                               caseRef: caseRef, protocolRef: protocolRef, rpps: registry.professionals[professional].rpps, role: role)
        }
    }

    /// `count` distinct professionals of at least two professions (the first two drawn differ) when the team has them.
    func pluriprofessional(from candidates: [Int], count: Int, random: inout SplitMix64) -> [Int] {
        let first = random.pick(candidates)
        let profession = registry.professionals[first].profession
        let others = candidates.filter { registry.professionals[$0].profession != profession }
        guard let second = others.isEmpty ? nil : random.pick(others) else { return distinct(from: candidates, count: count, random: &random) }
        let rest = candidates.filter { $0 != first && $0 != second }
        return [first, second] + distinct(from: rest, count: count - 2, random: &random)
    }

    /// Up to `count` distinct candidates, drawn without replacement.
    func distinct(from candidates: [Int], count: Int, random: inout SplitMix64) -> [Int] {
        var pool = candidates
        var chosen: [Int] = []
        while chosen.count < count, !pool.isEmpty {
            chosen.append(pool.remove(at: random.int(in: 0...(pool.count - 1))))
        }
        return chosen
    }

    func caseReference(team index: Int, year: Int) -> String {
        "CAS-\(year % 100)-\(String(counters[index].cases).leftPadded(to: 4))"
    }
}

// The composition rule of a team: who is a member when, and whether the team counts enough professionals.

import LedgerCore

/// A professional's membership of a team, from a day to an optional day, both inclusive.
public struct Membership: Hashable, Sendable, Codable {
    public let team: TeamID
    public let rpps: RPPS
    public let from: Day
    /// The last day of membership; nil while it lasts.
    public let to: Day?

    /// A membership whose end, when given, is not before its start (checked by `validated`).
    public init(team: TeamID, rpps: RPPS, from: Day, to: Day?) {
        self.team = team
        self.rpps = rpps
        self.from = from
        self.to = to
    }

    /// A membership whose end is not before its start, or the issue `membership.period_order`.
    public static func validated(team: TeamID, rpps: RPPS, from: Day, to: Day?) -> Result<Membership, InputIssue> {
        if let to, to < from {
            return .failure(InputIssue(code: "membership.period_order",
                                       message: "La date de fin (\(to.french)) précède la date de début (\(from.french)) : "
                                           + "vérifiez les deux dates."))
        }
        return .success(Membership(team: team, rpps: rpps, from: from, to: to))
    }

    /// True when the professional is a member on that day.
    public func covers(_ day: Day) -> Bool {
        from <= day && (to.map { day <= $0 } ?? true)
    }

    /// True when both are of the same (team, professional) pair and their periods share at least one day.
    public func overlaps(_ other: Membership) -> Bool {
        guard team == other.team, rpps == other.rpps else { return false }
        let startsBeforeOtherEnds = other.to.map { from <= $0 } ?? true
        let otherStartsBeforeThisEnds = to.map { other.from <= $0 } ?? true
        return startsBeforeOtherEnds && otherStartsBeforeThisEnds
    }

    /// The issue to report when a new membership overlaps an existing one of the same pair.
    public static func overlapIssue(_ existing: Membership) -> InputIssue {
        let end = existing.to.map { "au \($0.french)" } ?? "sans date de fin"
        return InputIssue(code: "membership.overlap",
                          message: "Ce professionnel est déjà membre de l'équipe \(existing.team) du \(existing.from.french) "
                              + "\(end) : les périodes d'adhésion à une même équipe ne peuvent pas se chevaucher.")
    }
}

/// True when `new` shares a day with an existing membership of the same (team, professional) pair:
/// such a membership is refused.
public func overlaps(_ existing: [Membership], _ new: Membership) -> Bool {
    existing.contains { $0.overlaps(new) }
}

/// Why a team breaks the composition rule (at least two member professionals, one a general practitioner).
public enum CompositionFailure: Error, Hashable, Sendable {
    /// Fewer than two professionals are members; the count is how many are.
    case tooFewMembers(Int)
    /// Enough members, but none is a `medecin_generaliste`.
    case noGeneralPractitioner

    /// The smallest number of member professionals a team needs.
    public static let membersMin = 2

    /// Stable code: `composition.too_few_members`, `composition.no_general_practitioner`.
    public var code: String {
        switch self {
        case .tooFewMembers: "composition.too_few_members"
        case .noGeneralPractitioner: "composition.no_general_practitioner"
        }
    }

    /// What the treasurer reads.
    public var message: String {
        switch self {
        case .tooFewMembers(0):
            "L'équipe ne compte aucun professionnel membre à cette date : il en faut au moins \(Self.membersMin)."
        case .tooFewMembers(let count):
            "L'équipe ne compte que \(count) professionnel\(count > 1 ? "s" : "") membre\(count > 1 ? "s" : "") "
                + "à cette date : il en faut au moins \(Self.membersMin)."
        case .noGeneralPractitioner:
            "L'équipe ne compte aucun médecin généraliste parmi ses membres à cette date : il en faut au moins un."
        }
    }

    /// The failure as an input issue.
    public var issue: InputIssue { InputIssue(code: code, message: message) }
}

/// Checks the composition rule on one day. `memberships` are one team's; a member whose profession is
/// missing from `professions` counts as a member but not as a general practitioner.
/// Returns nil when the rule holds.
public func compositionFailure(memberships: [Membership], professions: [RPPS: Profession],
                               at day: Day) -> CompositionFailure? {
    precondition(Set(memberships.map(\.team)).count <= 1, "memberships of one team only")
    let members = Set(memberships.filter { $0.covers(day) }.map(\.rpps))
    return CompositionTally(members: members, professions: professions).failure
}

/// The periods within `from…to` (inclusive) when the composition rule did not hold, merged and in order.
/// Computed by sweeping the memberships' start and end days, not day by day.
public func compositionGaps(memberships: [Membership], professions: [RPPS: Profession],
                            from: Day, to: Day) -> [ClosedRange<Day>] {
    precondition(Set(memberships.map(\.team)).count <= 1, "memberships of one team only")
    guard from <= to else { return [] }
    // Each membership adds its member on `from` and removes them the day after `to`.
    var changes: [Day: [(rpps: RPPS, delta: Int)]] = [:]
    for membership in memberships {
        changes[membership.from, default: []].append((membership.rpps, 1))
        if let end = membership.to, let dayAfter = end.adding(days: 1) {
            changes[dayAfter, default: []].append((membership.rpps, -1))
        }
    }
    var periodsByMember: [RPPS: Int] = [:]
    var tally = CompositionTally(members: [], professions: professions)
    var gaps: [ClosedRange<Day>] = []
    var gapStart: Day?
    // Boundaries before `from` only set up the state; a boundary inside the range may open or close a gap.
    let boundaries = changes.keys.filter { $0 <= to }.sorted()
    var index = 0
    func apply(_ day: Day) {
        for change in changes[day] ?? [] {
            let before = periodsByMember[change.rpps, default: 0]
            let after = before + change.delta
            periodsByMember[change.rpps] = after
            if before == 0 && after > 0 { tally.add(change.rpps) }
            if before > 0 && after == 0 { tally.remove(change.rpps) }
        }
    }
    while index < boundaries.count, boundaries[index] <= from {
        apply(boundaries[index])
        index += 1
    }
    if tally.failure != nil { gapStart = from }
    while index < boundaries.count {
        let day = boundaries[index]
        apply(day)
        index += 1
        let failing = tally.failure != nil
        if failing, gapStart == nil {
            gapStart = day
        } else if !failing, let start = gapStart, let end = day.adding(days: -1) {
            gaps.append(start...end)
            gapStart = nil
        }
    }
    if let start = gapStart { gaps.append(start...to) }
    return gaps
}

/// Running counts of a team's members and general practitioners, for the sweep.
private struct CompositionTally {
    private let professions: [RPPS: Profession]
    private(set) var memberCount = 0
    private(set) var generalPractitionerCount = 0

    init(members: Set<RPPS>, professions: [RPPS: Profession]) {
        self.professions = professions
        for member in members { add(member) }
    }

    mutating func add(_ rpps: RPPS) {
        memberCount += 1
        if professions[rpps] == .medecinGeneraliste { generalPractitionerCount += 1 }
    }

    mutating func remove(_ rpps: RPPS) {
        memberCount -= 1
        if professions[rpps] == .medecinGeneraliste { generalPractitionerCount -= 1 }
    }

    var failure: CompositionFailure? {
        if memberCount < CompositionFailure.membersMin { return .tooFewMembers(memberCount) }
        if generalPractitionerCount == 0 { return .noGeneralPractitioner }
        return nil
    }
}

import LedgerCore

/// One step of a team's lifecycle: the status it entered and the day it did.
public struct StatusChange: Hashable, Sendable, Codable {
    public let status: TeamStatus
    public let since: Day

    public init(status: TeamStatus, since: Day) {
        self.status = status
        self.since = since
    }
}

/// Why a status change is refused.
public enum StatusChangeRefusal: Error, Hashable, Sendable {
    /// The lifecycle does not lead from the current status to the requested one.
    case transitionNotAllowed(from: TeamStatus, to: TeamStatus)
    /// The change is dated before the team's latest change.
    case beforeLatestChange(latest: Day)
    /// At import, the convention is dated before the ARS registration.
    case conventionBeforeRegistration(registration: Day, convention: Day)

    /// Stable code for programs.
    public var code: String {
        switch self {
        case .transitionNotAllowed: "team.status_transition"
        case .beforeLatestChange: "team.status_date"
        case .conventionBeforeRegistration: "team.convention_before_registration"
        }
    }

    /// What the treasurer reads.
    public var message: String {
        switch self {
        case let .transitionNotAllowed(from, to):
            "Une équipe \(from.label) ne peut pas passer à l'état « \(to.label) » : "
                + "l'ordre est en projet, reconnue, active, puis suspendue ou clôturée."
        case let .beforeLatestChange(latest):
            "Le changement d'état est daté avant le dernier changement de l'équipe (\(latest.french)) : "
                + "indiquez une date à partir du \(latest.french)."
        case let .conventionBeforeRegistration(registration, convention):
            "La convention (\(convention.french)) est datée avant l'enregistrement par l'ARS "
                + "(\(registration.french)) : vérifiez les deux dates."
        }
    }

    /// The refusal as an input issue.
    public var issue: InputIssue { InputIssue(code: code, message: message) }
}

/// A team's status history, oldest first; before its first change a team is `projet`.
public struct TeamLifecycle: Hashable, Sendable, Codable {
    /// The changes in date order (two changes may share a day; the later one wins that day).
    public private(set) var history: [StatusChange]

    /// A history read back from the database; it must be in date order.
    public init(history: [StatusChange]) {
        precondition(zip(history, history.dropFirst()).allSatisfy { $0.since <= $1.since }, "history in date order")
        self.history = history
    }

    /// The team's status on that day: the latest change on or before it, `projet` before any.
    public func status(at day: Day) -> TeamStatus {
        history.last { $0.since <= day }?.status ?? .projet
    }

    /// The latest status, `projet` when the history is empty.
    public var current: TeamStatus { history.last?.status ?? .projet }

    /// Whether the lifecycle leads from one status to another: projet → reconnue → active →
    /// suspendue or clôturée, suspendue → active, and any status but clôturée → clôturée.
    public static func allows(from: TeamStatus, to: TeamStatus) -> Bool {
        switch (from, to) {
        case (.projet, .reconnue), (.reconnue, .active), (.active, .suspendue), (.suspendue, .active): true
        case (.cloturee, _): false
        case (_, .cloturee): true
        default: false
        }
    }

    /// The lifecycle with one more change, or why it is refused.
    public func changing(to status: TeamStatus, on day: Day) -> Result<TeamLifecycle, StatusChangeRefusal> {
        guard Self.allows(from: current, to: status) else {
            return .failure(.transitionNotAllowed(from: current, to: status))
        }
        if let latest = history.last?.since, day < latest {
            return .failure(.beforeLatestChange(latest: latest))
        }
        return .success(TeamLifecycle(history: history + [StatusChange(status: status, since: day)]))
    }

    /// The history of an imported team: with a convention date, `active` from it (and `reconnue` from the
    /// ARS registration date when given); with only a registration date, `reconnue` from it; with neither,
    /// `projet` from the import day.
    public static func imported(arsRegistration: Day?, convention: Day?,
                                importedOn: Day) -> Result<TeamLifecycle, StatusChangeRefusal> {
        switch (arsRegistration, convention) {
        case let (registration?, convention?):
            guard registration <= convention else {
                return .failure(.conventionBeforeRegistration(registration: registration, convention: convention))
            }
            return .success(TeamLifecycle(history: [StatusChange(status: .reconnue, since: registration),
                                                    StatusChange(status: .active, since: convention)]))
        case let (nil, convention?):
            return .success(TeamLifecycle(history: [StatusChange(status: .active, since: convention)]))
        case let (registration?, nil):
            return .success(TeamLifecycle(history: [StatusChange(status: .reconnue, since: registration)]))
        case (nil, nil):
            return .success(TeamLifecycle(history: [StatusChange(status: .projet, since: importedOn)]))
        }
    }
}

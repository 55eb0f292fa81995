import LedgerCore

/// Every loaded barème version, oldest first; answers which version is in force on a day.
public struct TariffBook: Hashable, Sendable {
    /// The versions, sorted by `effectiveFrom`, each strictly after the previous one.
    public let versions: [TariffSchedule]

    /// Sorts `versions` by `effectiveFrom`. Two versions with the same date are a programmer error:
    /// the store only ever holds versions accepted by `TariffVersionCheck`.
    public init(versions: [TariffSchedule]) {
        let sorted = versions.sorted { $0.effectiveFrom < $1.effectiveFrom }
        precondition(zip(sorted, sorted.dropFirst()).allSatisfy { $0.effectiveFrom < $1.effectiveFrom },
                     "two barème versions share an effective date")
        self.versions = sorted
    }

    /// The most recent version, if any.
    public var newest: TariffSchedule? { versions.last }

    /// The version in force on `day`: the newest whose `effectiveFrom` is on or before it.
    public func version(at day: Day) -> TariffSchedule? {
        versions.last { $0.effectiveFrom <= day }
    }

    /// This book with `schedule` added, or `tariff.not_newer` when it does not start after the newest version.
    public func adding(_ schedule: TariffSchedule) -> Result<TariffBook, InputIssue> {
        if let issue = TariffVersionCheck.check(effectiveFrom: schedule.effectiveFrom, newestLoaded: newest?.effectiveFrom) {
            return .failure(issue)
        }
        return .success(TariffBook(versions: versions + [schedule]))
    }
}

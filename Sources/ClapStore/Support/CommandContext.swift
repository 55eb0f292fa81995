import Foundation
import LedgerCore

/// Who runs a command, what it is, and what day it is: injected so that tests control the clock.
public struct CommandContext: Sendable {
    /// `$CLAP_OPERATOR`, else the system user.
    public let operatorName: String
    /// The command as typed, for the audit log.
    public let commandLine: String
    /// Today's date.
    public let today: Day
    /// The current local time, `AAAA-MM-JJThh:mm:ss`.
    public let timestamp: String

    public init(operatorName: String, commandLine: String, today: Day, timestamp: String) {
        self.operatorName = operatorName
        self.commandLine = commandLine
        self.today = today
        self.timestamp = timestamp
    }

    /// The context of this process: operator from the environment, clock from the system,
    /// unless `CLAP_TODAY` pins the date (`AAAA-MM-JJ`), as tests and the demo do, or the date
    /// and the time (`AAAA-MM-JJThh:mm:ss`), as the guides' examples do so that their output never varies.
    public static func current(commandLine: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> CommandContext {
        let operatorName = environment["CLAP_OPERATOR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["USER"].flatMap { $0.isEmpty ? nil : $0 }
            ?? NSUserName()
        let now = Date()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        let systemToday = Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
        let pinned = environment["CLAP_TODAY"].map(PinnedClock.init)
        let today = pinned?.day ?? systemToday ?? Day(year: 1970, month: 1, day: 1)!
        let time = pinned?.time ?? [parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0]
            .map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
        return CommandContext(operatorName: operatorName, commandLine: commandLine, today: today,
                              timestamp: today.iso + "T" + time)
    }
}

/// `CLAP_TODAY`: a date, or a date and a time `AAAA-MM-JJThh:mm:ss`.
struct PinnedClock {
    let day: Day?
    let time: String?

    init(_ text: String) {
        let parts = text.split(separator: "T", maxSplits: 1).map(String.init)
        day = parts.first.flatMap(Day.parse)
        let clock = parts.count == 2 ? parts[1].split(separator: ":").compactMap { Int($0) } : []
        let valid = clock.count == 3 && parts[1].count == 8 && (0..<24).contains(clock[0])
            && (0..<60).contains(clock[1]) && (0..<60).contains(clock[2])
        time = valid ? parts[1] : nil
    }
}

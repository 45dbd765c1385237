/// How long ago, or how long, in words an operator reads at a glance.
public enum RunAge {
    public static func ago(_ time: Timestamp, now: Timestamp) -> String { span(from: time, to: now) + " ago" }

    public static func span(from start: Timestamp, to end: Timestamp) -> String {
        let seconds = max(0, (end.microseconds - start.microseconds) / 1_000_000)
        switch seconds {
        case ..<120: return "\(seconds) s"
        case ..<7_200: return "\(seconds / 60) min"
        case ..<172_800: return "\(seconds / 3_600) h"
        default: return "\(seconds / 86_400) days"
        }
    }
}

/// The interval of a schedule (`ingest --every`, `publish --every`, a fleet organizer's
/// `interval`): a whole number and a unit, `30s`, `5m`, `1h`, at most a week.
public struct IngestInterval: Sendable, Equatable, CustomStringConvertible {
    /// The longest interval: a schedule that runs less than weekly is not a schedule.
    public static let longest = 7 * 24 * 3600

    public var duration: Duration
    public var description: String

    public init?(_ text: String) {
        guard let unit = text.last, let value = Int(text.dropLast()), value > 0 else { return nil }
        let seconds: (partialValue: Int, overflow: Bool)
        switch unit {
        case "s": seconds = (value, false)
        case "m": seconds = value.multipliedReportingOverflow(by: 60)
        case "h": seconds = value.multipliedReportingOverflow(by: 3600)
        default: return nil
        }
        guard !seconds.overflow, seconds.partialValue <= Self.longest else { return nil }
        duration = .seconds(seconds.partialValue)
        description = text
    }
}

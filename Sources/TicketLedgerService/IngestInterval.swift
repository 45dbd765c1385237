/// The interval of a schedule (`ingest --every`, a fleet organizer's `interval`): a whole
/// number and a unit, `30s`, `5m`, `1h`.
public struct IngestInterval: Sendable, Equatable, CustomStringConvertible {
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
        guard !seconds.overflow else { return nil }
        duration = .seconds(seconds.partialValue)
        description = text
    }
}

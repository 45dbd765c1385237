/// The interval of a schedule (`ingest --every`, a fleet organizer's `interval`): a whole
/// number and a unit, `30s`, `5m`, `1h`.
public struct IngestInterval: Sendable, Equatable, CustomStringConvertible {
    public var duration: Duration
    public var description: String

    public init?(_ text: String) {
        guard let unit = text.last, let value = Int(text.dropLast()), value > 0 else { return nil }
        switch unit {
        case "s": duration = .seconds(value)
        case "m": duration = .seconds(value * 60)
        case "h": duration = .seconds(value * 3600)
        default: return nil
        }
        description = text
    }
}

/// The interval of `ingest --every`: a number and a unit, `30s`, `5m`, `1h`.
struct IngestInterval: Sendable, Equatable, CustomStringConvertible {
    var duration: Duration
    var description: String

    init?(_ text: String) {
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

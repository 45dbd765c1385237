/// What can go wrong when configuring or running the simulator.
public enum SimulatorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A configuration value is out of range; the message names it and the fix.
    case invalidConfiguration(String)
    /// The server could not start or report its port.
    case serverNotStarted(String)
    /// Writing generated items failed.
    case outputFailed(String)

    /// One sentence naming the problem and the fix.
    public var description: String {
        switch self {
        case .invalidConfiguration(let message): "invalid configuration: \(message)"
        case .serverNotStarted(let message): "simulator server did not start: \(message)"
        case .outputFailed(let message): "cannot write the feed: \(message)"
        }
    }
}

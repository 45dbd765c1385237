import Foundation
public import Logging

/// One captured log line.
public struct CapturedLog: Sendable {
    public let level: Logger.Level
    public let message: String
    public let metadata: Logger.Metadata

    /// The message and every metadata key and value, for searching.
    public var fullText: String {
        ([message] + metadata.map { "\($0.key)=\($0.value)" }).joined(separator: " ")
    }
}

/// Collects what a `Logger` built by ``logger()`` emits, at every level.
public final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var captured: [CapturedLog] = []

    /// Everything logged so far.
    public var logs: [CapturedLog] { lock.withLock { captured } }

    public init() {}

    /// A logger at trace level that writes here only.
    public func logger() -> Logger {
        var logger = Logger(label: "captured") { _ in CapturingLogHandler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    fileprivate func append(_ log: CapturedLog) {
        lock.withLock { captured.append(log) }
    }
}

private struct CapturingLogHandler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        capture.append(
            CapturedLog(
                level: event.level,
                message: event.message.description,
                metadata: metadata.merging(event.metadata ?? [:]) { $1 }
            )
        )
    }
}

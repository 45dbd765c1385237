import Foundation
import Logging

/// One captured log line.
struct CapturedLog: Sendable {
    let level: Logger.Level
    let message: String
    let metadata: Logger.Metadata

    /// The message and every metadata key and value, for searching.
    var fullText: String {
        ([message] + metadata.map { "\($0.key)=\($0.value)" }).joined(separator: " ")
    }
}

/// Collects what a `Logger` built by ``logger()`` emits, at every level.
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var captured: [CapturedLog] = []

    /// Everything logged so far.
    var logs: [CapturedLog] { lock.withLock { captured } }

    /// A logger at trace level that writes here only.
    func logger() -> Logger {
        var logger = Logger(label: "tixngo-client-test") { _ in CapturingLogHandler(capture: self) }
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

import ArgumentParser
import Foundation
import Logging
import Synchronization

/// How much a command logs on standard error: warnings and errors by default, so that
/// stderr carries what needs a reader; `--verbose` adds what the run does; `LOG_LEVEL`
/// names any level (docs/design.md, "Quiet by default").
struct LogOptions: ParsableArguments {
    @Flag(help: "Also log what the run does (level info) on standard error.")
    var verbose = false

    func validate() throws {
        _ = try level()
    }

    /// The level in force: LOG_LEVEL when set (an unknown name is bad usage), else warning;
    /// --verbose lowers either to info.
    func level() throws -> Logger.Level {
        var level = Logger.Level.warning
        if let name = ProcessInfo.processInfo.environment["LOG_LEVEL"], !name.isEmpty {
            guard let named = Logger.Level(rawValue: name.lowercased()) else {
                let levels = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("LOG_LEVEL=\(name.debugDescription): use one of \(levels)")
            }
            level = named
        }
        return verbose ? min(level, .info) : level
    }

    /// Sends the process's logs to standard error at ``level()``; the first call wins.
    func bootstrap() {
        let level = (try? level()) ?? .warning
        Self.bootstrapped.withLock { done in
            guard !done else { return }
            done = true
            LoggingSystem.bootstrap { label in TerminalLogHandler(label: label, logLevel: level) }
        }
    }

    private static let bootstrapped = Mutex(false)
}

/// One line per message on standard error (`time level label: message key=value…`), written
/// through ``StandardError`` so a progress bar never swallows it.
struct TerminalLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    init(label: String, logLevel: Logger.Level) {
        self.label = label
        self.logLevel = logLevel
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        let fields = merged.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        let time = Date().formatted(.iso8601)
        StandardError.writeLine("\(time) \(event.level) \(label): \(event.message)\(fields)")
    }
}

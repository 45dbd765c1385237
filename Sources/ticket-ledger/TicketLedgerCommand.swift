import ArgumentParser
import Foundation
import Logging
import TicketLedger

@main
struct TicketLedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket-ledger",
        abstract: "The TIXnGO feedback interface as an event-sourced ledger: ingest, project to S-360, audit.",
        subcommands: [
            Ingest.self, Status.self, History.self, Tickets.self, Summary.self, Replay.self, Verify.self, Forget.self,
            Mappings.self, Contacts.self, Demo.self,
        ])
}

/// Options every subcommand shares.
struct LedgerOptions: ParsableArguments {
    @Option(help: "The ledger file (default: $TICKET_LEDGER_DB, else ticket-ledger.sqlite in the working directory).")
    var db: String?

    var path: String { db ?? ProcessInfo.processInfo.environment["TICKET_LEDGER_DB"] ?? "ticket-ledger.sqlite" }

    /// Opens the ledger, creating and migrating it on first use.
    func open() throws -> LedgerDatabase {
        LoggingSystem.bootstrapOnce()
        return try LedgerDatabase(path: path, logger: Logger(label: "ticket-ledger"))
    }
}

extension LoggingSystem {
    private static let bootstrapped: Void = {
        let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }()

    /// Sends logs to standard error (level from LOG_LEVEL, default info), once per process.
    static func bootstrapOnce() { _ = bootstrapped }
}

/// Printing for commands: one JSON document on stdout, or text.
enum Output {
    static func json(_ value: JSONValue) { print(value.outputText) }

    /// One warning line on stderr.
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("Warning: \(message)\n".utf8))
    }

    /// Exits with `code` after one sentence on stderr.
    static func fail(_ message: String, code: Int32) -> ExitCode {
        FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
        return ExitCode(code)
    }
}

extension ProjectionMode: ExpressibleByArgument {}
extension S360Status: ExpressibleByArgument {}
extension TIXnGOStatus: ExpressibleByArgument {}
extension StatusFamily: ExpressibleByArgument {}

extension IngestInterval: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension Timestamp: ExpressibleByArgument {
    public init?(argument: String) { self.init(rfc3339: argument) }
}

import ArgumentParser
import Foundation
import LedgerPublishing
import Logging
import ServiceLifecycle
import TicketLedger
import TicketLedgerService

extension TicketLedgerCommand {
    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the ledger into PostgreSQL, exactly once: events, rejected items, runs, the live projection.",
            discussion: """
                Follows the ledger by position: each batch is committed in PostgreSQL with the copy's cursor, so a publish \
                stopped at any instant resumes where it stopped, and many ledgers (each named by its id, `digest --json`) \
                publish into one database. Personal data goes as the ledger stores it, sealed; no key leaves this host. \
                After a replay the new projection is copied beside the old and swapped in one transaction. The schema is \
                created or migrated on first use (Migrations/postgresql). A password can come from PGPASSWORD instead of the URL.
                Exit codes: 0 done (or stopped by SIGTERM/SIGINT with --every); 64 bad usage; 1 anything else.
                """)

        @Option(help: ArgumentHelp("The database: postgresql://USER@HOST:PORT/DATABASE[?sslmode=disable|prefer|require].", valueName: "url"))
        var to: String
        @Option(help: "Stay running and publish once per interval (e.g. 1m, 30s) until SIGINT/SIGTERM.") var every: IngestInterval?
        @Option(name: .customLong("batch-size"), help: "Events per PostgreSQL transaction, 1…100000.")
        var batchSize = LedgerPublisher.defaultBatchSize
        @Flag(help: "Print what was copied as one JSON document (a line per publish with --every).") var json = false
        @OptionGroup var ledger: LedgerOptions

        func validate() throws {
            guard (1...100_000).contains(batchSize) else { throw ValidationError("--batch-size must be between 1 and 100000, not \(batchSize)") }
        }

        func run() async throws {
            let address = try Self.address(to)
            ledger.logging.bootstrap()
            guard FileManager.default.fileExists(atPath: ledger.path) else { throw LedgerError.noLedger(path: ledger.path) }
            let database = try LedgerDatabase(readingAt: ledger.path, sealed: true, logger: Logger(label: "ticket-ledger"))
            var publisher = LedgerPublisher(ledger: database, address: address, logger: Logger(label: "ticket-ledger.publish"))
            publisher.batchSize = batchSize
            guard let every else {
                let bar = ProgressBar("publish", unit: "events", enabled: !json)
                defer { bar.finish() }
                report(try await publisher.publish(progress: { through, last in bar.update(Int(through), Int(last)) }), to: address)
                return
            }
            let logger = Logger(label: "ticket-ledger.publish")
            let schedule = PublishSchedule(publisher: publisher, interval: every.duration, logger: logger) { report in
                self.report(report, to: address)
            }
            var configuration = ServiceGroupConfiguration(services: [schedule], logger: logger)
            configuration.gracefulShutdownSignals = [.sigterm, .sigint]
            try await ServiceGroup(configuration: configuration).run()
        }

        /// The URL; PGPASSWORD is the password when the URL names none.
        static func address(_ url: String) throws -> PostgresAddress {
            do {
                return try PostgresAddress(url, password: ProcessInfo.processInfo.environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 })
            } catch {
                throw ValidationError("--to: \(error)")
            }
        }

        private func report(_ report: PublishReport, to address: PostgresAddress) {
            if json {
                Output.json(report.json)
                fflush(nil)
                return
            }
            let generation = report.liveGeneration.map { "projection generation \($0)\(report.swappedGeneration ? " (swapped in)" : "")" } ?? "no projection"
            print("""
                ledger \(report.ledgerID) → \(address): \(report.events) event(s), \(report.rejectedItems) rejected item(s), \(report.runs) run(s), \
                \(report.ticketStates) ticket state(s) copied; the copy holds events 1…\(report.eventsThrough), \(generation)
                """)
            fflush(nil)
        }
    }
}

/// `publish --every`: one publish per interval until a graceful shutdown, which ends the wait
/// at once and lets the batch in progress commit. A failed publish (PostgreSQL down) is logged
/// and the next interval tries again from the copy's cursor.
struct PublishSchedule: Service {
    let publisher: LedgerPublisher
    let interval: Duration
    let logger: Logger
    let onReport: @Sendable (PublishReport) -> Void

    func run() async throws {
        while !Task.isShuttingDownGracefully {
            do {
                onReport(try await publisher.publish(shouldContinue: { !Task.isShuttingDownGracefully }))
            } catch {
                logger.error("publish failed; the next one resumes from the copy's cursor", metadata: ["publish.error": "\(error)"])
            }
            do {
                try await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
            } catch is CancellationError {
                break
            }
        }
    }
}

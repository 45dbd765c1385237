import ArgumentParser
import AsyncHTTPClient
import Foundation
import Logging
import ServiceLifecycle
import TIXnGOClient
import TicketLedger
import TicketLedgerService

extension TicketLedgerCommand {
    struct Fleet: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every organizer of a fleet file on its own schedule, in one process, until SIGTERM or SIGINT.",
            discussion: """
                The file lists [[organizer]] tables (name, url, api_key_file, ledger; interval, batch_size, skip_tickets, \
                mode, mapping, key_file, allow_insecure_http) and a bound on runs at once (max_concurrent_runs); \
                docs/operations.md has an example. Each organizer takes its ingest lock as `ingest` does, so a second \
                fleet or a manual run never runs an organizer twice (that cycle is skipped and counted). An organizer \
                whose run fails waits twice as long before each next try, up to an hour; the others go on. \
                SIGTERM lets every page in flight commit, then exits 0.
                Exit codes: 0 stopped by a signal, or --check found the file valid; 64 the file is not valid (its line is named); 1 anything else.
                """)

        @Option(help: "The fleet file (TOML).") var config: String
        @Flag(help: "Check the file and what it names (key files, mapping files, ledger folders), then exit.") var check = false
        @Option(name: .customLong("digest-log"), help: "Append each run's signed tree head to this JSON-lines file (kept outside the ledgers).")
        var digestLog: String?
        @Flag(help: "Print each run's summary as one JSON document a line.") var json = false
        @OptionGroup var logging: LogOptions

        func validate() throws {
            guard FileManager.default.isReadableFile(atPath: config) else { throw ValidationError("--config \(config): no readable file there") }
        }

        func run() async throws {
            let fleet = try Self.load(config)
            if check {
                print("\(config): \(fleet.organizers.count) organizer(s), at most \(fleet.maxConcurrentRuns) run(s) at once: valid")
                return
            }
            logging.bootstrap()
            let logger = Logger(label: "ticket-ledger.fleet")
            var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
            // The metrics server first: a group stops its services in reverse, so it outlives the last run.
            if let endpoint = fleet.metricsListen.flatMap(MetricsEndpoint.init(listen:)) {
                endpoint.bootstrap()
                services.append(.init(
                    service: endpoint.application(logger: logger), successTerminationBehavior: .gracefullyShutdownGroup,
                    failureTerminationBehavior: .gracefullyShutdownGroup))
            }
            let (json, digestLog) = (self.json, self.digestLog)
            try await HTTPClient.withHTTPClient(configuration: TIXnGOClient.httpClientConfiguration) { httpClient in
                let schedules = TicketLedgerService.Fleet(configuration: fleet, logger: logger).schedules(
                    httpClient: httpClient,
                    afterRun: { database in await Ingest.appendDigest(to: digestLog, from: database) },
                    onSummary: { summary in Ingest.report(summary, json: json) })
                for schedule in schedules {
                    services.append(.init(service: schedule, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup))
                }
                var configuration = ServiceGroupConfiguration(services: services, logger: logger)
                configuration.gracefulShutdownSignals = [.sigterm, .sigint]
                logger.notice("fleet started", metadata: ["fleet.organizers": "\(fleet.organizers.count)", "fleet.maxConcurrentRuns": "\(fleet.maxConcurrentRuns)"])
                try await ServiceGroup(configuration: configuration).run()
            }
        }

        /// The fleet file, parsed and checked with what it names; warnings on stderr.
        static func load(_ path: String) throws -> FleetConfiguration {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw FleetConfigurationError(file: path, line: nil, message: "not readable as UTF-8 text")
            }
            let fleet = try FleetConfiguration(text: text, file: path)
            for warning in try fleet.checkFiles(file: path) { Output.warn(warning) }
            return fleet
        }
    }
}

import ArgumentParser
import Foundation
import Synchronization
import Logging
import ServiceLifecycle
import TIXnGOClient
import TicketLedger
import TicketLedgerService

extension TicketLedgerCommand {
    struct Ingest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One run of the feedback interface for one organizer: from TIXnGO (--url) or from a file (--file).",
            discussion: """
                Exit codes: 0 done; 75 another ingest of the same organizer holds the lock; 64 bad usage; 1 anything else.
                The API key comes from TIXNGO_API_KEY or --api-key-file and is never printed.
                """)

        @Option(help: "The TIXnGO organizer whose tickets are pulled.") var organizer: String
        @Option(help: "The organizer API base, e.g. https://api.tixngo.io/v3/organizer (default: $TIXNGO_URL).") var url: String?
        @Option(help: "A file holding what TIXnGO returned: one FeedbackPage document or JSON Lines of items.") var file: String?
        @Option(name: .customLong("batch-size"), help: "Items per TIXnGO page, 1…10000.") var batchSize = 1000
        @Option(name: .customLong("skip-tickets"), help: "Comma-separated ticket ids to leave out of this run.") var skipTickets: String?
        @Option(name: .customLong("pagination-key"), help: "Start from this cursor instead of the stored one.") var paginationKey: String?
        @Option(help: "Projection mode for a new ledger: history or lifecycle.") var mode: ProjectionMode?
        @Option(help: "Mapping rule set for a new ledger: a bundled version, or a mapping file (.csv or .xlsx).") var mapping: String?
        @Option(name: .customLong("api-key-file"), help: "A file holding the TIXnGO API key.") var apiKeyFile: String?
        @Flag(name: .customLong("allow-insecure-http"), help: "Allow a plain http:// --url to another machine (it sends the API key unencrypted).")
        var allowInsecureHTTP = false
        @Option(help: "Stay running and ingest once per interval (e.g. 5m, 30s) until SIGINT/SIGTERM.") var every: IngestInterval?
        @Option(
            name: .customLong("metrics-listen"),
            help: ArgumentHelp("With --every: serve Prometheus metrics at http://HOST:PORT/metrics (e.g. 127.0.0.1:9464).", valueName: "host:port"))
        var metricsListen: String?
        @Option(name: .customLong("digest-log"), help: "Append each run's signed tree head to this JSON-lines file (kept outside the ledger).")
        var digestLog: String?
        @Flag(help: "Print the run's summary as one JSON document.") var json = false
        @OptionGroup var ledger: LedgerOptions

        var resolvedURL: String? { url ?? ProcessInfo.processInfo.environment["TIXNGO_URL"] }

        var skipList: Set<String> {
            Set((skipTickets ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }

        func validate() throws {
            switch (resolvedURL, file) {
            case (nil, nil): throw ValidationError("give --url (or TIXNGO_URL) to call TIXnGO, or --file to read what it returned")
            case (.some, .some) where url != nil: throw ValidationError("--url and --file exclude each other")
            default: break
            }
            guard (1...10_000).contains(batchSize) else { throw ValidationError("--batch-size must be between 1 and 10000, not \(batchSize)") }
            if organizer.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--organizer must not be empty") }
            if file != nil && every != nil { throw ValidationError("--every schedules TIXnGO calls; it does not apply to --file") }
            if let metricsListen {
                guard every != nil else { throw ValidationError("--metrics-listen serves a scheduled ingest's metrics: give --every too") }
                guard MetricsEndpoint(listen: metricsListen) != nil else {
                    throw ValidationError("--metrics-listen \(metricsListen): give HOST:PORT, e.g. 127.0.0.1:9464")
                }
            }
            try LedgerOptions.validateMapping(mapping)
            if let file, !FileManager.default.isReadableFile(atPath: file) {
                throw ValidationError("--file \(file): no readable file there")
            }
            if file == nil { _ = try apiKey() }
            // A key file is a password: say so when group or others can read it (ssh refuses; an
            // operator's existing file gets a warning, not a failed run).
            if let apiKeyFile, let mode = try? FileManager.default.attributesOfItem(atPath: apiKeyFile)[.posixPermissions] as? Int,
                mode & 0o077 != 0
            {
                Output.warn("the API key file \(apiKeyFile) is readable by group or others (mode \(String(mode, radix: 8))): run `chmod 600 \(apiKeyFile)`")
            }
            if file == nil, !allowInsecureHTTP, let base = resolvedURL, let host = TIXnGOClientConfiguration.clearTextHost(of: base) {
                throw ValidationError(TIXnGOClientError.insecureTransport(host: host).description)
            }
        }

        /// The API key from --api-key-file or TIXNGO_API_KEY; its absence is bad usage.
        private func apiKey() throws -> APIKey {
            do {
                return try apiKeyFile.map { try APIKey(contentsOfFile: $0) } ?? APIKey.fromEnvironment()
            } catch let error as TIXnGOClientError {
                throw ValidationError(error.description)
            }
        }

        func run() async throws {
            // The inputs are checked before the ledger is opened: a refused file creates no ledger.
            let itemFile = try file.map { try ItemFile(path: $0) }
            let firstRun = NewLedgerFiles(ledger)
            do {
                report(try await ingest(itemFile))
            } catch let error where !(error is RunInProgress) {
                await firstRun?.removeIfEmpty(organizer: organizer)
                throw error
            }
        }

        /// One run (or the schedule) into the ledger, which is closed when it returns.
        private func ingest(_ itemFile: ItemFile?) async throws -> IngestSummary? {
            let database = try ledger.open(mapping: mapping, mode: mode)
            do {
                let summary: IngestSummary?
                if let itemFile {
                    summary = try await ingestFile(itemFile, into: database)
                } else {
                    summary = try await ingestAPI(into: database)
                }
                if every == nil { await Self.appendDigest(to: digestLog, from: database) }
                return summary
            } catch {
                if every == nil { await Self.appendDigest(to: digestLog, from: database) }
                throw error
            }
        }

        private func ingestFile(_ file: ItemFile, into database: LedgerDatabase) async throws -> IngestSummary {
            let bar = ProgressBar("ingest", unit: "items", enabled: !json)
            defer { bar.finish() }
            return try await database.ingest(file, organizer: organizer, skipping: skipList, progress: bar.update)
        }

        private func ingestAPI(into database: LedgerDatabase) async throws -> IngestSummary? {
            guard let base = resolvedURL else { throw ValidationError("give --url or TIXNGO_URL") }
            var configuration = TIXnGOClientConfiguration(baseURL: base, apiKey: try apiKey())
            configuration.allowsInsecureHTTP = allowInsecureHTTP
            let logger = Logger(label: "ticket-ledger.ingest")
            let (organizer, batchSize, skipList, startKey) = (organizer, batchSize, skipList, paginationKey)
            return try await TIXnGOClient.withHTTPClient(
                configuration: configuration, logger: logger, environment: every == nil ? .live : .endingAtShutdown
            ) { client in
                guard let every else {
                    return try await database.ingest(
                        from: client, organizer: organizer, batchSize: batchSize, skipping: skipList, startKey: startKey)
                }
                let firstKey = Mutex(startKey)
                let (json, digestLog) = (self.json, self.digestLog)
                var service = ScheduledIngest(
                    interval: every.duration, logger: logger,
                    runOnce: { shouldContinue in
                        // --pagination-key starts the first run that takes the lock, not one skipped.
                        do {
                            let summary = try await database.ingest(
                                from: client, organizer: organizer, batchSize: batchSize, skipping: skipList,
                                startKey: firstKey.withLock { $0 }, shouldContinue: shouldContinue)
                            firstKey.withLock { $0 = nil }
                            await Self.appendDigest(to: digestLog, from: database)
                            return summary
                        } catch let held as RunInProgress {
                            throw held
                        } catch {
                            firstKey.withLock { $0 = nil }
                            await Self.appendDigest(to: digestLog, from: database)
                            throw error
                        }
                    },
                    onSummary: { summary in Self.report(summary, json: json) })
                service.endsWhenTheFirstRunIsRefused = true
                var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
                // The metrics server first: a group stops its services in reverse, so it outlives the last run.
                if let endpoint = metricsListen.flatMap(MetricsEndpoint.init(listen:)) {
                    endpoint.bootstrap()
                    try await IngestMetrics.prime(organizer: organizer, from: database)
                    services.append(.init(
                        service: endpoint.application(logger: logger), successTerminationBehavior: .gracefullyShutdownGroup,
                        failureTerminationBehavior: .gracefullyShutdownGroup))
                }
                services.append(.init(
                    service: service, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup))
                var configuration = ServiceGroupConfiguration(services: services, logger: logger)
                configuration.gracefulShutdownSignals = [.sigterm, .sigint]
                let group = ServiceGroup(configuration: configuration)
                try await group.run()
                return nil
            }
        }

        /// Appends the newest signed tree head to the digest log, when one is named; failing to is
        /// a warning, since the run's data is safe in the ledger either way.
        static func appendDigest(to log: String?, from database: LedgerDatabase) async {
            guard let log else { return }
            do {
                try await database.latestTreeHead()?.append(toDigestLog: log)
            } catch {
                Output.warn("the tree head was not appended to \(log): \(error)")
            }
        }

        private func report(_ summary: IngestSummary?) {
            guard let summary else { return }
            Self.report(summary, json: json)
        }

        static func report(_ summary: IngestSummary, json: Bool) {
            if json {
                Output.json(summary.json)
            } else {
                print("""
                    organizer \(summary.organizer): \(summary.pages) page(s), \(summary.received) received, \(summary.appended) appended, \
                    \(summary.duplicates) duplicate(s), \(summary.skipped) skipped, \(summary.rejected) rejected
                    """)
            }
            // A schedule's summaries are read as they come (a pipe or file buffers stdout).
            fflush(nil)
        }
    }
}

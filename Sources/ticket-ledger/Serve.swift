import ArgumentParser
import Foundation
import Hummingbird
import LedgerConsole
import Logging
import TicketLedger

extension TicketLedgerCommand {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the read-only web console and its JSON API over one ledger, with /metrics.",
            discussion: """
                Pages: / (overview and charts), /tickets (search), /tickets/ID (history, as of a time), /runs, /rejected, \
                /contacts, /mapping, /verify?through=N. JSON: /api/summary, /api/tickets, /api/tickets/ID, \
                /api/tickets/ID/history, /api/runs: the documents of the CLI's --json (docs/cli.md, "serve"). \
                It never writes the ledger and keeps answering while another process ingests or replays. \
                On a loopback address no token is needed; on any other, --token-file is required (one name:token a line, \
                mode 600), and each request sends its token as Bearer, or as Basic with the name as user. Personal data is \
                hidden (the key file is not read) unless --show-personal-data, which needs --access-log: one JSON line per \
                ticket whose personal data a response shows (time, viewer, organizer, ticket, what). \
                Exit codes: 0 stopped by SIGINT/SIGTERM; 64 bad usage; 66 no ledger at the path; 1 anything else.
                """)

        @Option(help: ArgumentHelp("The address to listen on.", valueName: "host:port")) var listen = "127.0.0.1:8080"
        @Option(name: .customLong("token-file"), help: "The tokens that may look: one name:token a line (required off loopback).")
        var tokenFile: String?
        @Flag(name: .customLong("show-personal-data"), help: "Show holders' personal data (read with the key file); needs --access-log.")
        var showPersonalData = false
        @Option(name: .customLong("access-log"), help: "Append each view of personal data to this file (kept outside the ledger).")
        var accessLog: String?
        @OptionGroup var ledger: LedgerOptions

        func validate() throws {
            guard let endpoint = MetricsEndpoint(listen: listen) else { throw ValidationError("--listen \(listen): give HOST:PORT, e.g. 127.0.0.1:8080") }
            if tokenFile == nil, !LedgerConsole.Configuration.isLoopback(endpoint.host) {
                throw ValidationError(ConsoleSetupError.needsTokenFile(host: endpoint.host).description)
            }
            if showPersonalData, accessLog == nil { throw ValidationError(ConsoleSetupError.accessLogNeeded.description) }
            if let accessLog, [ledger.path, ledger.path + "-wal", ledger.path + "-shm"].contains(where: { Self.same($0, accessLog) }) {
                throw ValidationError("--access-log \(accessLog) is the ledger's own file: give a file beside it")
            }
        }

        func run() async throws {
            guard let endpoint = MetricsEndpoint(listen: listen) else { return }
            endpoint.bootstrap()
            ledger.logging.bootstrap()
            let logger = Logger(label: "ticket-ledger")
            let database = try LedgerDatabase(readingAt: ledger.path, keyFile: ledger.keyFilePath, sealed: !showPersonalData, logger: logger)
            let console: LedgerConsole
            do {
                let tokens = try tokenFile.map { path throws(ConsoleSetupError) in try AccessTokens(contentsOf: path) }
                console = try LedgerConsole(
                    ledger: database,
                    configuration: .init(host: endpoint.host, port: endpoint.port, tokens: tokens, accessLogPath: accessLog, showsPersonalData: showPersonalData),
                    logger: logger)
            } catch {
                throw ValidationError(error.description)
            }
            if showPersonalData, !database.opensPersonalData { Output.warn("no key file opens this ledger's personal data: it shows as sealed") }
            let router = console.router()
            router.get("metrics") { _, _ in
                IngestMetrics.ledgerSize(database, events: try database.lastPosition())
                return endpoint.response()
            }
            let shown = !showPersonalData ? "hidden" : database.opensPersonalData ? "shown, views logged to \(accessLog ?? "")" : "sealed"
            try await console.run(router) { port in
                // Said whatever the log level: the operator needs the address the console took.
                FileHandle.standardError.write(Data("console at http://\(endpoint.host):\(port)/ (read-only; personal data \(shown))\n".utf8))
            }
        }

        /// Whether two paths name one file (the same inode), or the same path when neither exists.
        private static func same(_ a: String, _ b: String) -> Bool {
            var (x, y) = (stat(), stat())
            guard stat(a, &x) == 0, stat(b, &y) == 0 else { return URL(fileURLWithPath: a).standardized == URL(fileURLWithPath: b).standardized }
            return x.st_dev == y.st_dev && x.st_ino == y.st_ino
        }
    }
}

import Foundation
public import Hummingbird
public import Logging
import NIOCore
import ServerSupport
public import TicketLedger

/// The read-only web console over one ledger (`ticket-ledger serve`): server-rendered pages, a
/// JSON API that returns the CLI's `--json` documents, and whatever routes its embedder adds
/// (the CLI adds `/metrics`). It only reads: the ledger is opened read-only by its caller, so
/// it keeps answering while another process ingests or replays.
public final class LedgerConsole: Sendable {
    public let ledger: LedgerDatabase
    public let configuration: Configuration
    let layout: Layout
    let accessLog: AccessLog?
    let activity = ActivityCache()
    let verifications = OneAtATime()
    private let logger: Logger
    private let background = BackgroundServer()

    /// Where it listens and who may look.
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        /// The tokens a request must carry; nil answers anyone, which only a loopback address allows.
        public var tokens: AccessTokens?
        /// Where each view of personal data is recorded; required when the ledger opens personal data.
        public var accessLogPath: String?
        /// Whether personal data was asked for (the ledger is then opened with its key file, when there is one).
        public var showsPersonalData: Bool

        public init(host: String = "127.0.0.1", port: Int = 8080, tokens: AccessTokens? = nil, accessLogPath: String? = nil, showsPersonalData: Bool = false) {
            self.host = host
            self.port = port
            self.tokens = tokens
            self.accessLogPath = accessLogPath
            self.showsPersonalData = showsPersonalData
        }

        /// 127.0.0.0/8, ::1 and `localhost`: addresses only this machine reaches.
        public static func isLoopback(_ host: String) -> Bool {
            let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
            if bare == "localhost" || bare == "::1" { return true }
            let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
            return octets.count == 4 && octets.allSatisfy { UInt8($0) != nil } && octets[0] == "127"
        }
    }

    /// A console over `ledger` (opened with ``LedgerDatabase/init(readingAt:keyFile:sealed:logger:)``,
    /// sealed unless personal data is to be shown). Refuses a non-loopback address without
    /// tokens, and a ledger that opens personal data without an access log.
    public init(ledger: LedgerDatabase, configuration: Configuration, logger: Logger) throws(ConsoleSetupError) {
        if configuration.tokens == nil, !Configuration.isLoopback(configuration.host) { throw .needsTokenFile(host: configuration.host) }
        if ledger.opensPersonalData, !configuration.showsPersonalData { throw .personalDataOpened }
        if ledger.opensPersonalData {
            guard let path = configuration.accessLogPath else { throw .accessLogNeeded }
            accessLog = try AccessLog(path: path)
        } else {
            accessLog = nil
        }
        self.ledger = ledger
        self.configuration = configuration
        self.logger = logger
        let view: PersonalDataView = !configuration.showsPersonalData ? .masked : ledger.opensPersonalData ? .shown : .sealed
        layout = Layout(ledgerName: URL(fileURLWithPath: ledger.path).lastPathComponent, personalData: view)
    }

    /// The console's routes behind its guard (security headers, errors as pages or JSON, metrics)
    /// and its access check; routes the caller adds afterwards sit behind them too.
    public func router() -> Router<ConsoleContext> {
        // HEAD is answered on every GET route with the GET's headers (Hummingbird makes those routes).
        let router = Router(context: ConsoleContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: ConsoleGuard(loopbackHosts: configuration.tokens == nil ? LoopbackHosts() : nil))
        router.add(middleware: AccessCheck(tokens: configuration.tokens))
        addPages(to: router)
        addAPI(to: router)
        router.get("static/console.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: ConsoleStyle.css)))
        }
        return router
    }

    /// Serves `router` (from ``router()``) in the foreground until SIGINT or SIGTERM.
    public func run(_ router: Router<ConsoleContext>, onStarted: @escaping @Sendable (Int) -> Void) async throws {
        try await application(router, onStarted: onStarted).runService()
    }

    /// Starts serving in the background; returns the bound port once it accepts connections.
    public func start(_ router: Router<ConsoleContext>? = nil) async throws -> Int {
        let router = router ?? self.router()
        return try await background.start(logger: logger) { application(router, onStarted: $0) }
    }

    /// Stops a console started with ``start(_:)``, letting the requests it is answering finish.
    public func stop() async {
        await background.stop()
    }

    private func application(_ router: Router<ConsoleContext>, onStarted: @escaping @Sendable (Int) -> Void) -> some ApplicationProtocol {
        let port = configuration.port
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: port), serverName: "ticket-ledger"),
            onServerRunning: { channel in onStarted(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// Records that the context's viewer saw the personal data of `tickets`, when this console
    /// shows any and the response carries a body (a HEAD shows nothing).
    func recordView(_ what: String, of tickets: [(organizer: String, ticketId: String)], in context: ConsoleContext) throws {
        guard !context.headersOnly else { return }
        try accessLog?.record(viewer: context.viewer, what: what, tickets: tickets, at: Timestamp.now())
    }
}

/// A request's context: who is looking (the token's name, or `local` on a loopback console without tokens).
public struct ConsoleContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var viewer = "local"
    /// A HEAD request: its response's body is dropped, so it shows no data and runs no whole-ledger work.
    public var headersOnly = false

    public init(source: ApplicationRequestContextSource) { coreContext = .init(source: source) }
}

/// The activity figures, which read every event: one pass at a time, shared by every request
/// while it runs; once done, kept while the ledger's last position stands, and for at least
/// ``minimumAge`` after it finished when only the position moved (an ingest commits every few
/// seconds; the page says which position the charts go up to). New rules or a new mode
/// always start a new pass. A pass that failed is dropped, so the next request tries again.
actor ActivityCache {
    static let minimumAge: Duration = .seconds(30)
    private var running: Task<LedgerActivity, any Error>?
    private var kept: (position: Int64, rules: String, finished: ContinuousClock.Instant, activity: LedgerActivity)?

    func activity(of ledger: LedgerDatabase) async throws -> LedgerActivity {
        if let running { return try await running.value }
        let settings = try await ledger.liveProjection()
        let (position, rules) = (try ledger.lastPosition(), "\(settings.rules.contentHash) \(settings.mode.rawValue)")
        if let kept, kept.rules == rules, kept.position == position || ContinuousClock.now - kept.finished < Self.minimumAge {
            return kept.activity
        }
        // Another request may have started a pass while this one read the settings.
        if let running { return try await running.value }
        let pass = Task { try await ledger.activity() }
        running = pass
        defer { if running == pass { running = nil } }
        let activity = try await pass.value
        kept = (position, rules, .now, activity)
        return activity
    }
}

/// Work that reads the whole ledger (a verification) runs once at a time; a request meanwhile
/// is told to come back, so clicks cannot pile such work onto the readers the pages use.
actor OneAtATime {
    private var busy = false

    func run<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        guard !busy else { throw ConsoleError.verifying }
        busy = true
        defer { busy = false }
        return try await work()
    }
}

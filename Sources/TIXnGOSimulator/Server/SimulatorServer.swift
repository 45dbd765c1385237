import Hummingbird
public import Logging
import ServerSupport

/// The TIXnGO feedback endpoint over HTTP on 127.0.0.1, serving one ``TicketFeed`` as the
/// ``SimulationClock`` reveals it.
public final class SimulatorServer: Sendable {
    /// The path prefix the TIXnGO contract (`docs/feedback-api.yaml`, `servers`) puts before `/tickets/diff`.
    public static let basePath = "/v3/organizer"

    /// The base URL a client is given for a server listening on `port`.
    public static func baseURL(port: Int) -> String {
        "http://127.0.0.1:\(port)\(basePath)"
    }

    /// The feed served.
    public let feed: TicketFeed
    /// The simulated time that decides which items are visible.
    public let clock: SimulationClock
    /// Port, API key and faults.
    public let configuration: Configuration
    private let endpoint: FeedbackEndpoint
    private let logger: Logger
    private let background = BackgroundServer()

    /// Prepares a server; nothing listens until ``start()`` or ``run(onStarted:)``.
    public init(feed: TicketFeed, clock: SimulationClock, configuration: Configuration, logger: Logger) throws {
        try configuration.validate()
        self.feed = feed
        self.clock = clock
        self.configuration = configuration
        self.logger = logger
        endpoint = FeedbackEndpoint(
            feed: feed, apiKey: configuration.apiKey, clock: clock,
            faults: FaultInjector(configuration: configuration.faults), defaultLimit: configuration.defaultLimit)
    }

    /// What the server has answered so far.
    public var counters: ServerCounters {
        endpoint.counters.withLock { $0 }
    }

    /// What the feed has shown by the clock's current time.
    public func groundTruth() -> GroundTruth {
        feed.groundTruth(at: clock.now)
    }

    /// Starts listening in the background and returns the bound port once it accepts connections.
    public func start() async throws -> Int {
        do {
            return try await background.start(logger: logger, makeApplication(onStarted:))
        } catch is CancellationError {
            throw SimulatorError.serverNotStarted("the server stopped before listening")
        } catch {
            throw SimulatorError.serverNotStarted("\(error)")
        }
    }

    /// Stops a server started with ``start()``, letting the requests it is answering finish,
    /// and waits until it no longer listens.
    public func stop() async {
        await background.stop()
    }

    /// Serves in the foreground until SIGINT or SIGTERM; `onStarted` gets the bound port.
    public func run(onStarted: @escaping @Sendable (Int) -> Void) async throws {
        try await makeApplication(onStarted: onStarted).runService()
    }

    private func makeApplication(onStarted: @escaping @Sendable (Int) -> Void) -> some ApplicationProtocol {
        let router = Router()
        let endpoint = endpoint
        let path = "\(Self.basePath)/tickets/diff"
        router.add(middleware: OnlyGET(path: path))
        router.get(RouterPath(path)) { request, context -> Response in
            try await endpoint.respond(to: request, logger: context.logger)
        }
        return Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: configuration.port), serverName: "tixngo-simulator"),
            onServerRunning: { channel in
                if let port = channel.localAddress?.port { onStarted(port) }
            },
            logger: logger)
    }
}

/// The contract declares GET only: any other method on the endpoint's path (QUERY and
/// methods yet to come included) is answered 405 with `Allow: GET` (RFC 9110 §15.5.6).
private struct OnlyGET<Context: RequestContext>: RouterMiddleware {
    let path: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path == path, request.method != .get, request.method != .head else {
            return try await next(request, context)
        }
        return FeedbackEndpoint.methodNotAllowed()
    }
}

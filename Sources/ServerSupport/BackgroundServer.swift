public import Logging
public import ServiceLifecycle
import Synchronization

/// A server run in the background of a process that does other work (the demo, a benchmark,
/// a test, an embedder) and stopped gracefully: it stops accepting, lets the requests in
/// flight finish (at most ``gracePeriod``, then they are cancelled) and returns. Cancelling
/// its task instead made Hummingbird log every stop as an error ("Waiting on child channel:
/// CancellationError()").
public final class BackgroundServer: Sendable {
    private let running = Mutex<Running?>(nil)

    /// How long a stop waits for requests in flight before cancelling them.
    static let gracePeriod = Duration.seconds(5)

    public init() {}

    /// Stops the server running, if any, then runs the service `make` returns and returns the
    /// port it reports to the closure `make` is given once it listens; throws the reason it
    /// stopped when it never does (`CancellationError` when it was stopped or the caller cancelled).
    public func start<S: Service>(logger: Logger, _ make: (@escaping @Sendable (Int) -> Void) -> S) async throws -> Int {
        await stop()
        let (ports, listening) = AsyncStream<Int>.makeStream()
        var configuration = ServiceGroupConfiguration(services: [.init(service: make { listening.yield($0) })], logger: logger)
        configuration.maximumGracefulShutdownDuration = Self.gracePeriod
        let group = ServiceGroup(configuration: configuration)
        let task = Task {
            defer { listening.finish() }
            try await group.run()
        }
        running.withLock { $0 = Running(group: group, task: task) }
        for await port in ports { return port }
        // No port: the server failed, was stopped, or this caller was cancelled (the stream
        // ends then too), in which case the server must not be left starting.
        if Task.isCancelled { await group.triggerGracefulShutdown() }
        try await task.value
        throw CancellationError()
    }

    /// Stops the running server and waits until it no longer listens.
    public func stop() async {
        let current = running.withLock { running in
            defer { running = nil }
            return running
        }
        await current?.stop()
    }

    private struct Running: Sendable {
        let group: ServiceGroup
        let task: Task<Void, any Error>

        func stop() async {
            await group.triggerGracefulShutdown()
            _ = await task.result
        }
    }
}

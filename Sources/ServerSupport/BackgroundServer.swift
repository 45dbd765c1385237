public import Logging
public import ServiceLifecycle
import Synchronization

/// A server run in the background of a process that does other work (the demo, a benchmark,
/// a test, an embedder) and stopped the way SIGTERM stops one in the foreground: gracefully,
/// its open connections let finish. Cancelling its task instead made Hummingbird log every
/// stop as an error ("Waiting on child channel: CancellationError()").
public final class BackgroundServer: Sendable {
    private let running = Mutex<Running?>(nil)

    /// What a stop waits for before cancelling: a connection still busy after it is cut.
    static let gracePeriod = Duration.seconds(5)

    public init() {}

    /// Runs the service `make` returns (after stopping the one running) and returns the port
    /// it reports to the closure `make` is given once it listens; throws the reason it stopped
    /// when it never does.
    public func start<S: Service>(logger: Logger, _ make: (@escaping @Sendable (Int) -> Void) -> S) async throws -> Int {
        let (ports, listening) = AsyncStream<Int>.makeStream()
        var configuration = ServiceGroupConfiguration(services: [.init(service: make { listening.yield($0) })], logger: logger)
        configuration.maximumGracefulShutdownDuration = Self.gracePeriod
        let group = ServiceGroup(configuration: configuration)
        let task = Task {
            defer { listening.finish() }
            try await group.run()
        }
        let previous = running.withLock { running in
            defer { running = Running(group: group, task: task) }
            return running
        }
        await previous?.stop()
        for await port in ports { return port }
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

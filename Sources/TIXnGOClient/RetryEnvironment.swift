/// The clock, sleep and randomness the retry loop uses, injectable so tests control time.
public struct RetryEnvironment: Sendable {
    /// The current instant, used to bound the total time spent retrying.
    public var now: @Sendable () -> ContinuousClock.Instant
    /// Waits between attempts; throws `CancellationError` when the task is cancelled.
    public var sleep: @Sendable (Duration) async throws -> Void
    /// A random number in `0..<1` that sets the jitter of one backoff wait.
    public var randomUnit: @Sendable () -> Double

    /// An environment built from the given functions.
    public init(
        now: @escaping @Sendable () -> ContinuousClock.Instant,
        sleep: @escaping @Sendable (Duration) async throws -> Void,
        randomUnit: @escaping @Sendable () -> Double
    ) {
        self.now = now
        self.sleep = sleep
        self.randomUnit = randomUnit
    }

    /// The real continuous clock, `Task.sleep` and the system random generator.
    public static let live = RetryEnvironment(
        now: { ContinuousClock.now },
        sleep: { try await Task.sleep(for: $0) },
        randomUnit: { Double.random(in: 0..<1) }
    )
}

/// How often and how long the client retries a failed page request.
public struct RetryPolicy: Sendable {
    /// Requests sent at most, the first one included (at least 1).
    public var maxAttempts: Int
    /// The wait before the first retry; each later wait doubles it.
    public var baseDelay: Duration
    /// The longest single wait, also the cap on a server's `Retry-After`.
    public var maxDelay: Duration
    /// The time budget: no retry is made whose wait would end this long after the first request.
    ///
    /// An attempt already in flight is bounded by the request timeout, not by this budget.
    public var maxElapsed: Duration
    /// The share of each backoff wait that is random, from 0 (none) to 1 (all of it).
    public var jitter: Double

    /// A policy; the defaults give up after 6 attempts or 120 s, whichever comes first.
    public init(
        maxAttempts: Int = 6,
        baseDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(30),
        maxElapsed: Duration = .seconds(120),
        jitter: Double = 0.5
    ) {
        precondition(maxAttempts >= 1, "RetryPolicy.maxAttempts must be at least 1")
        precondition((0...1).contains(jitter), "RetryPolicy.jitter must be within 0...1")
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxElapsed = maxElapsed
        self.jitter = jitter
    }

    /// The wait after failed attempt `attempt` (1-based), given a random `unit` in 0..<1.
    ///
    /// The exponential delay `min(maxDelay, baseDelay × 2^(attempt-1))` is shortened by up to
    /// `jitter` of itself, so the wait lies in `(delay × (1 - jitter)) ... delay`.
    public func backoff(afterAttempt attempt: Int, unit: Double) -> Duration {
        let doubling = Double(sign: .plus, exponent: max(0, min(attempt - 1, 62)), significand: 1)
        let delay = min(maxDelay.seconds, baseDelay.seconds * doubling)
        return .seconds(delay * (1 - jitter * unit))
    }
}

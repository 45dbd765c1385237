import Foundation
import TIXnGOClient

/// A clock that moves only when the client sleeps, recording every sleep.
final class FakeTime: @unchecked Sendable {
    private let lock = NSLock()
    private let start = ContinuousClock.now
    private var elapsed = Duration.zero
    private var recordedSleeps: [Duration] = []

    /// The sleeps the client asked for, in order.
    var sleeps: [Duration] { lock.withLock { recordedSleeps } }

    /// A retry environment on this clock whose jitter comes from `randomUnit`.
    func environment(randomUnit: @escaping @Sendable () -> Double = { 0 }) -> RetryEnvironment {
        RetryEnvironment(
            now: { self.now },
            sleep: { duration in
                try Task.checkCancellation()
                self.record(duration)
            },
            randomUnit: randomUnit
        )
    }

    private var now: ContinuousClock.Instant {
        lock.withLock { start + elapsed }
    }

    private func record(_ duration: Duration) {
        lock.withLock {
            recordedSleeps.append(duration)
            elapsed += duration
        }
    }
}

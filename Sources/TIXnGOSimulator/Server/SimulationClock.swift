public import Foundation
import SharedSupport
import Synchronization

/// The simulator's notion of "now": moved explicitly by its owner, or running at a multiple of
/// wall-clock speed. Items become visible when their publish time is at or before it.
public final class SimulationClock: Sendable {
    private struct State {
        var anchorTime: TimeInterval
        var anchorInstant: ContinuousClock.Instant
        var speed: Double
    }

    private let state: Mutex<State>

    /// A clock at `start` that moves `speed` simulated seconds per real second (0: only when told).
    public init(start: Date, speed: Double = 0) {
        state = Mutex(State(anchorTime: start.timeIntervalSince1970, anchorInstant: .now, speed: max(0, speed)))
    }

    /// A clock that stays at `start` until ``advance(by:)`` or ``set(to:)`` moves it.
    public static func manual(start: Date) -> SimulationClock {
        SimulationClock(start: start, speed: 0)
    }

    /// The current simulated time.
    public var now: Date {
        state.withLock { Date(timeIntervalSince1970: Self.time(of: $0, at: .now)) }
    }

    /// Moves the clock forward (or back, with a negative interval) by `seconds`.
    public func advance(by seconds: TimeInterval) {
        state.withLock { state in
            let instant = ContinuousClock.now
            state.anchorTime = Self.time(of: state, at: instant) + seconds
            state.anchorInstant = instant
        }
    }

    /// Puts the clock at `date`; a running clock goes on from there.
    public func set(to date: Date) {
        state.withLock { state in
            state.anchorTime = date.timeIntervalSince1970
            state.anchorInstant = .now
        }
    }

    private static func time(of state: State, at instant: ContinuousClock.Instant) -> TimeInterval {
        guard state.speed > 0 else { return state.anchorTime }
        return state.anchorTime + (instant - state.anchorInstant).seconds * state.speed
    }
}

import SharedSupport
import Synchronization

/// Draws, request by request, which fault (if any) to inject; the draws follow the seed.
final class FaultInjector: Sendable {
    let configuration: FaultConfiguration
    private let generator: Mutex<SplitMix64>

    init(configuration: FaultConfiguration) {
        self.configuration = configuration
        generator = Mutex(SplitMix64(seed: configuration.seed, stream: 0xFA17))
    }

    /// The fault for the next request, or nil for a normal answer.
    func draw() -> FaultKind? {
        guard configuration.totalRate > 0 else { return nil }
        let draw = generator.withLock { $0.unit() }
        var threshold = 0.0
        for kind in FaultKind.allCases {
            threshold += configuration.rates[kind] ?? 0
            if draw < threshold { return kind }
        }
        return nil
    }
}

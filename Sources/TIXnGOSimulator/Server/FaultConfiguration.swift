/// Which share of requests gets which transient fault, drawn from a seeded generator.
public struct FaultConfiguration: Sendable, Hashable {
    /// Share of requests (0...1) given each kind of fault; the shares add up to at most 1.
    public var rates: [FaultKind: Double]
    /// The seed of the fault draws.
    public var seed: UInt64
    /// How long a slow response waits before answering.
    public var slowDelay: Duration
    /// The Retry-After value of 429 and 503 answers, in seconds.
    public var retryAfterSeconds: Int

    /// No faults.
    public static let none = FaultConfiguration()

    /// Creates a fault configuration.
    public init(
        rates: [FaultKind: Double] = [:], seed: UInt64 = 1, slowDelay: Duration = .seconds(2),
        retryAfterSeconds: Int = 1
    ) {
        self.rates = rates
        self.seed = seed
        self.slowDelay = slowDelay
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// `total` share of requests faulted, split evenly over every kind.
    public static func evenly(total: Double, seed: UInt64 = 1) -> FaultConfiguration {
        let each = total / Double(FaultKind.allCases.count)
        return FaultConfiguration(rates: Dictionary(uniqueKeysWithValues: FaultKind.allCases.map { ($0, each) }), seed: seed)
    }

    /// The share of requests that get any fault.
    public var totalRate: Double {
        rates.values.reduce(0, +)
    }

    /// Throws ``SimulatorError/invalidConfiguration(_:)`` naming the first bad value.
    public func validate() throws {
        for kind in FaultKind.allCases {
            if let rate = rates[kind], !(0...1).contains(rate) {
                throw SimulatorError.invalidConfiguration("\(kind.rawValue) rate \(rate): use a share between 0 and 1")
            }
        }
        if totalRate > 1 + 1e-9 {
            throw SimulatorError.invalidConfiguration("fault rates add up to \(totalRate): keep their sum at most 1")
        }
        if retryAfterSeconds < 0 {
            throw SimulatorError.invalidConfiguration("Retry-After \(retryAfterSeconds): use 0 or more seconds")
        }
        if slowDelay < .zero {
            throw SimulatorError.invalidConfiguration("slow delay \(slowDelay): use 0 or more")
        }
    }
}

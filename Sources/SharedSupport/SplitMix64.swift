/// A small, fast, seeded pseudo-random generator (SplitMix64): the one source of
/// randomness of the simulator, the benchmarks and the tests, so a seed means the same
/// data on every run and machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator starting at `seed`.
    public init(seed: UInt64) { state = seed }

    /// A generator for one independent stream of a seed, e.g. one ticket.
    public init(seed: UInt64, stream: UInt64, substream: UInt64 = 0) {
        state = Self.mix(seed ^ Self.mix(stream &+ 0x9E37_79B9_7F4A_7C15) ^ Self.mix(substream &* 0xD1B5_4A32_D192_ED03))
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// A uniform double in 0..<1.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// A uniform integer in `range`.
    public mutating func int(in range: ClosedRange<Int64>) -> Int64 {
        let width = UInt64(range.upperBound - range.lowerBound) &+ 1
        guard width != 0 else { return Int64(bitPattern: next()) }
        return range.lowerBound + Int64(next() % width)
    }

    /// A uniformly chosen element.
    public mutating func pick<T>(_ values: [T]) -> T {
        values[Int(next() % UInt64(values.count))]
    }

    /// The SplitMix64 finalizer: a good 64-bit hash of `value`.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import SharedSupport

/// Percentiles of a set of latencies, in microseconds (nearest-rank on the sorted samples).
struct LatencySummary: Sendable {
    var count: Int
    var p50: Double
    var p99: Double
    var max: Double
    var mean: Double

    init(microseconds samples: [Double]) {
        precondition(!samples.isEmpty, "no samples")
        let sorted = samples.sorted()
        count = sorted.count
        p50 = Self.percentile(0.50, of: sorted)
        p99 = Self.percentile(0.99, of: sorted)
        max = sorted[sorted.count - 1]
        mean = sorted.reduce(0, +) / Double(sorted.count)
    }

    /// The smallest sample with at least `fraction` of the samples at or below it.
    private static func percentile(_ fraction: Double, of sorted: [Double]) -> Double {
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]
    }

    /// Flat JSON members named `PREFIX_p50_us` and so on, so a shell script can grep them.
    func jsonMembers(_ prefix: String) -> String {
        [("p50_us", p50), ("p99_us", p99), ("max_us", max), ("mean_us", mean)]
            .map { "\"\(prefix)_\($0.0)\":\(Self.format($0.1))" }
            .joined(separator: ",")
    }

    static func format(_ value: Double) -> String {
        value.isFinite ? String(Double(Int((value * 10).rounded())) / 10) : "null"
    }
}

extension Duration {
    /// The duration in microseconds, as a Double.
    var microseconds: Double { seconds * 1e6 }
}

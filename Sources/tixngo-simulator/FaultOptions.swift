import ArgumentParser
import TIXnGOSimulator

/// The flags that choose which transient faults the server injects.
struct FaultOptions: ParsableArguments {
    @Option(help: "Share of requests (0...1) given a fault, split evenly over the six kinds.")
    var faultRate = 0.0

    @Option(help: "Share of requests answered 500 (overrides --fault-rate for this kind).")
    var serverErrorRate: Double?

    @Option(help: "Share of requests answered 503 with Retry-After.")
    var unavailableRate: Double?

    @Option(help: "Share of requests answered 429 with Retry-After.")
    var rateLimitRate: Double?

    @Option(help: "Share of requests answered after --slow-delay.")
    var slowRate: Double?

    @Option(help: "Share of requests whose connection closes before the body.")
    var dropRate: Double?

    @Option(help: "Share of requests whose JSON body is cut in the middle.")
    var truncateRate: Double?

    @Option(help: "Seconds a slow response waits.")
    var slowDelay = 2.0

    @Option(help: "Retry-After seconds of 429 and 503 answers.")
    var retryAfter = 1

    @Option(help: "Seed of the fault draws (default: --seed).")
    var faultSeed: UInt64?

    /// The fault configuration these flags describe.
    func configuration(defaultSeed: UInt64) throws -> FaultConfiguration {
        guard slowDelay >= 0, slowDelay.isFinite else {
            throw ValidationError("--slow-delay \(slowDelay): use 0 or more seconds")
        }
        var faults = FaultConfiguration.evenly(total: faultRate, seed: faultSeed ?? defaultSeed)
        let overrides: [(FaultKind, Double?)] = [
            (.serverError, serverErrorRate), (.unavailable, unavailableRate), (.rateLimited, rateLimitRate),
            (.slowResponse, slowRate), (.droppedConnection, dropRate), (.truncatedBody, truncateRate),
        ]
        for case let (kind, rate?) in overrides {
            faults.rates[kind] = rate
        }
        faults.slowDelay = .milliseconds(Int64(slowDelay * 1000))
        faults.retryAfterSeconds = retryAfter
        return faults
    }
}

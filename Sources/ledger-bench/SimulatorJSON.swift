import ArgumentParser
import Foundation
import TIXnGOSimulator

extension LedgerBenchCommand {
    /// Why the simulator writes its JSON by hand: its writer against Foundation's JSONEncoder
    /// on the same items (docs/benchmarks.md, "The simulator's JSON").
    struct SimulatorJSON: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "simulator-json",
            abstract: "Time the simulator's JSON writer against JSONEncoder on the same generated items.")

        @Option(help: "Tickets of the generated feed (about four items each).") var tickets = 20_000
        @Option(help: "The feed's seed.") var seed: UInt64 = 42
        @Option(help: "Timed passes of each encoder; the fastest counts.") var passes = 3

        func run() throws {
            let feed = try TicketFeed(configuration: FeedConfiguration(organizer: "ORG-BENCH", tickets: tickets, seed: seed, shape: .lifecycle))
            let items = (0..<feed.count).map { feed.entry(at: $0).item }
            let encoder = JSONEncoder()
            func fastest(_ encode: () throws -> Int) rethrows -> (time: Duration, bytes: Int) {
                var best: (time: Duration, bytes: Int)?
                for _ in 0..<passes {
                    let clock = ContinuousClock()
                    var bytes = 0
                    let time = try clock.measure { bytes = try encode() }
                    if best == nil || time < best!.time { best = (time, bytes) }
                }
                return best!
            }
            let writer = fastest { items.reduce(0) { $0 + $1.jsonBytes().count } }
            let codable = try fastest { try items.reduce(0) { $0 + (try encoder.encode($1)).count } }
            print("items: \(items.count)")
            print("JSONWriter:  \(writer.time) for \(writer.bytes) bytes")
            print("JSONEncoder: \(codable.time) for \(codable.bytes) bytes")
            print("ratio (JSONEncoder time / JSONWriter time): \(String(format: "%.2f", codable.time / writer.time))")
        }
    }
}

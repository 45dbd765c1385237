import ArgumentParser
import AsyncHTTPClient
import Foundation
import Hummingbird
import LedgerConsole
import Logging
import NIOCore
import SharedSupport
import Synchronization
import TicketLedger

extension LedgerBenchCommand {
    /// The console under load: `/api/tickets/{id}/history` of random tickets against a static
    /// route of the same server whose body is the history's mean size, both driven over
    /// loopback by an in-process client with a few connections.
    struct Console: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Drive the console's history route and a static route of the same size; report requests/s and latency.",
            discussion: """
                Opens the ledger as `serve` does (personal data hidden: the key file is not read), or with \
                --show-personal-data as `serve --show-personal-data` does (its key file, an access log in a temporary folder); \
                serves it on 127.0.0.1, picks --tickets random tickets by --seed, and sends --requests requests to \
                each route from --connections concurrent clients (static first, then history, after a warm-up of both). \
                Latencies are wall-clock microseconds per request as the client sees them.
                """)

        @Option(help: "The ledger file (it must exist and have a live projection).") var db: String
        @Option(help: "Requests to each route.") var requests = 20_000
        @Option(help: "Concurrent client connections.") var connections = 4
        @Option(help: "Random tickets the history requests go to.") var tickets = 2_000
        @Option(help: "Seed of the choice of tickets.") var seed: UInt64 = 1
        @Flag(name: .customLong("show-personal-data"), help: "Open personal data and log each view, as serve --show-personal-data.")
        var showPersonalData = false
        @Flag(help: "Print one JSON line instead of text.") var json = false

        func validate() throws {
            guard requests >= 100, connections >= 1, tickets >= 1 else { throw ValidationError("--requests ≥ 100, --connections ≥ 1, --tickets ≥ 1") }
            guard FileManager.default.fileExists(atPath: db) else { throw ValidationError("\(db): no such file") }
        }

        func run() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("console-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let ledger = try LedgerDatabase(readingAt: db, sealed: !showPersonalData)
            guard !showPersonalData || ledger.opensPersonalData else {
                throw ValidationError("--show-personal-data: no key file opens \(db)'s personal data, so nothing would be shown")
            }
            var logger = Logger(label: "console-bench")
            logger.logLevel = .critical
            let console = try LedgerConsole(
                ledger: ledger,
                configuration: .init(port: 0, accessLogPath: folder.appendingPathComponent("access.log").path, showsPersonalData: showPersonalData),
                logger: logger)
            let all = try RawLedger(path: db).ticketKeys()
            guard !all.isEmpty else { throw ValidationError("--db \(db): the ledger holds no events") }
            var random = SplitMix64(seed: seed)
            let picked = Audit.pick(tickets, of: all.count, using: &random).map { "/api/tickets/\(Self.segment(all[$0].ticketId))/history?organizer=\(Self.segment(all[$0].organizer))" }
            let staticBody = Mutex(ByteBuffer())
            let router = console.router()
            router.get("bench/static") { _, _ in
                Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: staticBody.withLock { $0 }))
            }
            let port = try await console.start(router)
            let base = "http://127.0.0.1:\(port)"
            // Warm-up: every picked ticket once, which also measures the history bodies' mean size.
            var bytes = 0
            for path in picked { bytes += try await Self.get(base + path) }
            let size = bytes / picked.count
            staticBody.withLock { $0 = ByteBuffer(repeating: UInt8(ascii: " "), count: size) }
            _ = try await drive(base, paths: ["/bench/static"], count: min(requests, 2_000))
            let reference = try await drive(base, paths: ["/bench/static"], count: requests)
            let measured = try await drive(base, paths: picked, count: requests)
            await console.stop()
            let ratio = measured.rate / reference.rate
            if json {
                print(
                    "{\"workload\":\"console\",\"personalData\":\(showPersonalData),\"requests\":\(requests),\"connections\":\(connections),\"body_bytes\":\(size),"
                        + "\"history_rps\":\(Int(measured.rate)),\"static_rps\":\(Int(reference.rate)),"
                        + "\(measured.latency.jsonMembers("history")),\(reference.latency.jsonMembers("static")),"
                        + "\"ratio\":\(String(format: "%.2f", ratio))}")
                return
            }
            print("console on \(db): \(requests) requests per route, \(connections) connections, mean history body \(size) bytes")
            print("history  \(Int(measured.rate)) req/s, p50 \(LatencySummary.format(measured.latency.p50)) µs, p99 \(LatencySummary.format(measured.latency.p99)) µs")
            print("static   \(Int(reference.rate)) req/s, p50 \(LatencySummary.format(reference.latency.p50)) µs, p99 \(LatencySummary.format(reference.latency.p99)) µs")
            print("ratio (history ÷ static requests/s): \(String(format: "%.2f", ratio))")
        }

        /// `count` GETs spread over the connections, each taking the paths in turn.
        private func drive(_ base: String, paths: [String], count: Int) async throws -> (rate: Double, latency: LatencySummary) {
            let clock = ContinuousClock()
            let started = clock.now
            let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
                for worker in 0..<connections {
                    group.addTask {
                        var times: [Double] = []
                        var index = worker
                        while index < count {
                            let begun = clock.now
                            _ = try await Self.get(base + paths[index % paths.count])
                            times.append((clock.now - begun).microseconds)
                            index += connections
                        }
                        return times
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            let seconds = (clock.now - started).microseconds / 1_000_000
            return (Double(count) / seconds, LatencySummary(microseconds: latencies))
        }

        /// GETs `url`, which must answer 200; the body's size.
        private static func get(_ url: String) async throws -> Int {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 64 << 20)
            guard response.status == .ok else { throw ValidationError("\(url): HTTP \(response.status.code)") }
            return body.readableBytes
        }

        private static func segment(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
        }
    }
}

import AsyncHTTPClient
import Foundation
import LedgerTestSupport
import Testing
import TIXnGOSimulator
@testable import TicketLedger

/// `ingest --every … --metrics-listen`: the scheduled ingest's Prometheus metrics, scraped over HTTP
/// while it runs, agree with the ledger and the run journal.
@Suite("Metrics of the scheduled ingest")
struct MetricsTests {
    /// A port on 127.0.0.1 nobody listens on now.
    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The metric lines of a scrape, by name with labels: `ticket_ledger_runs_total{organizer="ORG",outcome="ok"}` → 2.
    static func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    static func scrape(_ port: Int) async -> String? {
        guard let response = try? await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/metrics"), timeout: .seconds(5)),
            response.status == .ok, response.headers.first(name: "content-type")?.hasPrefix("text/plain; version=0.0.4") == true,
            let body = try? await response.body.collect(upTo: 1 << 20)
        else { return nil }
        return String(buffer: body)
    }

    static let okRuns = "ticket_ledger_runs_total{organizer=\"ORG\",outcome=\"ok\"}"

    /// Starts `ingest --every EVERY --metrics-listen` against `organizer`, and scrapes it every 100 ms
    /// (at most `attempts` times) until `okRuns` runs have succeeded; returns the child and the last scrape.
    static func scheduledIngest(
        _ organizer: SimulatedOrganizer, every: String, batchSize: Int, okRuns wanted: Double, attempts: Int
    ) async throws -> (child: ChildProcess, text: String) {
        let port = try freePort()
        let child = try ChildProcess(
            "ticket-ledger",
            ["ingest", "--organizer", "ORG", "--url", organizer.url, "--every", every, "--batch-size", String(batchSize),
             "--metrics-listen", "127.0.0.1:\(port)", "--db", organizer.ledger.path],
            environment: ["TIXNGO_API_KEY": SimulatedOrganizer.apiKey])
        var text = ""
        for _ in 0..<attempts {
            if let scraped = await scrape(port) {
                text = scraped
                if samples(scraped)[okRuns, default: 0] >= wanted { break }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return (child, text)
    }

    @Test func aScrapeWhileTheScheduleRunsCountsItsRunsItemsAndLastSuccess() async throws {
        let organizer = try await SimulatedOrganizer(tickets: 80)
        let (child, text) = try await Self.scheduledIngest(organizer, every: "1s", batchSize: 50, okRuns: 2, attempts: 100)
        let samples = Self.samples(text)
        child.terminate()
        let stopped = await child.wait()
        #expect(stopped.status == 0, "SIGTERM ends the schedule and the metrics server: \(stopped.stderr)")
        let runs = try await organizer.ledger.database.runs(organizer: "ORG").filter { $0.outcome == .ok }
        try #require(runs.count >= 2, "no two runs in 10 s: \(stopped.stderr)")
        let okRuns = try #require(samples[Self.okRuns])
        #expect(okRuns >= 2 && Int(okRuns) <= runs.count)
        let appended = try #require(samples["ticket_ledger_items_total{organizer=\"ORG\",outcome=\"appended\"}"])
        let events = try await organizer.ledger.database.summary().events
        #expect(appended > 0 && Int(appended) <= events)
        let ledgerLabel = "{ledger=\"\(organizer.ledger.path)\"}"
        #expect(samples["ticket_ledger_events" + ledgerLabel].map { Int($0) } ?? 0 >= Int(appended))
        #expect(samples["ticket_ledger_pages_total{organizer=\"ORG\"}", default: 0] >= 2)
        #expect(samples["ticket_ledger_tixngo_requests_total", default: 0] >= samples["ticket_ledger_pages_total{organizer=\"ORG\"}", default: 0])
        let lastSuccess = try #require(samples["ticket_ledger_last_success_timestamp_seconds{organizer=\"ORG\"}"])
        #expect(abs(lastSuccess - Date().timeIntervalSince1970) < 60)
        #expect(samples["ticket_ledger_run_duration_seconds_count{organizer=\"ORG\"}"] == okRuns)
        #expect(samples["ticket_ledger_file_bytes" + ledgerLabel, default: 0] > 0)
        #expect(samples["ticket_ledger_runs_refused_total{organizer=\"ORG\"}"] == 0, "primed, and no run refused")

        // Every family has its help text (LedgerMetrics.help), the line before its type.
        let lines = text.split(separator: "\n")
        for (index, line) in lines.enumerated() where line.hasPrefix("# TYPE ") {
            let name = line.split(separator: " ")[2]
            #expect(index > 0 && lines[index - 1].hasPrefix("# HELP \(name) "), "no help text for \(name)")
        }
        await organizer.stop()
    }

    @Test func everyFailedAttemptIsCountedAsARetryByItsCause() async throws {
        // One run (the next is an hour away) against faults of every kind: each failing attempt the
        // simulator injects is retried once, and counted under its cause.
        let organizer = try await SimulatedOrganizer(tickets: 80, faults: FaultConfiguration.evenly(total: 0.3, seed: 11))
        let (child, text) = try await Self.scheduledIngest(organizer, every: "1h", batchSize: 20, okRuns: 1, attempts: 300)
        let samples = Self.samples(text)
        child.terminate()
        _ = await child.wait()
        try #require(samples[Self.okRuns] == 1)
        let injected = organizer.server.counters.faults.filter { $0.key != .slowResponse }.values.reduce(0, +)
        try #require(injected > 0, "the seed injects failing faults")
        let retries = samples.filter { $0.key.hasPrefix("ticket_ledger_tixngo_retries_total{") }
        #expect(Int(retries.values.reduce(0, +)) == injected, "\(retries) for \(organizer.server.counters.faults)")
        let causes = Set(retries.keys.compactMap { $0.split(separator: "\"").dropFirst().first.map(String.init) })
        #expect(causes.isSubset(of: ["500", "503", "429", "connection", "undecodable_body"]), "\(causes)")
        #expect(samples["ticket_ledger_tixngo_requests_total"].map(Int.init) == Int(samples["ticket_ledger_pages_total{organizer=\"ORG\"}", default: 0]) + injected)
        await organizer.stop()
    }

    @Test func metricsListenNeedsTheScheduleAndAnAddress() async throws {
        let environment = ["TIXNGO_API_KEY": "k"]
        let once = try await ChildProcess.run(
            "ticket-ledger", ["ingest", "--organizer", "O", "--url", "http://127.0.0.1:9/v3/organizer", "--metrics-listen", "127.0.0.1:9464", "--db", "x.sqlite"],
            environment: environment)
        #expect(once.status == 64 && once.stderr.contains("give --every too"))
        let bad = try await ChildProcess.run(
            "ticket-ledger",
            ["ingest", "--organizer", "O", "--url", "http://127.0.0.1:9/v3/organizer", "--every", "5m", "--metrics-listen", "9464", "--db", "x.sqlite"],
            environment: environment)
        #expect(bad.status == 64 && bad.stderr.contains("give HOST:PORT"))
    }
}

import Hummingbird
import Foundation
import Logging
import Metrics
import NIOCore
import Prometheus
import ServiceLifecycle
import SharedSupport
import TicketLedger

/// `/metrics` in the Prometheus text format, for a long-running command (`ingest --every`): the
/// process's swift-metrics backend is bootstrapped to a Prometheus registry that this serves.
struct MetricsEndpoint {
    let host: String
    let port: Int
    let registry = PrometheusCollectorRegistry()

    /// `HOST:PORT`, e.g. `127.0.0.1:9464`; nil when it is not one.
    init?(listen: String) {
        guard let address = ListenAddress(listen) else { return nil }
        (host, port) = (address.host, address.port)
    }

    /// Makes every metric of this process go to the registry (once per process).
    func bootstrap() {
        var factory = PrometheusMetricsFactory(registry: registry)
        for name in ["ticket_ledger_run_duration_seconds", "ticket_ledger_replay_duration_seconds"] {
            factory.durationHistogramBuckets[name] = IngestMetrics.durationBuckets
        }
        MetricsSystem.bootstrap(factory)
    }

    /// The exposition with a `# HELP` line before each family's `# TYPE` line (``LedgerMetrics/help``).
    static func withHelp(_ exposition: String) -> String {
        var text = ""
        for line in exposition.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count >= 3, words[0] == "#", words[1] == "TYPE", let help = LedgerMetrics.help[String(words[2])] {
                text += "# HELP \(words[2]) \(help)\n"
            }
            text += line + "\n"
        }
        return text
    }

    /// The exposition as a response (`ingest --every` serves it, and `serve` beside its console).
    func response() -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: Self.withHelp(registry.emitToString()))))
    }

    /// The server, as a service to run beside the schedule; it logs the address it listens on.
    func application(logger: Logger) -> some Service {
        let router = Router()
        router.get("metrics") { _, _ in response() }
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "ticket-ledger"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? port
                logger.notice("metrics at http://\(host):\(port)/metrics", metadata: ["metrics.port": "\(port)"])
            },
            logger: logger)
    }
}

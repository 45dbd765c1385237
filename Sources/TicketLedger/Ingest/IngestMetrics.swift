import Foundation
import Metrics

/// The help text of every metric TicketLedger and its TIXnGO client report, by name: what a
/// Prometheus endpoint prints as `# HELP` (swift-metrics carries no help text).
public enum LedgerMetrics {
    public static let help: [String: String] = [
        "ticket_ledger_runs_total": "Ingest runs finished, by organizer and outcome (ok, failed).",
        "ticket_ledger_runs_refused_total": "Ingest runs of this process not started because another run of the organizer held its lock.",
        "ticket_ledger_items_total": "Items received by ingest runs, by organizer and outcome (appended, duplicate, skipped, rejected).",
        "ticket_ledger_pages_total": "Pages of the TIXnGO feed written, by organizer (a file run counts one).",
        "ticket_ledger_last_success_timestamp_seconds": "When the organizer's last successful ingest run finished (Unix time).",
        "ticket_ledger_run_duration_seconds": "How long ingest runs took, by organizer.",
        "ticket_ledger_ingest_lag_seconds": "At the end of the last successful run: now minus the newest statusDate it appended.",
        "ticket_ledger_events": "Events in the ledger (its last position), by ledger file.",
        "ticket_ledger_file_bytes": "Size of the ledger file in bytes (without its WAL), by ledger file.",
        "ticket_ledger_replay_duration_seconds": "How long replays took.",
        "ticket_ledger_tixngo_requests_total": "Requests sent to TIXnGO, each attempt counted.",
        "ticket_ledger_tixngo_retries_total": "TIXnGO requests retried, by cause (an HTTP status, connection, undecodable_body).",
        "ticket_ledger_http_requests_total": "Requests the console (serve) answered, by route and HTTP status.",
        "ticket_ledger_http_request_duration_seconds": "How long the console (serve) took to answer, by route.",
    ]
}

/// What ingest runs report to the process's metrics backend, through swift-metrics: nothing
/// unless the embedder bootstraps a backend (`ticket-ledger ingest --every … --metrics-listen`
/// bootstraps Prometheus). Names and labels: docs/operations.md, "Metrics".
public enum IngestMetrics {
    /// Records a finished run: its outcome and duration, the items and pages it committed (a failed
    /// run's too, from the journal), and on success the time and the lag; the ledger's size when known.
    static func run(
        organizer: String, outcome: RunOutcome, finished: RunJournal.Finished?, newestStatusDate: Timestamp?,
        duration: Duration, ledger: LedgerDatabase
    ) {
        let labels = [("organizer", organizer)]
        Counter(label: "ticket_ledger_runs_total", dimensions: labels + [("outcome", outcome.rawValue)]).increment()
        Metrics.Timer(label: "ticket_ledger_run_duration_seconds", dimensions: labels, preferredDisplayUnit: .seconds)
            .recordNanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
        if let finished {
            let counts = finished.counts
            for (name, count) in [("appended", counts.appended), ("duplicate", counts.duplicates), ("skipped", counts.skipped), ("rejected", counts.rejected)] {
                Counter(label: "ticket_ledger_items_total", dimensions: labels + [("outcome", name)]).increment(by: count)
            }
            Counter(label: "ticket_ledger_pages_total", dimensions: labels).increment(by: finished.pages)
        }
        ledgerSize(ledger, events: finished?.events)
        guard outcome == .ok else { return }
        let now = ledger.now()
        Gauge(label: "ticket_ledger_last_success_timestamp_seconds", dimensions: labels).record(Double(now.microseconds) / 1_000_000)
        if let newestStatusDate {
            Gauge(label: "ticket_ledger_ingest_lag_seconds", dimensions: labels)
                .record(Double(now.microseconds - newestStatusDate.microseconds) / 1_000_000)
        }
    }

    /// Makes `organizer`'s series exist from the start of a scheduled process: the run and item
    /// counters at zero (so `increase()` sees the first run's counts) and the last success as
    /// `ledger`'s journal knows it (so a restarted scheduler whose runs all fail still alerts).
    public static func prime(organizer: String, from ledger: LedgerDatabase) async throws {
        prime(organizer: organizer, lastSuccess: try await ledger.runs(organizer: organizer).first { $0.outcome == .ok }?.finishedAt)
    }

    private static func prime(organizer: String, lastSuccess: Timestamp?) {
        let labels = [("organizer", organizer)]
        for outcome in [RunOutcome.ok, .failed] {
            Counter(label: "ticket_ledger_runs_total", dimensions: labels + [("outcome", outcome.rawValue)]).increment(by: 0)
        }
        Counter(label: "ticket_ledger_runs_refused_total", dimensions: labels).increment(by: 0)
        for name in ["appended", "duplicate", "skipped", "rejected"] {
            Counter(label: "ticket_ledger_items_total", dimensions: labels + [("outcome", name)]).increment(by: 0)
        }
        if let lastSuccess {
            Gauge(label: "ticket_ledger_last_success_timestamp_seconds", dimensions: labels).record(Double(lastSuccess.microseconds) / 1_000_000)
        }
    }

    /// Bucket bounds for the duration histograms: a cycle takes seconds, a catch-up run or a replay minutes.
    public static let durationBuckets: [Duration] = [.milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5), .seconds(15), .seconds(30), .seconds(60), .seconds(120), .seconds(300), .seconds(600), .seconds(1800)]

    /// Records the ledger's size: its events, when known, and its file's bytes (`serve` calls it
    /// before each scrape).
    public static func ledgerSize(_ ledger: LedgerDatabase, events: Int64?) {
        // By file: a fleet process holds one ledger per organizer.
        let labels = [("ledger", ledger.path)]
        if let events { Gauge(label: "ticket_ledger_events", dimensions: labels).record(Double(events)) }
        let size = (try? FileManager.default.attributesOfItem(atPath: ledger.path)[.size] as? Int) ?? 0
        Gauge(label: "ticket_ledger_file_bytes", dimensions: labels).record(Double(size))
    }

    /// Counts a run refused because another run of the organizer holds its lock.
    static func refused(organizer: String) {
        Counter(label: "ticket_ledger_runs_refused_total", dimensions: [("organizer", organizer)]).increment()
    }

    /// Records how long a replay took.
    static func replay(duration: Duration) {
        Metrics.Timer(label: "ticket_ledger_replay_duration_seconds", preferredDisplayUnit: .seconds)
            .recordNanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }
}

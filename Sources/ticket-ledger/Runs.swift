import ArgumentParser
import TicketLedger

extension TicketLedgerCommand {
    struct Runs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the run journal: every ingest run, newest first, with its counts and outcome.",
            discussion: """
                Every ingest run (a file, or pages from TIXnGO) is recorded in the ledger, counted in the same \
                transactions as its pages. Outcome: ok; failed (with the error); interrupted (started and never \
                finished: the process was killed); running (its organizer's ingest lock is held now). Exit codes: 0 \
                shown; 66 no ledger at the path.
                """)

        @Option(help: "Only this organizer's runs.") var organizer: String?
        @Option(help: "At most this many runs (newest first).") var limit: Int?
        @Flag(help: "Print one JSON document: an array of runs.") var json = false
        @OptionGroup var ledger: LedgerOptions

        func validate() throws {
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        }

        func run() async throws {
            let runs = try await ledger.openForReading().runs(organizer: organizer, limit: limit)
            if json { return Output.json(.array(runs.map(\.json))) }
            guard !runs.isEmpty else { return print("no ingest run is recorded" + (organizer.map { " for organizer \($0)" } ?? "")) }
            let now = Timestamp.now()
            var table = TextTable(["started", "organizer", "outcome", "took", "pages", "received", "appended", "duplicates", "skipped", "rejected", "source"])
            for run in runs {
                table.add([
                    "\(run.startedAt) (\(RunAge.ago(run.startedAt, now: now)))", run.organizer, run.outcome.rawValue,
                    run.finishedAt.map { RunAge.span(from: run.startedAt, to: $0) } ?? "-", String(run.pages),
                    String(run.counts.received), String(run.counts.appended), String(run.counts.duplicates),
                    String(run.counts.skipped), String(run.counts.rejected), run.source,
                ])
            }
            print(table.rendered)
            for run in runs where run.error != nil { print("\(run.startedAt) \(run.organizer) failed: \(run.error ?? "")") }
        }
    }
}

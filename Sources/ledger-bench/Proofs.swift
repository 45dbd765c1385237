import ArgumentParser
import Foundation
import TicketLedger

extension LedgerBenchCommand {
    /// Every ticket's proof document, for checking proofs at scale (Scripts/proof-check.sh):
    /// what `history TICKET --proof --json` prints, for all tickets, one per line.
    struct Proofs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every ticket's proof document (history --proof --json), one JSON line each, and time it.",
            discussion: "Prints the number of tickets, events and the longest inclusion proof on standard error.")

        @Option(help: "The ledger file.") var db: String
        @Option(help: "The JSON Lines file to write.") var out: String

        func validate() throws {
            guard FileManager.default.fileExists(atPath: db) else { throw ValidationError("--db \(db): no such file") }
        }

        func run() async throws {
            let ledger = try LedgerDatabase(readingAt: db)
            let keys = try RawLedger(path: db).ticketKeys()
            guard FileManager.default.createFile(atPath: out, contents: nil), let handle = FileHandle(forWritingAtPath: out) else {
                throw ValidationError("--out \(out): cannot create it")
            }
            defer { try? handle.close() }
            let started = ContinuousClock.now
            var (events, longest) = (0, 0)
            for key in keys {
                let proof = try await ledger.proof(ofTicket: key.ticketId, organizer: key.organizer)
                events += proof.events.count
                longest = max(longest, proof.events.map(\.inclusion.count).max() ?? 0)
                try handle.write(contentsOf: Data((proof.json.outputText + "\n").utf8))
            }
            let seconds = Double((ContinuousClock.now - started).components.attoseconds) / 1e18 + Double((ContinuousClock.now - started).components.seconds)
            FileHandle.standardError.write(Data("proofs: \(keys.count) tickets, \(events) events, longest inclusion proof \(longest) hashes, \(String(format: "%.1f", seconds)) s\n".utf8))
        }
    }
}

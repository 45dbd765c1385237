import ArgumentParser
import Foundation
import TicketLedger

extension TicketLedgerCommand {
    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the ledger, consistent while an ingest writes, and verify the copy.",
            discussion: """
                The copy is taken through SQLite's online backup in one read snapshot (never `cp` a live \
                ledger: its WAL holds the latest commits), written under a temporary name readable by its owner \
                only, verified along the hash chain, then renamed to --to. The key file is not copied unless \
                --with-key-file: keep it apart from the backups (docs/operations.md, "Backups"). \
                Exit codes: 0 copied and verified; 66 no ledger at the path; 1 anything else (the destination \
                exists, the copy does not verify, the disk is full).
                """)

        @Option(help: "The file to write; it must not exist.") var to: String
        @Flag(help: "Also copy the key file, to <PATH>.key.") var withKeyFile = false
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var ledger: LedgerOptions

        func run() async throws {
            let report = try await ledger.openForReading().backup(to: to, withKeyFile: withKeyFile)
            if json { return Output.json(report.json) }
            print("backed up \(report.events) events (\(report.bytes) bytes) to \(report.path); the copy verifies")
            if let keyFile = report.keyFile { print("key file copied to \(keyFile): keep it apart from the backup") }
        }
    }
}

import ArgumentParser
import Foundation
import TicketLedger

extension TicketLedgerCommand {
    struct Keys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage the key file that opens the ledger's personal data.",
            subcommands: [Rotate.self])

        struct Rotate: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Rewrap every key under a new key-encryption key and replace the key file.",
                discussion: """
                    The ledger's secret and every person key are rewrapped in one transaction; the new key file \
                    is written beside the old one (<key file>.new) first and renamed over it after the commit. \
                    Killed at any instant, the ledger opens with one of the two files (a warning names <key file>.new \
                    when it is the one); running the command again finishes an interrupted rotation. Stop ingests of \
                    this ledger first: one that was running when the rotation committed stops at its next batch \
                    and asks to be run again. Exit codes: 0 rotated; 66 no ledger at the path; 75 another rotation \
                    is running; 1 anything else (the key file missing, exposed or not this ledger's).
                    """)

            @Flag(help: "Keep the previous key file as <key file>.old (by default it is replaced).")
            var keepOld = false
            @Flag(help: "Print one JSON document.") var json = false
            @OptionGroup var ledger: LedgerOptions

            func run() async throws {
                let report = try await ledger.openExisting().rotateKeys(keepingOld: keepOld)
                if json { return Output.json(report.json) }
                if report.finishedInterrupted {
                    print("finished an interrupted rotation: \(report.keyFile) now holds key \(report.keyID)")
                } else {
                    print("""
                        rotated: the ledger secret and \(report.personKeys) person key(s) rewrapped under key \(report.keyID) \
                        (was \(report.previousKeyID)); \(report.keyFile) replaced
                        """)
                }
                if let kept = report.keptOld { print("previous key file kept as \(kept): store it apart, or delete it") }
            }
        }
    }
}

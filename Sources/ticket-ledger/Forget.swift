import ArgumentParser
import Foundation
import TicketLedger

extension TicketLedgerCommand {
    struct Forget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase one person's personal data everywhere, without rewriting events (irreversible).",
            discussion: """
                Exit codes: 0 erased, or already erased by an earlier forget; 1 the ledger has never seen that email \
                (nothing was erased: check the address); 64 bad usage or not confirmed on a terminal.
                """)

        @Option(help: "The person's email address.") var email: String
        @Flag(help: "Do not ask for confirmation.") var yes = false
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var ledger: LedgerOptions

        func validate() throws {
            if !email.contains("@") { throw ValidationError("--email needs an email address") }
        }

        func run() async throws {
            if !yes {
                guard isatty(STDIN_FILENO) == 1 else {
                    throw Output.fail("forget is irreversible: confirm on a terminal or pass --yes", code: 64)
                }
                print("Erase every personal field of this person in \(ledger.path)? This cannot be undone. Type yes: ", terminator: "")
                guard readLine()?.trimmingCharacters(in: .whitespaces).lowercased() == "yes" else {
                    throw Output.fail("not confirmed; nothing was erased", code: 1)
                }
            }
            let report = try await ledger.open().forget(email: email)
            if json {
                Output.json(report.json)
            } else if report.keys > 0 {
                print("erased: \(report.keys) key(s), \(report.observations) observation(s) on \(report.tickets) ticket(s) are now unreadable")
            } else if report.known {
                print("already erased: this person's data was made unreadable by an earlier forget; nothing left to erase")
            }
            // The address itself is personal data: the message does not repeat it.
            if !report.known { throw Output.fail("no observation in this ledger names that email address; nothing was erased", code: 1) }
        }
    }
}

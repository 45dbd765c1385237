import ArgumentParser
import Foundation
import TicketLedger

extension TicketLedgerCommand {
    struct Forget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase one person's personal data everywhere, without rewriting events (irreversible).")

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
            if json { return Output.json(report.json) }
            print("erased: \(report.keys) key(s), \(report.observations) observation(s) on \(report.tickets) ticket(s) are now unreadable")
        }
    }
}

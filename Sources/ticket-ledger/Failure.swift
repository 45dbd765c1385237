import ArgumentParser
import TicketLedger

/// How the library's errors reach an operator: the library's sentence with the flag that
/// fixes it, and the exit code docs/cli.md gives it.
enum Failure {
    /// Runs a parsed command, mapping what it throws to a sentence on stderr and an exit code.
    static func run(_ command: inout some ParsableCommand) async -> ExitCode? {
        do {
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
            return nil
        } catch let error as LedgerError {
            return Output.fail(sentence(for: error), code: error.isBadUsage ? 64 : 1)
        } catch let held as RunInProgress {
            return Output.fail(held.description, code: 75)
        } catch {
            TicketLedgerCommand.exit(withError: error)
        }
    }

    /// The library's sentence, naming the flag where the library names the input.
    static func sentence(for error: LedgerError) -> String {
        switch error {
        case .notALedger: "\(error); check --db"
        case let .ambiguousTicket(ticketId, organizers):
            "ticket \(ticketId) exists under several organizers (\(organizers.joined(separator: ", "))): pass --organizer"
        case let .mappingConflict(live, liveSource, asked, askedSource):
            "this ledger is projected with mapping \(live) (\(liveSource)), not \(asked): run `ticket-ledger replay --mapping \(askedSource)` to change it"
        case let .modeConflict(live, asked):
            "this ledger is projected in \(live.rawValue) mode, not \(asked.rawValue): run `ticket-ledger replay --mode \(asked.rawValue)` to change it"
        default: error.description
        }
    }
}

extension LedgerError {
    /// Errors that mean the command was asked wrongly (exit 64), not that the ledger failed.
    var isBadUsage: Bool {
        if case .ambiguousTicket = self { return true }
        return false
    }
}

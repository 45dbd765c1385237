import ArgumentParser
import TicketLedger
import TicketLedgerService
import LedgerPublishing

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
            return Output.fail(sentence(for: error), code: error.exitCode)
        } catch let refusal as BackupRefusal {
            return Output.fail(refusal.description, code: 1)
        } catch let held as RunInProgress {
            return Output.fail(held.description, code: 75)
        } catch let failed as PublishError {
            return Output.fail(failed.description, code: 1)
        } catch let invalid as FleetConfigurationError {
            return Output.fail(invalid.description, code: 64)
        } catch {
            TicketLedgerCommand.exit(withError: error)
        }
    }

    /// The library's sentence, naming the flag where the library names the input.
    static func sentence(for error: LedgerError) -> String {
        switch error {
        case .notALedger, .noLedger: "\(error); check --db"
        case .schemaOutdated: "\(error): run `ticket-ledger migrate`"
        case .keyFileMissing, .keyFileMismatch, .keyFileRequired: "\(error) (--key-file, or TICKET_LEDGER_KEY_FILE)"
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
    /// docs/cli.md: 64 for a command asked wrongly, 66 for no ledger at the path, else 1.
    var exitCode: Int32 {
        switch self {
        case .ambiguousTicket: 64
        case .noLedger: 66
        default: 1
        }
    }
}

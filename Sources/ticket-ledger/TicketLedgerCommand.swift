import ArgumentParser
import CLedgerSQLite
import Foundation
import Logging
import TicketLedger
import TicketLedgerService

@main
struct TicketLedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket-ledger",
        abstract: "The TIXnGO feedback interface as an event-sourced ledger: ingest, project to S-360, audit.",
        version: versionText,
        subcommands: [
            Ingest.self, Fleet.self, Publish.self, Status.self, History.self, Tickets.self, Summary.self, Replay.self, Verify.self, Forget.self,
            Mappings.self, Contacts.self, Runs.self, Serve.self, SubjectAccess.self, Migrate.self, Backup.self, Keys.self, Digest.self, CheckProof.self,
            Demo.self,
        ])

    static func main() async {
        // Before any ledger is opened; an embedding program keeps SQLite's defaults.
        let configured = ledger_sqlite_disable_memory_statistics()
        assert(configured, "SQLite was used before main")
        do {
            var command = try parseAsRoot()
            if let failure = await Failure.run(&command) { exit(withError: failure) }
        } catch {
            exit(withError: error)
        }
    }
}

/// `--version`: what a bug report needs to name the build and the file format it writes.
private let versionText: String = {
    let schema = (try? LedgerSchema.version()) ?? "unknown"
    return "ticket-ledger \(BuildStamp.version) (commit \(BuildStamp.commit)), SQLite \(LedgerSchema.sqliteLibraryVersion), schema \(schema)"
}()

/// Options every subcommand shares.
struct LedgerOptions: ParsableArguments {
    @Option(help: "The ledger file (default: $TICKET_LEDGER_DB, else ticket-ledger.sqlite in the working directory).")
    var db: String?

    @Option(
        name: .customLong("key-file"),
        help: "The key file that opens the ledger's personal data (default: $TICKET_LEDGER_KEY_FILE, else <db>.key).")
    var keyFile: String?

    @OptionGroup var logging: LogOptions

    var path: String { db ?? ProcessInfo.processInfo.environment["TICKET_LEDGER_DB"] ?? "ticket-ledger.sqlite" }

    /// The key file named by --key-file or TICKET_LEDGER_KEY_FILE; nil for the ledger's default, `<db>.key`.
    var keyFilePath: String? { keyFile ?? ProcessInfo.processInfo.environment["TICKET_LEDGER_KEY_FILE"].flatMap { $0.isEmpty ? nil : $0 } }

    /// Refuses a --mapping that names neither a bundled version nor a file (bad usage, exit 64);
    /// what a file holds is checked when it is read.
    static func validateMapping(_ mapping: String?) throws {
        guard let mapping, !MappingRuleSet.bundledVersions.contains(mapping) else { return }
        guard FileManager.default.fileExists(atPath: mapping) else {
            let versions = MappingRuleSet.bundledVersions.joined(separator: ", ")
            throw ValidationError("--mapping \(mapping): neither a bundled version (\(versions)) nor an existing file")
        }
    }

    /// Opens an existing ledger to read it only (docs/cli.md: reads never create, migrate or
    /// change a file; no ledger at the path exits 66).
    func openForReading() throws -> LedgerDatabase {
        logging.bootstrap()
        return try LedgerDatabase(readingAt: path, keyFile: keyFilePath, logger: Logger(label: "ticket-ledger"))
    }

    /// Opens an existing ledger to write it (migrating it): for commands that change a ledger
    /// but must not create one (`migrate`, `keys rotate`); no ledger at the path exits 66.
    func openExisting() throws -> LedgerDatabase {
        guard FileManager.default.fileExists(atPath: path) else { throw LedgerError.noLedger(path: path) }
        return try open()
    }

    /// Opens the ledger, creating and migrating it on first use; a new ledger is projected
    /// under `mapping` and `mode`, else the newest mapping and `TIXNGO_LIFECYCLE_MODE`'s mode.
    func open(mapping: String? = nil, mode: ProjectionMode? = nil) throws -> LedgerDatabase {
        logging.bootstrap()
        let environment = ProcessInfo.processInfo.environment
        let newLedgerMode: ProjectionMode = environment["TIXNGO_LIFECYCLE_MODE"]?.lowercased() == "lifecycle" ? .lifecycle : .history
        return try LedgerDatabase(
            path: path, keyFile: keyFilePath, projection: RuleChoice(mapping: mapping, mode: mode, newLedgerMode: newLedgerMode),
            logger: Logger(label: "ticket-ledger"))
    }
}

/// Printing for commands: one JSON document on stdout, or text.
enum Output {
    static func json(_ value: JSONValue) { print(value.outputText) }

    /// One warning line on stderr.
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("Warning: \(message)\n".utf8))
    }

    /// Exits with `code` after one sentence on stderr.
    static func fail(_ message: String, code: Int32) -> ExitCode {
        FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
        return ExitCode(code)
    }
}

extension ProjectionMode: ExpressibleByArgument {}
extension S360Status: ExpressibleByArgument {}
extension TIXnGOStatus: ExpressibleByArgument {}
extension StatusFamily: ExpressibleByArgument {}

extension IngestInterval: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension Timestamp {
    /// Parses `--as-of`: an RFC 3339 time with its offset. A bare date is refused, since
    /// "as of 2026-06-20" could mean the start or the end of that day.
    static func asOf(_ argument: String) throws -> Timestamp {
        if let time = Timestamp(rfc3339: argument) { return time }
        let example = "2026-06-20T18:00:00Z"
        if argument.count == 10, Timestamp(rfc3339: argument + "T00:00:00Z") != nil {
            throw ValidationError(
                "--as-of \(argument): give a time of day too, e.g. \(argument)T00:00:00Z for the start of that day in UTC")
        }
        throw ValidationError("--as-of \(argument): use an RFC 3339 time with its offset, e.g. \(example)")
    }
}

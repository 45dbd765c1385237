import ArgumentParser
import TicketLedger

extension TicketLedgerCommand {
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show every observation of one ticket, or every observation naming one person, in ledger order.",
            discussion: """
                Columns: "item" is what the TIXnGO item said (its status, or legacyStatus/action/state for a \
                history-shaped item); "TIXnGO" and "S-360" are the ticket's statuses once that item is folded under \
                the current rules, so they differ from "item" for history-shaped items and for an item older than one \
                already folded; "holder from here" names the spectator who holds the ticket from that item on, where \
                the fold changes the holder (a pending or failed transfer does not). \
                --csv has the same columns; --json has each item whole (JSON fields in docs/cli.md). \
                With --holder-email instead of a ticket: every observation naming that person, as holder, as a \
                transfer's sender or as its recipient, with no personal data; exit 1 with a sentence when no \
                observation names the email or forget erased the person. \
                With --proof (and --json): the ticket's events as stored, each with its inclusion proof against \
                the newest signed tree head, and that head: a document `check-proof` or Scripts/verify_proof.py \
                checks without the ledger (docs/proofs.md).
                """)

        @Argument(help: "The ticket id.") var ticket: String?
        @Option(name: .customLong("holder-email"), help: "Instead of a ticket: the observations naming this person.")
        var holderEmail: String?
        @Option(help: "The organizer, when the ticket id exists under several.") var organizer: String?
        @Flag(help: "Print one JSON document.") var json = false
        @Flag(help: "Print CSV, one row per observation.") var csv = false
        @Flag(help: "With --json: the ticket's events with their inclusion proofs against the newest signed tree head.")
        var proof = false
        @OptionGroup var ledger: LedgerOptions

        func validate() throws {
            if json && csv { throw ValidationError("--json and --csv exclude each other") }
            switch (ticket, holderEmail) {
            case (nil, nil): throw ValidationError("give a ticket id, or --holder-email")
            case (.some, .some): throw ValidationError("give a ticket id or --holder-email, not both")
            case (nil, .some(let email)) where !email.contains("@"): throw ValidationError("--holder-email needs an email address")
            default: break
            }
            if proof && (!json || ticket == nil) { throw ValidationError("--proof takes a ticket id and --json") }
        }

        func run() async throws {
            let database = try ledger.openForReading()
            guard let ticket else { return try await person(in: database) }
            if proof { return Output.json(try await database.proof(ofTicket: ticket, organizer: organizer).json) }
            let entries = try database.history(of: ticket, organizer: organizer)
            if json { return Output.json(.array(entries.map(\.json))) }
            var table = TextTable(["position", "statusDate", "item", "TIXnGO", "S-360", "holder from here", "source"])
            let raws = Dictionary(entries.map { ($0.position, $0.raw) }) { first, _ in first }
            var holder: String?
            for entry in entries {
                let item = [entry.raw["status"], entry.raw["legacyStatus"], entry.raw["action"], entry.raw["state"]]
                    .compactMap { $0?.stringValue }.joined(separator: "/")
                let named = entry.holderPosition.flatMap { PersonalText.name(ofSpectator: raws[$0]?["spectatorDetails"]) }
                defer { holder = named }
                table.add([
                    String(entry.position), entry.statusDate.description, item,
                    entry.view.tixngoStatus?.rawValue ?? "-", entry.view.s360Status.rawValue, named == holder ? "" : named ?? "",
                    entry.source.label,
                ])
            }
            print(csv ? table.csv : table.rendered)
        }

        /// The observations naming the --holder-email person, with their roles.
        private func person(in database: LedgerDatabase) async throws {
            let observations = try await database.history(naming: holderEmail ?? "")
            if json { return Output.json(.array(observations.map(\.json))) }
            var table = TextTable(["position", "organizer", "ticket", "statusDate", "item", "as", "source"])
            for observation in observations {
                table.add([
                    String(observation.position), observation.organizer, observation.ticketId, observation.statusDate.description,
                    observation.item, observation.roles.map(\.rawValue).joined(separator: "+"), observation.source.label,
                ])
            }
            print(csv ? table.csv : table.rendered)
        }
    }
}

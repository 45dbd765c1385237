import ArgumentParser
import TicketLedger

extension TicketLedgerCommand {
    struct Contacts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show cultural contacts and their distribution history (mapping 2023-04-03, lifecycle mode).")

        @Option(help: "Only the contact with this email address.") var email: String?
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var ledger: LedgerOptions

        func run() async throws {
            let database = try ledger.openForReading()
            let contacts = try await database.contacts(email: email)
            if json { return Output.json(.array(contacts.map(\.json))) }
            let settings = try await database.liveProjection()
            if !settings.buildsContacts {
                Output.warn("the projection (mapping \(settings.rules.version), \(settings.mode.rawValue) mode) does not create cultural contacts; replay with --mapping 2023-04-03 --mode lifecycle")
            }
            var table = TextTable(["kind", "name", "email", "distributions"])
            for contact in contacts {
                let history = contact.distributions.map { "\($0.ticketId) \($0.status) \($0.at)" }.joined(separator: "; ")
                table.add([contact.kind.rawValue, PersonalText.name(of: contact.fields), contact.fields.json["email"]?.stringValue ?? "", history])
            }
            print(table.rendered)
        }
    }
}

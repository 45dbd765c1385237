// A back office embedding TicketLedger: open a ledger, ingest a page TIXnGO returned,
// read a ticket's audit trail, replay under a newer mapping. Only the public API is used;
// Sources/TicketLedger/TicketLedger.docc's getting-started article quotes this file, and EmbeddingTests
// runs it. Usage: embedded-ledger LEDGER-FILE PAGE-FILE
import Foundation
import TicketLedger

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: embedded-ledger LEDGER-FILE PAGE-FILE\n".utf8))
    exit(64)
}
let (ledgerPath, pagePath) = (arguments[1], arguments[2])

// Open the ledger; the first time, create it projected under mapping 2023-02-07 in lifecycle mode.
let ledger = try LedgerDatabase(path: ledgerPath, projection: RuleChoice(newLedgerMapping: "2023-02-07", newLedgerMode: .lifecycle))

// Ingest a page: the run takes the organizer's lock, so two runs never write at once.
let page = try ItemFile(path: pagePath)
let run = try await ledger.ingest(page, organizer: "ORG-EXAMPLE")
print("ingested \(run.received) items: \(run.appended) new, \(run.duplicates) already in the ledger")

// What S-360 shows for each ticket now, and the audit trail that led there.
for ticket in try await ledger.tickets() {
    print("\(ticket.ticketId): \(ticket.view.s360Status.rawValue)")
    for step in try ledger.history(of: ticket.ticketId, organizer: ticket.organizer) {
        print("  \(step.statusDate)  \(step.view.tixngoStatus?.rawValue ?? "-")  -> \(step.view.s360Status.rawValue)")
    }
}

// A newer mapping arrived: rebuild the projection beside the live one, then swap.
let replay = try await ledger.replay(RuleChoice(mapping: "2023-04-03"))
print("replayed \(replay.events) events under mapping \(replay.mappingVersion): \(replay.changedHolder) holder(s) changed")

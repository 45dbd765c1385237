import Foundation
import Hummingbird
import TicketLedger

/// The JSON API: each route answers with the document the CLI's `--json` prints for the same
/// question (the library's one serializer serves both), parameters named as the CLI's options.
extension LedgerConsole {
    /// Tickets per request of `/api/tickets` when no `limit` is given, and the most a request may ask.
    static let (defaultTicketLimit, maximumTicketLimit) = (100, 1_000)

    func addAPI(to router: Router<ConsoleContext>) {
        router.get("api/summary") { request, _ in
            ConsoleResponse.json(try await self.ledger.summary(organizer: try FormQuery(request)["organizer"]).json)
        }
        router.get("api/tickets") { request, context in
            let query = try FormQuery(request)
            let reports = try await self.ledger.tickets(
                try Self.filter(query), asOf: try query.time("asOf"),
                limit: try query.number("limit", in: 1...Self.maximumTicketLimit) ?? Self.defaultTicketLimit,
                offset: try query.number("offset", in: 0...Int(Int32.max)) ?? 0)
            try self.recordView("ticket list", of: reports.map { ($0.organizer, $0.ticketId) }, in: context)
            return ConsoleResponse.json(.array(reports.map(\.json)))
        }
        router.get("api/tickets/:id") { request, context in
            let query = try FormQuery(request)
            let report = try await self.ledger.status(of: try Self.ticketId(context), organizer: query["organizer"], asOf: try query.time("asOf"))
            try self.recordView("status", of: [(report.organizer, report.ticketId)], in: context)
            return ConsoleResponse.json(report.json)
        }
        router.get("api/tickets/:id/history") { request, context in
            let entries = try self.ledger.history(of: try Self.ticketId(context), organizer: try FormQuery(request)["organizer"])
            try self.recordView("history", of: entries.first.map { [($0.organizer, $0.ticketId)] } ?? [], in: context)
            return ConsoleResponse.json(.array(entries.map(\.json)))
        }
        router.get("api/runs") { request, _ in
            let query = try FormQuery(request)
            let runs = try await self.ledger.runs(organizer: query["organizer"], limit: try query.number("limit", in: 1...Int(Int32.max)))
            return ConsoleResponse.json(.array(runs.map(\.json)))
        }
    }

    /// The ticket id of a `/tickets/{id}` path, percent-decoded (a ticket id may hold any character).
    static func ticketId(_ context: ConsoleContext) throws -> String {
        guard let id = context.parameters.get("id").flatMap({ PercentDecoding.decode($0[...], plusIsSpace: false) }), !id.isEmpty else {
            throw ConsoleError.badQuery("the ticket id in the path is not percent-encoded UTF-8")
        }
        return id
    }

    /// The ticket filters of a query: the API's and the search page's.
    static func filter(_ query: FormQuery) throws -> TicketFilter {
        TicketFilter(
            organizer: query["organizer"], s360Status: try query.choice("s360Status", S360Status.self),
            tixngoStatus: try query.choice("tixngoStatus", TIXnGOStatus.self), family: try query.choice("family", StatusFamily.self),
            organization: query["organization"], ticketIdPrefix: query["prefix"])
    }
}

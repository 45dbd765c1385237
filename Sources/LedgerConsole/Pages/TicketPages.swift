import Foundation
import TicketLedger

extension LedgerConsole {
    /// Tickets a search page lists.
    static let ticketsPerPage = 50

    /// `/tickets`: a search by ticket id prefix, status and family, a page at a time.
    func ticketSearchPage(_ query: FormQuery) async throws -> Markup {
        let filter = try Self.filter(query)
        let page = try query.number("page", in: 1...1_000_000) ?? 1
        // One more than a page says whether there is a next one, without counting them all.
        var reports = try await ledger.tickets(filter, limit: Self.ticketsPerPage + 1, offset: (page - 1) * Self.ticketsPerPage)
        let hasNext = reports.count > Self.ticketsPerPage
        reports = Array(reports.prefix(Self.ticketsPerPage))
        func select<T: RawRepresentable & CaseIterable>(_ name: String, _ label: String, _ type: T.Type) -> Markup where T.RawValue == String {
            let options = T.allCases.map { value -> Markup in
                query[name] == value.rawValue ? "<option selected>\(value.rawValue)</option>" : "<option>\(value.rawValue)</option>"
            }
            return "<label>\(label)<select name=\"\(name)\"><option value=\"\">any</option>\(options)</select></label>"
        }
        let form: Markup = """
            <form class="filters" method="get" action="/tickets" role="search">
            <label>Ticket id starts with<input type="search" name="prefix" value="\(query["prefix"] ?? "")" autocomplete="off"></label>
            \(select("s360Status", "S-360 status", S360Status.self))
            \(select("tixngoStatus", "TIXnGO status", TIXnGOStatus.self))
            \(select("family", "Family", StatusFamily.self))
            <button type="submit">Search</button>
            </form>
            """
        let rows = reports.map { report -> [Markup] in
            [
                "<a href=\"\(Link.ticket(report.ticketId, organizer: report.organizer))\">\(report.ticketId)</a>", "\(report.organizer)",
                "\(report.view.s360Status.rawValue)", "\(report.view.tixngoStatus?.rawValue)", "\(report.view.family?.rawValue)",
                "\(report.statusDate?.description)", "\(report.lastPosition)",
            ]
        }
        let results: Markup = reports.isEmpty
            ? "<p id=\"no-tickets\">No ticket matches.</p>"
            : Layout.table(["ticket", "organizer", "S-360", "TIXnGO", "family", "status date", "last position"], rows, id: "tickets")
        return layout.page("Tickets", section: .tickets, """
            <h1>Tickets</h1>
            \(form)
            \(results)
            \(Layout.pager(page: page, hasNext: hasNext) { number in
                Link(path: "/tickets", query: ["prefix", "s360Status", "tixngoStatus", "family", "organizer"].map { ($0, query[$0]) } + [("page", String(number))])
            })
            """)
    }

    /// `/tickets/{id}`: the S-360 view now or as of a time, and the full history as a timeline.
    func ticketPage(_ ticketId: String, _ query: FormQuery, context: ConsoleContext) async throws -> Markup {
        let asOf = try query.time("asOf")
        let report = try await ledger.status(of: ticketId, organizer: query["organizer"], asOf: asOf)
        let entries = try ledger.history(of: ticketId, organizer: report.organizer)
        try recordView("ticket page", of: [(report.organizer, report.ticketId)], in: context)
        let view: Markup = """
            <dl class="view" id="s360-view">
            <dt>S-360 status</dt><dd class="s360">\(report.view.s360Status.rawValue)</dd>
            <dt>TIXnGO status</dt><dd>\(report.view.tixngoStatus?.rawValue)</dd>
            <dt>family</dt><dd>\(report.view.family?.rawValue)</dd>
            <dt>status date</dt><dd>\(report.statusDate?.description)</dd>
            <dt>holder</dt><dd class="holder">\(PersonName(holder: report.holder).map(layout.personalData.text), or: "nobody")</dd>
            <dt>last position</dt><dd>\(report.lastPosition)</dd>
            <dt>mapping</dt><dd>\(report.mappingVersion) (\(report.mode.rawValue) mode)</dd>
            </dl>
            """
        let holderFields = report.holder.json.members.filter { !["sealed", "erased"].contains($0.key) }.map { field, value -> [Markup] in
            ["\(field)", "\(value.stringValue ?? value.outputText)"]
        }
        let asOfForm: Markup = """
            <form class="filters" method="get" action="\(Link.ticket(report.ticketId))">
            <input type="hidden" name="organizer" value="\(report.organizer)">
            <label>As of (RFC 3339)<input type="text" name="asOf" value="\(asOf?.description ?? "")" placeholder="2026-06-20T18:31:00Z" inputmode="text"></label>
            <button type="submit">Show</button>
            \(asOf == nil ? "" : "<a href=\"\(Link.ticket(report.ticketId, organizer: report.organizer))\">Now</a>" as Markup)
            </form>
            """
        return layout.page("Ticket \(report.ticketId)", section: .tickets, """
            <h1>Ticket <span id="ticket-id">\(report.ticketId)</span></h1>
            <p>Organizer \(report.organizer). \(asOf.map { "As of \($0.description)" } ?? "Now"):</p>
            \(view)
            \(holderFields.isEmpty ? "" : Layout.table(["holder field", "value"], holderFields, id: "holder-fields"))
            \(asOfForm)
            <h2>History</h2>
            \(timeline(entries))
            <p><a id="verify-link" href="\(Link(path: "/verify", query: [("through", String(report.lastPosition))]))">Verify the chain up to position \(report.lastPosition)</a>
            · <a href="\(Link(path: "/api/tickets/" + Link.encode(report.ticketId) + "/history", query: [("organizer", report.organizer)]))">history as JSON</a></p>
            """)
    }

    /// One step per observation, in ledger order: what the item said, the statuses after it,
    /// who holds the ticket from it on (marked where that changes), its source, its raw JSON.
    func timeline(_ entries: [HistoryEntry]) -> Markup {
        let raws = Dictionary(entries.map { ($0.position, $0.raw) }) { first, _ in first }
        var holder: PersonName?
        let steps = entries.map { entry -> Markup in
            let item = [entry.raw["status"], entry.raw["legacyStatus"], entry.raw["action"], entry.raw["state"]]
                .compactMap { $0?.stringValue }.joined(separator: "/")
            let named = entry.holderPosition.flatMap { PersonName(spectator: raws[$0]?["spectatorDetails"]) }
            defer { holder = named }
            let holderMarkup: Markup = named.map { name in
                name == holder ? "<span class=\"holder\">\(layout.personalData.text(name))</span>"
                    : "<span class=\"holder holder-change\">→ \(layout.personalData.text(name))</span>"
            } ?? "<span class=\"holder\">nobody</span>"
            return """
                <li data-position="\(entry.position)"><div class="step">
                <span class="when">\(entry.statusDate.description)</span>
                <span><small>item</small> <span class="item">\(item)</span></span>
                <span><small>TIXnGO</small> <span class="tixngo">\(entry.view.tixngoStatus?.rawValue)</span></span>
                <span><small>S-360</small> <span class="s360">\(entry.view.s360Status.rawValue)</span></span>
                <span><small>holder</small> \(holderMarkup)</span>
                <span><small>from</small> <span class="source">\(entry.source.label)</span> <span class="position">#\(entry.position)</span></span>
                </div>
                <details><summary>raw JSON</summary><pre class="raw">\(entry.raw.outputText)</pre></details></li>
                """
        }
        return "<ol class=\"timeline\" id=\"timeline\">\(steps)</ol>"
    }
}

import TicketLedger

extension LedgerConsole {
    /// Items a rejected-items page lists.
    static let rejectedPerPage = 100

    /// `/runs`: the run journal, newest first.
    func runsPage(_ query: FormQuery) async throws -> Markup {
        let runs = try await ledger.runs(organizer: query["organizer"], limit: try query.number("limit", in: 1...100_000) ?? 200)
        let now = Timestamp.now()
        let rows = runs.map { run -> [Markup] in
            [
                "\(run.startedAt.description) (\(RunAge.ago(run.startedAt, now: now)))", "\(run.organizer)",
                "<span class=\"outcome outcome-\(run.outcome.rawValue)\">\(run.outcome.rawValue)</span>",
                "\(run.finishedAt.map { RunAge.span(from: run.startedAt, to: $0) })", "\(run.pages)", "\(run.counts.received)",
                "\(run.counts.appended)", "\(run.counts.duplicates)", "\(run.counts.skipped)", "\(run.counts.rejected)", "\(run.source)",
                "\(run.error, or: "")",
            ]
        }
        let header = ["started", "organizer", "outcome", "took", "pages", "received", "appended", "duplicates", "skipped", "rejected", "source", "error"]
        return layout.page("Runs", section: .runs, """
            <h1>Ingest runs</h1>
            <p>Interrupted: started and never finished (the process was killed). Running: its organizer's ingest lock is held now.</p>
            \(runs.isEmpty ? "<p>No ingest run is recorded.</p>" : Layout.table(header, rows, id: "runs"))
            """)
    }

    /// `/rejected`: items refused at ingest with their reasons, newest first (never their personal data).
    func rejectedPage(_ query: FormQuery) async throws -> Markup {
        let page = try query.number("page", in: 1...1_000_000) ?? 1
        var items = try await ledger.rejectedItems(
            organizer: query["organizer"], limit: Self.rejectedPerPage + 1, offset: (page - 1) * Self.rejectedPerPage)
        let hasNext = items.count > Self.rejectedPerPage
        items = Array(items.prefix(Self.rejectedPerPage))
        let rows = items.map { item -> [Markup] in
            ["\(item.rejectedAt.description)", "\(item.organizer)", "\(item.ticketId)", "\(item.status)", "\(item.statusDate)", "\(item.reason)", "\(item.source.label)"]
        }
        return layout.page("Rejected items", section: .rejected, """
            <h1>Rejected items</h1>
            <p>Items an ingest refused, with the reason; the ledger keeps each once, and its personal data only sealed.</p>
            \(items.isEmpty ? "<p>No item was rejected.</p>" : Layout.table(["rejected at", "organizer", "ticket", "status", "statusDate", "reason", "source"], rows, id: "rejected"))
            \(Layout.pager(page: page, hasNext: hasNext) { Link(path: "/rejected", query: [("organizer", query["organizer"]), ("page", String($0))]) })
            """)
    }

    /// `/contacts`: the cultural contacts of mapping 2023-04-03 in lifecycle mode.
    func contactsPage(context: ConsoleContext) async throws -> Markup {
        let settings = try await ledger.liveProjection()
        guard settings.buildsContacts else {
            return layout.page("Contacts", section: .contacts, """
                <h1>Contacts</h1>
                \(Layout.notice("The projection (mapping \(settings.rules.version), \(settings.mode.rawValue) mode) creates no cultural contacts: they come with mapping 2023-04-03 in lifecycle mode."))
                """)
        }
        let contacts = try await ledger.contacts()
        try recordView("contacts", of: contacts.flatMap { $0.distributions.map { ($0.organizer, $0.ticketId) } }, in: context)
        let rows = contacts.map { contact -> [Markup] in
            let distributions = contact.distributions.map { line -> Markup in
                "<li><a href=\"\(Link.ticket(line.ticketId, organizer: line.organizer))\">\(line.ticketId)</a> \(line.status) \(line.at.description)</li>"
            }
            return [
                "\(contact.kind.rawValue)", "\(PersonName(holder: contact.fields).map(layout.personalData.text), or: "")",
                "\(layout.personalData == .shown ? contact.fields.json["email"]?.stringValue : nil, or: "")", "<ul>\(distributions)</ul>",
            ]
        }
        return layout.page("Contacts", section: .contacts, """
            <h1>Contacts</h1>
            \(contacts.isEmpty ? "<p>No contact yet.</p>" : Layout.table(["kind", "name", "email", "distributions"], rows, id: "contacts"))
            """)
    }

    /// `/mapping`: the live rule set as its tables, its version and source, and whether it is stale.
    func mappingPage() async throws -> Markup {
        let settings = try await ledger.liveProjection()
        let warning = try await ledger.ruleSetWarning()
        let tables = settings.rules.tables.map { table -> Markup in
            "<h2>\(table.name)</h2>\(Layout.table(table.columns, table.rows.map { $0.map { cell -> Markup in "\(cell)" } }, id: "rules-\(table.name)"))"
        }
        return layout.page("Mapping", section: .mapping, """
            <h1>Mapping <span id="mapping-version">\(settings.rules.version)</span></h1>
            <p>\(settings.mode.rawValue) mode, from \(settings.ruleSource). Rule set \(String(settings.rules.contentHash.prefix(16))).</p>
            \(warning.map { Layout.notice("Stale: \($0)") } ?? Layout.notice("The live projection was made from these rules as they stand.", kind: "ok"))
            \(tables)
            """)
    }

    /// `/verify?through=N`: the hash chain, the tree and its signed heads recomputed up to position N.
    func verifyPage(_ query: FormQuery, context: ConsoleContext) async throws -> Markup {
        guard let through = try query.number("through", in: 1...Int(Int64(Int.max))) else {
            throw ConsoleError.badQuery("through must name a ledger position, e.g. /verify?through=42")
        }
        // A HEAD would verify for a body nobody receives, and hold the gate from a real request.
        guard !context.headersOnly else { return layout.page("Verify", section: nil, "<h1>Verify up to position \(through)</h1>") }
        let report = try await verifications.run { try await self.ledger.verify(through: Int64(through)) }
        let verdict: Markup = report.intact
            ? Layout.notice("Intact: \(report.events) events, positions 1 to \(report.events), match their chain hashes, the Merkle tree and every tree head signed up to there. (ticket-ledger verify also checks the whole file's integrity.)", kind: "ok")
            : Layout.notice("Not intact\(report.firstBadPosition.map { " at position \($0)" } ?? ""): \(report.problem ?? "")", kind: "error")
        return layout.page("Verify", section: nil, """
            <h1>Verify up to position \(through)</h1>
            <div id="verdict">\(verdict)</div>
            """)
    }
}


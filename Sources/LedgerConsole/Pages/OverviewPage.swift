import TicketLedger

extension LedgerConsole {
    /// `/`: the counts, the last runs, the warnings and the two charts.
    func overviewPage() async throws -> Markup {
        let summary = try await ledger.summary()
        let warning = try await ledger.ruleSetWarning()
        let activity = try await activity.activity(of: ledger)
        let now = Timestamp.now()
        let cards: [(String, Int, Link?)] = [
            ("events", summary.events, nil), ("tickets", summary.tickets, Link(path: "/tickets")),
            ("anomalies (DEFAULT, INVALID)", summary.anomalies, nil), ("rejected items", summary.rejected, Link(path: "/rejected")),
        ]
        let cardMarkup = cards.map { name, count, link -> Markup in
            let value: Markup = link.map { "<a href=\"\($0)\">\(count)</a>" } ?? "\(count)"
            return "<div class=\"card\" data-count=\"\(name)\"><span class=\"value\">\(value)</span>\(name)</div>"
        }
        let statusRows = summary.s360Status.map { status, count -> [Markup] in
            ["<a href=\"\(Link(path: "/tickets", query: [("s360Status", status.rawValue)]))\">\(status.rawValue)</a>", "\(count)"]
        }
        let familyRows = summary.family.map { family, count -> [Markup] in
            ["<a href=\"\(Link(path: "/tickets", query: [("family", family.rawValue)]))\">\(family.rawValue)</a>", "\(count)"]
        }
        let runRows = summary.lastRuns.map { run -> [Markup] in
            [
                "\(run.organizer)", "<span class=\"outcome-\(run.outcome.rawValue)\">\(run.outcome.rawValue)</span>",
                "\(RunAge.ago(run.startedAt, now: now))", "\(run.counts.appended)", "\(run.counts.rejected)", "\(run.error, or: "")",
            ]
        }
        let families = StatusFamily.allCases
        let hourly = StackedBarChart(
            id: "chart-hourly", caption: "Observations per hour of statusDate, by status family (UTC)", series: families.map(\.rawValue),
            bars: activity.hours.map { hour in (Self.hourLabel(hour.start), families.map { hour.families[$0] ?? 0 }) })
        let statuses = S360Status.allCases
        let distribution = StackedBarChart(
            id: "chart-statuses", caption: "Tickets by S-360 status over time (as of each statusDate shown)", series: statuses.map(\.rawValue),
            bars: activity.samples.map { sample in (Self.minuteLabel(sample.at), statuses.map { sample.statuses[$0] ?? 0 }) })
        let notices: [Markup] = [warning.map { Layout.notice("The mapping changed: \($0)") }].compactMap { $0 }
        return layout.page("Overview", section: .overview, """
            <h1>Overview</h1>
            \(notices)
            <div class="cards">\(cardMarkup)</div>
            <h2>S-360 status</h2>
            \(Layout.table(["S-360 status", "tickets"], statusRows, id: "by-status"))
            <h2>Status family</h2>
            \(Layout.table(["family", "tickets"], familyRows, id: "by-family"))
            <h2>Last runs</h2>
            \(summary.lastRuns.isEmpty ? "<p>No ingest run is recorded.</p>" : Layout.table(["organizer", "outcome", "started", "appended", "rejected", "error"], runRows, id: "last-runs"))
            <p><a href="/runs">All runs</a></p>
            <h2>Activity</h2>
            \(hourly.markup)
            \(distribution.markup)
            <p class="muted">Charts through ledger position \(activity.throughPosition).</p>
            """)
    }

    /// `2026-06-20 18h` for the start of an hour.
    static func hourLabel(_ time: Timestamp) -> String { String(minuteLabel(time).prefix(13)) + "h" }

    /// `2026-06-20 18:31` (UTC).
    static func minuteLabel(_ time: Timestamp) -> String {
        let text = time.description
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5))
    }
}

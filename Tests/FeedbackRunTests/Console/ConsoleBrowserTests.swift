import Foundation
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// The console in a real browser: headless Chromium renders the pages, and the tests read the
/// DOM it made. Screenshots at a laptop's and a phone's width are kept as artifacts.
@Suite("The console in headless Chromium")
struct ConsoleBrowserTests {
    /// The `<li>` of each timeline step, by its ledger position.
    static func steps(_ dom: String) -> [Int64: String] {
        var steps: [Int64: String] = [:]
        for piece in dom.components(separatedBy: "<li data-position=\"").dropFirst() {
            guard let quote = piece.firstIndex(of: "\""), let position = Int64(piece[..<quote]) else { continue }
            steps[position] = String(piece.prefix { _ in true }.components(separatedBy: "</li>")[0])
        }
        return steps
    }

    @Test func theTicketPageShowsEveryStepAndTheHolderChangeAtTheTransfer() async throws {
        let harness = try await ConsoleHarness(showing: true)
        let url = harness.url("/tickets/T1")
        let dom = try await HeadlessBrowser.dom(url)
        let history = try harness.reading.history(of: "T1")
        let steps = Self.steps(dom)
        #expect(steps.count == history.count && history.count == 5)
        for entry in history {
            let step = try #require(steps[entry.position])
            #expect(step.contains("<span class=\"s360\">\(entry.view.s360Status.rawValue)</span>"), "\(entry.position)")
            #expect(step.contains(entry.statusDate.description))
            #expect(step.contains("<details><summary>raw JSON</summary>"))
        }
        // Ada holds it until the transfer completes; the pending transfer changes nothing.
        let transferred = try #require(history.first { $0.view.tixngoStatus == .TRANSFERRED })
        let pending = try #require(history.first { $0.view.tixngoStatus == .PENDING_TRANSFER })
        #expect(steps[transferred.position]?.contains("holder holder-change\">→ Grace Hopper") == true)
        #expect(steps[pending.position]?.contains("<span class=\"holder\">Ada Lovelace</span>") == true)
        #expect(dom.filter { $0 == "→" }.count == 2, "one change to Ada, one to Grace")
        #expect(dom.contains("<dd class=\"holder\">Grace Hopper</dd>"))
        #expect(dom.contains("href=\"/verify?through=\(history.map(\.position).max() ?? 0)\""))
        // As of a time before the transfer, the view shows Ada.
        let before = try await HeadlessBrowser.dom(url + "?asOf=2026-06-20T09:15:00Z")
        #expect(before.contains("<dd class=\"holder\">Ada Lovelace</dd>") && before.contains("As of 2026-06-20T09:15:00Z"))
        try await HeadlessBrowser.screenshot(url, name: "ticket-laptop")
        try await HeadlessBrowser.screenshot(url, name: "ticket-phone", width: 390, height: 1400)
        await harness.stop()
    }

    @Test func theOverviewDrawsBothChartsFromTheLedger() async throws {
        let harness = try await ConsoleHarness()
        let dom = try await HeadlessBrowser.dom(harness.url("/"))
        func segments(of figure: String) -> [Int] {
            guard let start = dom.range(of: "<figure id=\"\(figure)\""), let end = dom[start.upperBound...].range(of: "</figure>") else { return [] }
            return dom[start.upperBound..<end.lowerBound].components(separatedBy: "data-count=\"").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        }
        // Every appended observation sets a status here: the hourly bars add up to the events.
        let events = try await harness.reading.summary().events
        #expect(segments(of: "chart-hourly").reduce(0, +) == events && events == 7)
        // The last sample is the projection now: three tickets.
        #expect(!segments(of: "chart-statuses").isEmpty)
        let activity = try await harness.reading.activity()
        #expect(activity.samples.last.map { $0.statuses.values.reduce(0, +) } == 3)
        #expect(activity.samples.last?.statuses[.CONTROLLED] == 1)
        #expect(dom.contains("<svg class=\"chart\""))
        #expect(dom.contains("data-count=\"events\"><span class=\"value\">7</span>"))
        try await HeadlessBrowser.screenshot(harness.url("/"), name: "overview-laptop")
        try await HeadlessBrowser.screenshot(harness.url("/"), name: "overview-phone", width: 390, height: 2400)
        await harness.stop()
    }

    @Test func hostileTicketIdsNamesAndExtraInfoRenderAsInertText() async throws {
        let harness = try await ConsoleHarness(showing: true)
        let hostile = ConsoleHarness.hostileTicket
        for path in ["/tickets/" + ConsoleHarness.segment(hostile), "/tickets?prefix=" + ConsoleHarness.segment("<"), "/", "/contacts", "/rejected"] {
            let dom = try await HeadlessBrowser.dom(harness.url(path))
            #expect(!dom.contains("<script"), "\(path): a script element")
            #expect(!dom.contains("<img") && !dom.contains("<b>bold"), "\(path): markup from the feed became elements")
        }
        let page = try await HeadlessBrowser.dom(harness.url("/tickets/" + ConsoleHarness.segment(hostile)))
        // The id shows as the text it is; a name's ESC control character as a visible symbol.
        #expect(page.contains("<span id=\"ticket-id\">&lt;script&gt;alert('id')&lt;/script&gt;&amp;x</span>"), "\(page.prefix(3000))")
        #expect(page.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(page.contains("\u{241B}[31m") && !page.contains("\u{1B}"))
        // A rejected item's id, refused for its control character, shows with it visible.
        let rejected = try await HeadlessBrowser.dom(harness.url("/rejected"))
        #expect(rejected.contains("&lt;i&gt;T\u{2407}&lt;/i&gt;") && !rejected.contains("<i>"), "\(rejected)")
        await harness.stop()
    }
}

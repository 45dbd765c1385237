import TicketLedger

/// The frame of every page: the head, the navigation and the notices that hold on every page.
struct Layout: Sendable {
    /// The ledger's file name, shown in the title bar.
    var ledgerName: String
    /// What the console shows of personal data, said on every page that could show some.
    var personalData: PersonalDataView

    enum Section: String, CaseIterable, Sendable {
        case overview = "Overview", tickets = "Tickets", runs = "Runs", rejected = "Rejected", contacts = "Contacts", mapping = "Mapping"

        var path: String {
            switch self {
            case .overview: "/"
            case .tickets: "/tickets"
            case .runs: "/runs"
            case .rejected: "/rejected"
            case .contacts: "/contacts"
            case .mapping: "/mapping"
            }
        }
    }

    func page(_ title: String, section: Section?, _ body: Markup) -> Markup {
        let links = Section.allCases.map { item -> Markup in
            item == section ? "<a href=\"\(item.path)\" aria-current=\"page\">\(item.rawValue)</a>" : "<a href=\"\(item.path)\">\(item.rawValue)</a>"
        }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · \(ledgerName) · TicketLedger</title>
            <link rel="stylesheet" href="/static/console.css">
            </head><body>
            <header><span class="brand">TicketLedger</span> <span class="ledger">\(ledgerName)</span>
            <nav>\(links)</nav></header>
            <main>
            \(body)
            </main>
            <footer>Read-only console. \(personalData.notice)</footer>
            </body></html>
            """
    }

    /// "2 warnings" and such: one notice box.
    static func notice(_ text: String, kind: String = "warning") -> Markup {
        "<p class=\"notice \(kind)\" role=\"status\">\(text)</p>"
    }

    /// Previous, "Page N", Next: the links of a listing shown a page at a time.
    static func pager(page: Int, hasNext: Bool, link: (Int) -> Link) -> Markup {
        let previous: Markup = page > 1 ? "<a rel=\"prev\" href=\"\(link(page - 1))\">Previous</a>" : ""
        let next: Markup = hasNext ? "<a rel=\"next\" href=\"\(link(page + 1))\">Next</a>" : ""
        return "<div class=\"pager\">\(previous)<span>Page \(page)</span>\(next)</div>"
    }

    /// A table of `rows` under `header`, scrolling sideways on a narrow screen.
    static func table(_ header: [String], _ rows: [[Markup]], caption: String? = nil, id: String? = nil) -> Markup {
        let head = header.map { cell -> Markup in "<th scope=\"col\">\(cell)</th>" }
        let body = rows.map { row -> Markup in "<tr>\(row.map { cell -> Markup in "<td>\(cell)</td>" })</tr>" }
        let captionMarkup: Markup = caption.map { "<caption>\($0)</caption>" } ?? ""
        let idMarkup: Markup = id.map { " id=\"\($0)\"" } ?? ""
        return "<div class=\"scroll\"><table\(idMarkup)>\(captionMarkup)<thead><tr>\(head)</tr></thead><tbody>\(body)</tbody></table></div>"
    }
}

/// Whether the console shows personal data: never (masked), or from the key file, which may be
/// absent (sealed). Masking is not a filter: a masking console never reads the key file.
enum PersonalDataView: Sendable {
    case masked, shown, sealed

    var notice: String {
        switch self {
        case .masked: "Personal data is hidden (start serve with --show-personal-data to show it)."
        case .shown: "Personal data is shown; each view of it is recorded in the access log."
        case .sealed: "Personal data is sealed: the ledger's key file is not here."
        }
    }

    /// How a person the ledger cannot or may not show reads on a page.
    func text(_ name: PersonName) -> String {
        switch name {
        case .name(let name): name
        case .erased: "(erased)"
        case .sealed: self == .masked ? "(hidden)" : "(sealed)"
        }
    }
}

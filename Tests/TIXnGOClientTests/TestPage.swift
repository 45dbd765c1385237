import Foundation

/// The part of a FeedbackPage the tests look at.
struct TestPage: Decodable, Sendable, Equatable {
    struct Ticket: Decodable, Sendable, Equatable {
        let ticketId: String
    }

    let tickets: [Ticket]
    let nextPageKey: String

    /// Decodes a page, throwing on a truncated or malformed body.
    @Sendable static func decode(_ bytes: [UInt8]) throws -> TestPage {
        try JSONDecoder().decode(TestPage.self, from: Data(bytes))
    }

    /// A one-ticket page body.
    static let json = #"{"tickets":[{"ticketId":"T-1","status":"INJECTED"}],"nextPageKey":"k2"}"#

    /// The page `json` decodes to.
    static let expected = TestPage(tickets: [Ticket(ticketId: "T-1")], nextPageKey: "k2")

    /// A body cut off mid-way.
    static let truncatedJSON = #"{"tickets":[{"ticketId":"T-1","sta"#
}

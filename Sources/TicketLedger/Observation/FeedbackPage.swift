/// One page of `GET /tickets/diff` (docs/feedback-api.yaml `FeedbackPage`).
public struct FeedbackPage: Sendable {
    /// The items, as received; each is judged by ``ObservationDecoder``.
    public var items: [JSONValue]
    /// The cursor just after the last item.
    public var nextPageKey: String

    /// A page of `items` followed by the cursor `nextPageKey`.
    public init(items: [JSONValue], nextPageKey: String) {
        self.items = items
        self.nextPageKey = nextPageKey
    }

    /// Why a response body is not a FeedbackPage.
    public struct Malformed: Error, CustomStringConvertible {
        /// What is wrong with the body, e.g. `no tickets array`.
        public var reason: String
        public var description: String { "TIXnGO returned a malformed page: \(reason)" }
    }

    /// Decodes a response body; a body that is not a whole FeedbackPage (for example one cut off) is malformed.
    public static func decode(_ body: [UInt8]) throws(Malformed) -> FeedbackPage {
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            throw Malformed(reason: "not JSON (\(error.description))")
        }
        return try page(from: value)
    }

    /// The page a parsed document holds; a page naming `tickets` or `nextPageKey` twice is malformed, since
    /// either reading of it would drop items or move the cursor wrongly.
    public static func page(from value: JSONValue) throws(Malformed) -> FeedbackPage {
        guard case let .object(members) = value else { throw Malformed(reason: "the body is \(value.kindName), not an object") }
        for name in ["tickets", "nextPageKey"] where members.count(where: { $0.key == name }) > 1 {
            throw Malformed(reason: "the page has the member \(name) twice")
        }
        guard let tickets = value["tickets"] else { throw Malformed(reason: "no tickets array") }
        guard case let .array(items) = tickets else { throw Malformed(reason: "tickets is \(tickets.kindName), not an array") }
        guard let next = value["nextPageKey"] else { throw Malformed(reason: "no nextPageKey string") }
        guard let key = next.stringValue else { throw Malformed(reason: "nextPageKey is \(next.kindName), not a string") }
        return FeedbackPage(items: items, nextPageKey: key)
    }
}

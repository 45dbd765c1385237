/// One page of `GET /tickets/diff` (spec/feedback-api.yaml `FeedbackPage`).
public struct FeedbackPage: Sendable {
    /// The items, as received; each is judged by ``ObservationDecoder``.
    public var items: [JSONValue]
    /// The cursor just after the last item.
    public var nextPageKey: String

    public init(items: [JSONValue], nextPageKey: String) {
        self.items = items
        self.nextPageKey = nextPageKey
    }

    /// Why a response body is not a FeedbackPage.
    public struct Malformed: Error, CustomStringConvertible {
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
        guard case .object = value else { throw Malformed(reason: "the body is \(value.kindName), not an object") }
        guard case let .array(items)? = value["tickets"] else { throw Malformed(reason: "no tickets array") }
        guard let key = value["nextPageKey"]?.stringValue else { throw Malformed(reason: "no nextPageKey string") }
        return FeedbackPage(items: items, nextPageKey: key)
    }
}

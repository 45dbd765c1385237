/// Organizer-defined details of a ticket.
public struct TicketDetails: Sendable, Hashable, Codable {
    /// Key-value pairs such as ExtraInfo1, ExtraInfo2.
    public var extra: [String: String]?

    /// Creates ticket details.
    public init(extra: [String: String]? = nil) {
        self.extra = extra
    }
}

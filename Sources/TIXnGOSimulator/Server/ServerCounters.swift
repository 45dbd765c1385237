/// What the server has answered so far.
public struct ServerCounters: Sendable, Hashable {
    /// Every request to the feed endpoint.
    public var requests = 0
    /// Complete pages answered with 200, slow ones included.
    public var pages = 0
    /// Items in those complete pages.
    public var itemsServed = 0
    /// Requests refused with 401.
    public var unauthorized = 0
    /// Requests refused with 400.
    public var badRequests = 0
    /// Faults injected, by kind.
    public var faults: [FaultKind: Int] = [:]

    /// Faults injected, all kinds together.
    public var totalFaults: Int {
        faults.values.reduce(0, +)
    }
}

public import Foundation

/// What the feed has shown by one simulated time, for checking a consumer against.
public struct GroundTruth: Sendable {
    /// The simulated time described.
    public let time: Date
    /// How many items were visible, repeated copies included.
    public let visibleItemCount: Int
    /// Every ticket with at least one visible item, by ticket id.
    public let tickets: [String: TicketTruth]
    /// The distinct visible items, each once, in the order they first appeared.
    public let distinctItems: [TicketChange]

    /// How many visible items were repeated copies of earlier ones.
    public var duplicateCount: Int { visibleItemCount - distinctItems.count }
}

public import Foundation

/// One item of the feed with the moment it becomes visible.
public struct FeedEntry: Sendable, Hashable {
    /// When the item becomes visible to clients (simulated time).
    public let publishTime: Date
    /// True when this is a repeated copy of an item published earlier.
    public let isDuplicate: Bool
    /// The lifecycle status of the change, whatever the shape of ``item``.
    public let status: LifecycleStatus
    /// The item as served.
    public let item: TicketChange
}

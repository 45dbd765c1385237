import Foundation

/// The feed of one configuration, generated lazily in feed order: memory grows with the
/// number of tickets, not of items.
public struct FeedSequence: Sequence, Sendable {
    /// What is generated.
    public let configuration: FeedConfiguration

    /// Validates the configuration.
    public init(configuration: FeedConfiguration) throws {
        try configuration.validate()
        self.configuration = configuration
    }

    /// Starts generating from the first item.
    public func makeIterator() -> Iterator {
        Iterator(merger: FeedMerger(configuration: configuration), renderer: ChangeRenderer(configuration: configuration))
    }

    /// Produces the entries one by one.
    public struct Iterator: IteratorProtocol {
        var merger: FeedMerger
        let renderer: ChangeRenderer

        /// The next entry in feed order, or nil after the last.
        public mutating func next() -> FeedEntry? {
            guard let scheduled = merger.next() else { return nil }
            let publication = scheduled.publication
            return FeedEntry(
                publishTime: Date(timeIntervalSince1970: TimeInterval(publication.time)),
                isDuplicate: publication.isDuplicate,
                status: scheduled.plan.changes[publication.change].status,
                item: renderer.item(scheduled.plan, change: publication.change))
        }
    }
}

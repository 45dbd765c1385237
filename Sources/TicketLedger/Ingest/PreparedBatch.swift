import Foundation

/// A batch of items judged and keyed before its write transaction: decoding, the
/// canonical form and the content key are pure work, done off the writer so the next
/// batch can be prepared while this one is written.
public struct PreparedBatch: Sendable {
    enum Verdict: Sendable {
        case skipped
        case rejected(reason: String)
        case observation(Observation)
    }

    struct Item: Sendable {
        var item: SourcedItem
        var verdict: Verdict
        var contentKey: Data
    }

    /// Items per write transaction, at most (whole TIXnGO pages may go a page over): large
    /// enough to share the cost of a commit (the index pages it rewrites), small enough that
    /// other writers are not held up and a killed run has little to redo.
    public static let itemsPerTransaction = 10_000

    let organizer: String
    let items: [Item]

    /// This batch followed by `other` (of the same organizer).
    func appending(_ other: PreparedBatch) -> PreparedBatch {
        PreparedBatch(organizer: organizer, items: items + other.items)
    }
}

extension LedgerDatabase {
    /// Judges and keys `items` of `organizer`; tickets on `skipList` are counted as skipped.
    public func prepare(_ items: [SourcedItem], organizer: String, skipping skipList: Set<String> = []) -> PreparedBatch {
        PreparedBatch(organizer: organizer, items: items.map { item in
            switch ObservationDecoder.decode(item.value) {
            case .rejected(let reason):
                let key = secrets.contentKey(organizer: organizer, canonicalBytes: item.value.canonicalBytes)
                return .init(item: item, verdict: .rejected(reason: reason), contentKey: key)
            case .observation(let observation) where skipList.contains(observation.ticketId):
                return .init(item: item, verdict: .skipped, contentKey: Data())
            case .observation(let observation):
                let key = secrets.contentKey(organizer: organizer, canonicalBytes: observation.canonicalBytes)
                return .init(item: item, verdict: .observation(observation), contentKey: key)
            }
        })
    }
}

import Foundation

/// A batch of items judged and keyed before its write transaction: decoding, the
/// canonical form, the content key, the digests naming the persons and sealing their
/// data are done off the writer, so the next batch is prepared while this one is written.
struct PreparedBatch: Sendable {
    enum Verdict: Sendable {
        case skipped
        /// A rejected item keeps its whole value: it is stored, sealed, with the reason.
        case rejected(reason: String, value: JSONValue)
        /// An observation keeps only what is written, not the item it was read from.
        case observation(Observation, holder: PersonalDataVault.Presealed?, recipient: PersonalDataVault.Presealed?)
    }

    struct Item: Sendable {
        var source: ItemSource
        var verdict: Verdict
        var contentKey: Data
    }

    /// Items per write transaction, at most (whole TIXnGO pages may go a page over):
    /// docs/design.md, "Ingest", says why 50,000.
    static let itemsPerTransaction = 50_000

    /// Items of a file parsed and prepared at once by one thread (``PreparedFeed``): the
    /// parsed JSON of a few slices is held, not a whole transaction's.
    static let itemsPerSlice = 5_000

    let organizer: String
    private(set) var items: [Item]

    /// Adds the items of `other` (of the same organizer) after these, in place: pages pile up
    /// to a transaction's worth without copying those already there.
    mutating func append(_ other: PreparedBatch) {
        items += other.items
    }
}

extension LedgerKeys {
    /// Judges (unless read in place, already judged) and keys `items` of `organizer`; tickets on
    /// `skipList` are counted as skipped.
    func prepare(_ items: [SourcedItem], organizer: String, skipping skipList: Set<String> = []) -> PreparedBatch {
        func preseal(_ member: PersonalMember) -> PersonalDataVault.Presealed { vault.preseal(secrets.unsealed(member)) }
        func prepared(_ observation: Observation, from source: ItemSource) -> PreparedBatch.Item {
            guard !skipList.contains(observation.ticketId) else { return .init(source: source, verdict: .skipped, contentKey: Data()) }
            let key = secrets.contentKey(organizer: organizer, canonicalBytes: observation.canonicalBytes)
            // Keyed: the writer stores the public body and the sealed members, not the whole form.
            var kept = observation
            kept.canonicalBytes = []
            let verdict = PreparedBatch.Verdict.observation(
                kept, holder: observation.spectatorDetails.map(preseal), recipient: observation.pendingTransfer.map(preseal))
            return .init(source: source, verdict: verdict, contentKey: key)
        }
        return PreparedBatch(organizer: organizer, items: items.map { item in
            switch item.content {
            case .observation(let observation):
                return prepared(observation, from: item.source)
            case .value(let value):
                switch ObservationDecoder.decode(value) {
                case .rejected(let reason):
                    let key = secrets.contentKey(organizer: organizer, canonicalBytes: value.canonicalBytes)
                    return .init(source: item.source, verdict: .rejected(reason: reason, value: value), contentKey: key)
                case .observation(let observation):
                    return prepared(observation, from: item.source)
                }
            }
        })
    }
}

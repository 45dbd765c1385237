/// Which wire shape the feed's items take (docs/domain.md §5).
public enum ItemShape: String, Sendable, Hashable, CaseIterable, Codable {
    /// Blockchain-transaction view: `legacyStatus`, `action`, `state`, `transactionId`.
    case history
    /// Business view: the `status` field.
    case lifecycle
}

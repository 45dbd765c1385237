/// What S-360 pushed when it deleted a ticket from TIXnGO.
public enum DeletionReason: String, Sendable, Hashable, CaseIterable, Codable {
    /// The ticket was cancelled in S-360.
    case cancelled = "CANCELLED"
    /// The ticket was invalidated, reprinted or put on resale in S-360.
    case invalidated = "INVALIDATED"
}

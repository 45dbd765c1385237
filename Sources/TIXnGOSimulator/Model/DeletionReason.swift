/// What S-360 pushed when it deleted a ticket from TIXnGO.
public enum DeletionReason: String, Sendable, Hashable, CaseIterable, Codable {
    case cancelled = "CANCELLED"
    case invalidated = "INVALIDATED"
}

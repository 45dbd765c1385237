/// The five families TIXnGO business statuses group into (docs/domain.md §3).
public enum StatusFamily: String, Sendable, Hashable, CaseIterable, Codable {
    /// INJECTED, DOWNLOADED, ASSIGNED, DEFAULT, INVALID.
    case initialDelivery = "INITIAL_DELIVERY"
    /// Moving between wallets.
    case transfer = "TRANSFER"
    /// The QR code can be shown (or no longer).
    case activation = "ACTIVATION"
    /// Used to enter the premises.
    case control = "CONTROL"
    /// Deleted from TIXnGO.
    case deletion = "DELETION"
}

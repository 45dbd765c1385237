/// The five families TIXnGO business statuses group into (DOMAIN.md §3).
public enum StatusFamily: String, Sendable, Hashable, CaseIterable, Codable {
    case initialDelivery = "INITIAL_DELIVERY"
    case transfer = "TRANSFER"
    case activation = "ACTIVATION"
    case control = "CONTROL"
    case deletion = "DELETION"
}

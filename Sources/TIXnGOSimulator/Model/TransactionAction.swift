/// The blockchain `action` of a history-mode item.
public enum TransactionAction: String, Sendable, Hashable, CaseIterable, Codable {
    case inject = "INJECT"
    case transfer = "TRANSFER"
    case delete = "DELETE"
    case burn = "BURN"
}

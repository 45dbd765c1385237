/// The blockchain `action` of a history-mode item.
public enum TransactionAction: String, Sendable, Hashable, CaseIterable, Codable {
    /// Injection and the wallet events that follow it.
    case inject = "INJECT"
    /// A transfer between wallets.
    case transfer = "TRANSFER"
    /// A deletion.
    case delete = "DELETE"
    /// A deletion by burning the token.
    case burn = "BURN"
}

/// The transfer a PENDING_TRANSFER item is waiting on.
public struct PendingTransfer: Sendable, Hashable, Codable {
    /// E-mail of the person the ticket is being sent to.
    public var recipientEmail: String?
    /// Wallet of the sender.
    public var senderOwnerId: String?

    /// Creates a pending transfer.
    public init(recipientEmail: String? = nil, senderOwnerId: String? = nil) {
        self.recipientEmail = recipientEmail
        self.senderOwnerId = senderOwnerId
    }
}

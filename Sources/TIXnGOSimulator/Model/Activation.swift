/// How and when a ticket was activated.
public struct Activation: Sendable, Hashable, Codable {
    /// The activation method.
    public var method: ActivationMethod?
    /// When it was activated (RFC 3339).
    public var time: String?

    /// Creates an activation.
    public init(method: ActivationMethod? = nil, time: String? = nil) {
        self.method = method
        self.time = time
    }
}

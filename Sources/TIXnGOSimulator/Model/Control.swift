/// Where and when a ticket was controlled at the gate.
public struct Control: Sendable, Hashable, Codable {
    /// When it was controlled (RFC 3339).
    public var time: String?
    /// The gate that scanned it.
    public var gate: String?

    /// Creates a control.
    public init(time: String? = nil, gate: String? = nil) {
        self.time = time
        self.gate = gate
    }
}

/// How a ticket's QR code was activated.
public enum ActivationMethod: String, Sendable, Hashable, CaseIterable, Codable {
    case bluetooth = "BT"
    case manual = "MANUAL"
    case offline = "OFFLINE"
    case online = "ONLINE"

    /// The lifecycle status an activation by this method shows.
    public var status: LifecycleStatus {
        switch self {
        case .bluetooth: .btActivated
        case .manual: .manualActivated
        case .offline: .offlineActivated
        case .online: .onlineActivated
        }
    }
}

/// How a ticket's QR code was activated.
public enum ActivationMethod: String, Sendable, Hashable, CaseIterable, Codable {
    /// A Bluetooth beacon at the venue.
    case bluetooth = "BT"
    /// By hand.
    case manual = "MANUAL"
    /// Without network.
    case offline = "OFFLINE"
    /// Online.
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

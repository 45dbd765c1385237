/// The parts of an observation a projection reads: from a decoded item as it is appended,
/// or from a stored event (``EventRecord``) when one is folded again.
struct ObservationFacts: Sendable {
    var status: TIXnGOStatus?
    var transaction: Transaction?
    var deletionReason: DeletionReason?
    var hasSpectatorDetails: Bool
    var hasBeacon: Bool
    var hasExtraInfo: Bool

    init(
        status: TIXnGOStatus?, transaction: Transaction?, deletionReason: DeletionReason?,
        hasSpectatorDetails: Bool, hasBeacon: Bool, hasExtraInfo: Bool
    ) {
        self.status = status
        self.transaction = transaction
        self.deletionReason = deletionReason
        self.hasSpectatorDetails = hasSpectatorDetails
        self.hasBeacon = hasBeacon
        self.hasExtraInfo = hasExtraInfo
    }

    /// The facts of a decoded observation.
    init(_ observation: Observation) {
        self.init(
            status: observation.status, transaction: observation.transaction,
            deletionReason: observation.deletionReason, hasSpectatorDetails: observation.spectatorDetails != nil,
            hasBeacon: observation.hasBeacon, hasExtraInfo: observation.hasExtraInfo)
    }
}

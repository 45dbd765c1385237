/// What one observation does to a ticket's S-360 view under a rule set and a mode.
///
/// This is the only place where docs/domain.md §5's reading of an observation is
/// decided; the statuses and outcomes it looks up are the rule set's data.
struct ObservationEffect: Equatable, Sendable {
    /// The status the ticket takes, or nil when the observation changes no status.
    var status: StatusValue?
    /// The observation's spectator details become the holder.
    var setsHolder: Bool
    /// The observation's beaconName becomes the ticket's.
    var setsBeacon: Bool
    /// The observation's ticketDetails.extra becomes the ticket's.
    var setsExtraInfo: Bool

    /// No effect at all (a pending transaction, for example).
    static let none = ObservationEffect(status: nil, setsHolder: false, setsBeacon: false, setsExtraInfo: false)
}

/// A TIXnGO status as the ticket holds it, with what S-360 pushed on deletion.
struct StatusValue: Equatable, Sendable {
    var status: TIXnGOStatus
    var deletionReason: DeletionReason?

    init(status: TIXnGOStatus, deletionReason: DeletionReason?) {
        self.status = status
        self.deletionReason = deletionReason
    }
}

extension MappingRuleSet {
    /// The effect of an observation. Each mode reads its own shape first: lifecycle
    /// mode the business `status`, history mode the transaction; an item that only
    /// has the other shape is read the other way, so no observation is ignored.
    func effect(of facts: ObservationFacts, mode: ProjectionMode) -> ObservationEffect {
        switch (mode, facts.status, facts.transaction) {
        case (.lifecycle, let status?, _), (.history, let status?, nil):
            return ObservationEffect(
                status: StatusValue(status: status, deletionReason: facts.deletionReason),
                setsHolder: facts.hasSpectatorDetails, setsBeacon: facts.hasBeacon, setsExtraInfo: facts.hasExtraInfo)
        case (_, _, let transaction?):
            return historyEffect(of: transaction, facts: facts)
        case (_, nil, nil):
            return .none
        }
    }

    private func historyEffect(of transaction: Transaction, facts: ObservationFacts) -> ObservationEffect {
        guard let rule = historyRule(for: transaction.legacyStatus, action: transaction.action),
            let outcome = transactionOutcomes[transaction.state]
        else { return .none }
        let status: TIXnGOStatus?
        switch outcome {
        case .applied: status = facts.hasSpectatorDetails ? rule.appliedWithDetails : rule.applied
        case .pending: status = rule.pending
        case .failed: status = rule.failed
        }
        let applied = outcome == .applied
        return ObservationEffect(
            status: status.map { StatusValue(status: $0, deletionReason: facts.deletionReason) },
            setsHolder: applied && facts.hasSpectatorDetails,
            setsBeacon: applied && facts.hasBeacon, setsExtraInfo: applied && facts.hasExtraInfo)
    }

    /// The family, S-360 status and anomaly flag of a held status.
    func classify(_ value: StatusValue) -> (family: StatusFamily, s360Status: S360Status, anomaly: Bool) {
        guard let rule = statuses[value.status] else {
            preconditionFailure("a loaded rule set maps every TIXnGO status")
        }
        guard rule.family == .DELETION else { return (rule.family, rule.s360Status, rule.anomaly) }
        let s360 = value.deletionReason.flatMap { deletion.byReason[$0] } ?? deletion.withoutReason
        return (rule.family, s360, rule.anomaly)
    }
}

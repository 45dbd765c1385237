/// What S-360 shows for a ticket state under a rule set.
public struct S360View: Equatable, Sendable {
    /// The ticket's current TIXnGO status; nil while no observation has set one (`s360Status` is then NOT_PRINTED).
    public var tixngoStatus: TIXnGOStatus?
    /// The family the rule set puts `tixngoStatus` in; nil when there is no status.
    public var family: StatusFamily?
    /// What S-360 shows, from the rule set and, for a deletion, the observation's `deletionReason` (docs/domain.md §4).
    public var s360Status: S360Status
    /// Whether the rule set flags `tixngoStatus` as an anomaly (`DEFAULT` and `INVALID` in the bundled sets).
    public var anomaly: Bool

    init(state: TicketState, rules: MappingRuleSet) {
        guard let value = state.status?.value else {
            self.init(tixngoStatus: nil, family: nil, s360Status: .NOT_PRINTED, anomaly: false)
            return
        }
        let classified = rules.classify(value)
        self.init(tixngoStatus: value.status, family: classified.family, s360Status: classified.s360Status, anomaly: classified.anomaly)
    }

    init(tixngoStatus: TIXnGOStatus?, family: StatusFamily?, s360Status: S360Status, anomaly: Bool) {
        self.tixngoStatus = tixngoStatus
        self.family = family
        self.s360Status = s360Status
        self.anomaly = anomaly
    }
}

/// What S-360 shows for a ticket state under a rule set.
public struct S360View: Equatable, Sendable {
    public var tixngoStatus: TIXnGOStatus?
    public var family: StatusFamily?
    public var s360Status: S360Status
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

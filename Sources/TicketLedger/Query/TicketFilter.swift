/// Which tickets `tickets` lists.
public struct TicketFilter: Sendable, Equatable {
    public var organizer: String?
    public var s360Status: S360Status?
    public var tixngoStatus: TIXnGOStatus?
    public var family: StatusFamily?
    /// Only tickets injected by this organization (their observations' `organizationId`).
    public var organization: String?

    public init(
        organizer: String? = nil, s360Status: S360Status? = nil, tixngoStatus: TIXnGOStatus? = nil, family: StatusFamily? = nil,
        organization: String? = nil
    ) {
        self.organizer = organizer
        self.s360Status = s360Status
        self.tixngoStatus = tixngoStatus
        self.family = family
        self.organization = organization
    }

    /// Whether a listed ticket passes the status, family and organizer filters (not `organization`,
    /// which needs the ledger).
    public func admits(_ report: TicketReport) -> Bool { matches(organizer: report.organizer, view: report.view) }

    func matches(organizer: String, view: S360View) -> Bool {
        (self.organizer.map { $0 == organizer } ?? true)
            && (s360Status.map { $0 == view.s360Status } ?? true)
            && (tixngoStatus.map { $0 == view.tixngoStatus } ?? true)
            && (family.map { $0 == view.family } ?? true)
    }
}

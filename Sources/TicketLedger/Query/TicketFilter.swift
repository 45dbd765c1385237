/// Which tickets `tickets` lists.
public struct TicketFilter: Sendable, Equatable {
    /// Only this TIXnGO organizer's tickets.
    public var organizer: String?
    /// Only tickets S-360 shows with this status.
    public var s360Status: S360Status?
    /// Only tickets whose current TIXnGO status is this one.
    public var tixngoStatus: TIXnGOStatus?
    /// Only tickets whose current TIXnGO status is of this family.
    public var family: StatusFamily?
    /// Only tickets injected by this organization (their observations' `organizationId`).
    public var organization: String?
    /// Only tickets whose id starts with this text (exactly: no wildcard).
    public var ticketIdPrefix: String?

    /// A filter requiring every criterion given; nil criteria admit every ticket.
    public init(
        organizer: String? = nil, s360Status: S360Status? = nil, tixngoStatus: TIXnGOStatus? = nil, family: StatusFamily? = nil,
        organization: String? = nil, ticketIdPrefix: String? = nil
    ) {
        self.organizer = organizer
        self.s360Status = s360Status
        self.tixngoStatus = tixngoStatus
        self.family = family
        self.organization = organization
        self.ticketIdPrefix = ticketIdPrefix
    }

    /// Whether a listed ticket passes the status, family, prefix and organizer filters (not
    /// `organization`, which needs the ledger).
    public func admits(_ report: TicketReport) -> Bool { matches(report.organizer, report.ticketId, view: report.view) }

    func matches(_ organizer: String, _ ticketId: String, view: S360View) -> Bool {
        (self.organizer.map { $0 == organizer } ?? true)
            && (ticketIdPrefix.map { ticketId.utf8.starts(with: $0.utf8) } ?? true)
            && (s360Status.map { $0 == view.s360Status } ?? true)
            && (tixngoStatus.map { $0 == view.tixngoStatus } ?? true)
            && (family.map { $0 == view.family } ?? true)
    }
}

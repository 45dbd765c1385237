/// Where an observation sits in a ticket's fold: by statusDate, ties by position.
struct FoldOrder: Comparable, Hashable, Sendable {
    var statusDate: Int64
    var position: Int64

    init(statusDate: Int64, position: Int64) {
        self.statusDate = statusDate
        self.position = position
    }

    static func < (lhs: FoldOrder, rhs: FoldOrder) -> Bool {
        (lhs.statusDate, lhs.position) < (rhs.statusDate, rhs.position)
    }
}

/// One ticket's state as the projection folds it: pure data, no database.
///
/// Every part is a last-writer-wins register keyed by ``FoldOrder``: applying
/// observations in any order, or merging two partial states register by register
/// (``TicketStateStore`` does it in SQL), gives the state of folding them in statusDate
/// order. That is what lets a late observation, an inline update, a replay and an
/// as-of query share this one piece of code.
struct TicketState: Equatable, Sendable {
    /// The observation that set the current status, with the status.
    var status: (order: FoldOrder, value: StatusValue)?
    /// The observation whose spectator details are the holder.
    var holder: FoldOrder?
    /// The observation whose beaconName is the ticket's.
    var beacon: FoldOrder?
    /// The observation whose ticketDetails.extra is the ticket's.
    var extraInfo: FoldOrder?
    /// The greatest ledger position folded in.
    var lastPosition: Int64

    init() { lastPosition = 0 }

    static func == (lhs: TicketState, rhs: TicketState) -> Bool {
        lhs.status?.order == rhs.status?.order && lhs.status?.value == rhs.status?.value
            && lhs.holder == rhs.holder && lhs.beacon == rhs.beacon && lhs.extraInfo == rhs.extraInfo
            && lhs.lastPosition == rhs.lastPosition
    }

    /// Folds in one observation's effect.
    mutating func apply(_ effect: ObservationEffect, at order: FoldOrder) {
        lastPosition = max(lastPosition, order.position)
        if let value = effect.status, status.map({ $0.order < order }) ?? true { status = (order, value) }
        if effect.setsHolder { holder = Self.later(holder, order) }
        if effect.setsBeacon { beacon = Self.later(beacon, order) }
        if effect.setsExtraInfo { extraInfo = Self.later(extraInfo, order) }
    }

    private static func later(_ a: FoldOrder?, _ b: FoldOrder?) -> FoldOrder? {
        guard let a else { return b }
        guard let b else { return a }
        return max(a, b)
    }
}

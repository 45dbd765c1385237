import Foundation

/// What one event of a ticket says for cultural contacts.
struct ContactEvent: Sendable {
    var order: FoldOrder
    /// The TIXnGO status the event sets, as the projection reads it.
    var status: TIXnGOStatus?
    /// The new owner's person, when the event has spectator details with an email.
    var holder: Data?
    /// The transfer recipient's person, when the event has a pendingTransfer with an email.
    var recipient: Data?
}

/// The state of one distribution (a transfer of a ticket to a person).
enum DistributionStatus: String, Sendable {
    case pending = "PENDING", cancelled = "CANCELLED", confirmed = "CONFIRMED"
}

/// One row of the distribution history.
struct Distribution: Equatable, Sendable {
    var openedPosition: Int64
    var person: Data
    var status: DistributionStatus
    var order: FoldOrder
}

/// What a ticket's events say about one person's contact: each kind keeps the earliest event.
struct ContactContribution: Equatable, Sendable {
    enum Kind: Sendable { case cultural, pending }
    var person: Data
    var kind: Kind
    var order: FoldOrder
}

/// docs/domain.md §7 as a pure fold over one ticket's events in statusDate order:
/// PENDING_TRANSFER opens a distribution (PENDING) and a temporary contact for the
/// recipient; FAILURE or FAILURE_TRANSFER cancels the open one; TRANSFERRED confirms
/// it (or records one when no pending transfer was seen) and makes the new owner a
/// cultural contact.
enum ContactsFold {
    /// The distribution step each status means, if any.
    static func step(for status: TIXnGOStatus) -> DistributionStatus? {
        switch status {
        case .PENDING_TRANSFER, .PENDING: .pending
        case .FAILURE_TRANSFER, .FAILURE: .cancelled
        case .TRANSFERRED: .confirmed
        default: nil
        }
    }

    static func fold(_ events: [ContactEvent]) -> (distributions: [Distribution], contributions: [ContactContribution]) {
        var distributions: [Distribution] = []
        var contributions: [ContactContribution] = []
        var open: Int?
        for event in events.sorted(by: { $0.order < $1.order }) {
            guard let status = event.status, let step = step(for: status) else { continue }
            switch step {
            case .pending:
                guard let recipient = event.recipient else { continue }
                distributions.append(Distribution(openedPosition: event.order.position, person: recipient, status: .pending, order: event.order))
                contributions.append(ContactContribution(person: recipient, kind: .pending, order: event.order))
                open = distributions.count - 1
            case .cancelled:
                if let index = open {
                    distributions[index].status = .cancelled
                    distributions[index].order = event.order
                }
                open = nil
            case .confirmed:
                guard let owner = event.holder else { open = nil; continue }
                if let index = open, distributions[index].person == owner {
                    distributions[index].status = .confirmed
                    distributions[index].order = event.order
                } else {
                    if let index = open {
                        distributions[index].status = .cancelled
                        distributions[index].order = event.order
                    }
                    distributions.append(Distribution(openedPosition: event.order.position, person: owner, status: .confirmed, order: event.order))
                }
                contributions.append(ContactContribution(person: owner, kind: .cultural, order: event.order))
                open = nil
            }
        }
        return (distributions, contributions)
    }
}

import SharedSupport

/// Draws the changes of one ticket over the match day: delivery, transfers, activation,
/// control, and sometimes a deletion.
struct LifecycleBuilder {
    private let ticket: Int
    private let kickoff: Int64
    private let gate: Int
    private var changes: [LifecycleChange]
    private var time: Int64
    private var holder: UInt64?
    private var owner: UInt64?
    /// How many transfers the ticket has been through: the transaction of the current one.
    private var transfers: UInt8 = 0

    /// The transaction that deletes a ticket.
    static let deletionTransaction: UInt8 = 255

    init(ticket: Int, injection: Int64, kickoff: Int64, gate: Int) {
        self.ticket = ticket
        self.kickoff = kickoff
        self.gate = gate
        self.time = injection
        self.changes = [LifecycleChange(kind: .injection, statusDate: injection)]
    }

    /// The ticket's changes, statusDate strictly increasing.
    mutating func build(rng: inout SplitMix64) -> [LifecycleChange] {
        if rng.chance(0.93) {
            let firstOwner = ticket % 4 == 0 || rng.chance(0.5) ? Self.buyer(of: ticket) : person(slot: 0)
            holder = firstOwner
            owner = firstOwner
            append(.download, after: 60...14_400, rng: &rng)
            if rng.chance(0.15) {
                holder = person(slot: 1)
                append(.assignment, after: 300...7200, rng: &rng)
            } else if rng.chance(0.22) {
                transfer(rng: &rng)
            }
            if rng.chance(0.88) {
                activateAndControl(rng: &rng)
            }
        }
        if rng.chance(0.06) {
            delete(rng: &rng)
        }
        return changes
    }

    /// The person who bought the block of four tickets `ticket` belongs to.
    static func buyer(of ticket: Int) -> UInt64 {
        UInt64(ticket / 4) * 21 + 20
    }

    /// A person tied to this ticket: 0 its own owner, 1 its guest, 2 and 3 transfer recipients.
    private func person(slot: UInt64) -> UInt64 {
        UInt64(ticket / 4) * 21 + UInt64(ticket % 4) * 5 + slot
    }

    private mutating func transfer(rng: inout SplitMix64) {
        for attempt in 0..<2 {
            transfers += 1
            let recipient = person(slot: 2 + UInt64(attempt))
            var pending = change(.pendingTransfer, after: 300...10_800, rng: &rng)
            pending.recipient = recipient
            changes.append(pending)
            let outcome = rng.unit()
            if outcome < 0.7 {
                holder = recipient
                owner = recipient
                append(.transferAccepted, after: 120...5400, rng: &rng)
                if !rng.chance(0.15) { return }
            } else {
                var failed = change(
                    outcome < 0.9 ? .transferRejected : .transferCancelledByOrganizer, after: 120...5400, rng: &rng)
                let state = rng.unit()
                failed.failureState = state < 0.7 ? .ko : (state < 0.85 ? .cancelled : .failed)
                changes.append(failed)
                return
            }
        }
    }

    private mutating func activateAndControl(rng: inout SplitMix64) {
        time = max(time, kickoff - rng.int(in: 600...10_800))
        activate(rng: &rng)
        var active = true
        if rng.chance(0.06) {
            append(.deactivation, after: 60...1200, rng: &rng)
            active = rng.chance(0.8)
            if active { activate(rng: &rng) }
        }
        if active, rng.chance(0.85) {
            time = max(time, kickoff - rng.int(in: -900...5400))
            var control = change(.control, after: 30...600, rng: &rng)
            control.gate = gate
            changes.append(control)
        }
    }

    private mutating func activate(rng: inout SplitMix64) {
        let draw = rng.unit()
        var activation = change(.activation, after: 60...1800, rng: &rng)
        activation.method = draw < 0.35 ? .bluetooth : (draw < 0.65 ? .online : (draw < 0.85 ? .offline : .manual))
        activation.gate = gate
        changes.append(activation)
    }

    private mutating func delete(rng: inout SplitMix64) {
        let controlIndex = changes.firstIndex { $0.kind == .control } ?? changes.count
        let kept = Int(rng.int(in: 1...Int64(controlIndex)))
        changes.removeLast(changes.count - kept)
        let last = changes[kept - 1]
        time = last.statusDate
        holder = last.holder
        owner = last.owner
        let reason: DeletionReason = rng.chance(0.5) ? .cancelled : .invalidated
        var pending = change(.deletionPending, after: 300...10_800, rng: &rng)
        pending.deletionReason = reason
        changes.append(pending)
        var deletion = change(.deletion, after: 60...900, rng: &rng)
        deletion.deletionReason = reason
        deletion.deletionAction = rng.chance(0.2) ? .burn : .delete
        changes.append(deletion)
    }

    private mutating func append(_ kind: LifecycleChange.Kind, after gap: ClosedRange<Int64>, rng: inout SplitMix64) {
        changes.append(change(kind, after: gap, rng: &rng))
    }

    /// A change `gap` seconds after the previous one, with the current holder and owner.
    private mutating func change(
        _ kind: LifecycleChange.Kind, after gap: ClosedRange<Int64>, rng: inout SplitMix64
    ) -> LifecycleChange {
        time += rng.int(in: gap)
        let transaction: UInt8 =
            switch kind {
            case .pendingTransfer, .transferAccepted, .transferRejected, .transferCancelledByOrganizer: transfers
            case .deletionPending, .deletion: Self.deletionTransaction
            default: 0
            }
        return LifecycleChange(
            kind: kind, statusDate: time, holder: holder, owner: owner, transaction: transaction)
    }
}

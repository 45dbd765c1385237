import NIOCore
import TicketLedger

/// A batch ready to send: the ledger's changes and their COPY text, made while PostgreSQL
/// writes the batch before (so a COPY waits on the network, not on the encoding).
struct CopyBatch: Sendable {
    /// The events' columns in the copy, in ``StoredEvent`` order (the ledger id first).
    static let eventColumns = ["ledger_id"] + StoredEvent.columnNames
    static let rejectedColumns = [
        "ledger_id", "id", "organizer", "content_key", "reason", "source_kind", "source_ref", "source_item", "rejected_at", "body",
        "personal_key", "personal_data",
    ]
    static let ticketStateColumns = [
        "ledger_id", "generation", "organizer", "ticket_id", "s360_status", "tixngo_status", "family", "deletion_reason", "anomaly",
        "status_date", "holder_position", "last_position",
    ]

    let changes: LedgerChanges
    let events: [ByteBuffer]
    let rejectedItems: [ByteBuffer]
    let ticketStates: [ByteBuffer]

    init(_ changes: LedgerChanges) {
        let ledgerID = changes.ledgerID
        self.changes = changes
        events = CopyText.chunks(changes.events) { text, event in
            text.add(ledgerID)
            text.add(event.position)
            text.add(event.organizer)
            text.add(event.ticketId)
            text.add(event.statusDate)
            text.add(event.ingestedAt)
            text.add(event.sourceKind)
            text.add(event.sourceRef)
            text.add(event.sourceItem)
            for value in [event.status, event.legacyStatus, event.action, event.state, event.deletionReason] { text.add(value) }
            text.add(event.hasBeacon)
            text.add(event.hasExtraInfo)
            text.add(event.body)
            text.add(event.holderKey)
            text.add(event.holderData)
            text.add(event.recipientKey)
            text.add(event.recipientData)
            text.add(event.contentKey)
            text.add(event.chainHash)
        }
        rejectedItems = CopyText.chunks(changes.rejectedItems) { text, item in
            text.add(ledgerID)
            text.add(item.id)
            text.add(item.organizer)
            text.add(item.contentKey)
            text.add(item.reason)
            text.add(item.sourceKind)
            text.add(item.sourceRef)
            text.add(item.sourceItem)
            text.add(item.rejectedAt)
            text.add(item.body)
            text.add(item.personalKey)
            text.add(item.personalData)
        }
        ticketStates = Self.ticketStates(changes.ticketStates, generation: changes.live.generation, ledgerID: ledgerID)
    }

    /// A generation's ticket states as COPY text.
    static func ticketStates(_ states: [StoredTicketState], generation: Int64, ledgerID: String) -> [ByteBuffer] {
        CopyText.chunks(states) { text, state in
            text.add(ledgerID)
            text.add(generation)
            text.add(state.organizer)
            text.add(state.ticketId)
            text.add(state.s360Status)
            text.add(state.tixngoStatus)
            text.add(state.family)
            text.add(state.deletionReason)
            text.add(state.anomaly)
            text.add(state.statusDate)
            text.add(state.holderPosition)
            text.add(state.lastPosition)
        }
    }
}

import GRDB

/// The one step from observations to a projection (docs/design.md, "The line the data walks"): each
/// observation's effect under the settings' rules and mode, folded into its ticket's
/// state; then the states merged into the generation's rows, and the contacts of the
/// tickets a transfer step touched refolded. Inline ingest, replay (its chunks, its
/// catch-up, its recount), the as-of queries, history and the person lookups all fold
/// through this type.
struct Projector {
    let settings: ProjectionSettings
    /// The states folded so far, by ticket: partial folds of the events given.
    private(set) var states: [TicketKey: TicketState] = [:]
    /// Tickets whose folded events include a transfer step: only those change contacts.
    private var transfers: Set<TicketKey> = []

    init(settings: ProjectionSettings) { self.settings = settings }

    /// What `facts` do to a ticket under these settings.
    func effect(of facts: ObservationFacts) -> ObservationEffect {
        settings.rules.effect(of: facts, mode: settings.mode)
    }

    /// Folds one event into `state` (a caller folding one ticket at a time); returns its effect.
    @discardableResult
    func step(_ event: FoldedEvent, _ state: inout TicketState) -> ObservationEffect {
        let effect = effect(of: event.facts)
        state.apply(effect, at: event.order)
        return effect
    }

    /// Folds one event into its ticket's state in ``states``.
    mutating func fold(_ event: FoldedEvent) {
        // Not through `step`: calling a method of `self` while `states` is borrowed in place
        // would copy the dictionary, once per event.
        let effect = effect(of: event.facts)
        states[event.key, default: TicketState()].apply(effect, at: event.order)
        if let status = effect.status?.status, ContactsFold.step(for: status) != nil { transfers.insert(event.key) }
    }

    /// Merges ``states`` into the generation's rows and refolds the contacts they changed.
    func write(db: Database) throws {
        try TicketStateStore(settings: settings).merge(states, db: db)
        if settings.buildsContacts { try ContactsStore(settings: settings).refresh(transfers, db: db) }
    }

    /// Folds the stored events matching `condition` (an SQL expression over the events table).
    static func folding(
        where condition: String, _ arguments: [DirectArgument], settings: ProjectionSettings, db: Database
    ) throws -> Projector {
        var projector = Projector(settings: settings)
        var statement = try DirectStatement(
            sql: "SELECT \(EventRecord.foldedSelectList) FROM events WHERE \(condition)", db: db)
        statement.bind(arguments)
        try statement.forEachRow { row in projector.fold(EventRecord.folded(row)) }
        return projector
    }

    /// The state of one ticket from its stored events matching `condition`; nil when none does.
    static func ticket(
        _ key: TicketKey, where condition: String = "1", _ arguments: [DirectArgument] = [], settings: ProjectionSettings, db: Database
    ) throws -> TicketState? {
        try folding(
            where: "ticket_id = ? AND organizer = ? AND (\(condition))", [.text(key.ticketId), .text(key.organizer)] + arguments,
            settings: settings, db: db
        ).states[key]
    }
}

extension FoldedEvent {
    var key: TicketKey { TicketKey(organizer: organizer, ticketId: ticketId) }
    var order: FoldOrder { FoldOrder(statusDate: statusDate, position: position) }
}

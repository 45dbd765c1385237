import Foundation
import GRDB

/// The keys an email names in this ledger. A person is found through the keyed digest of
/// their email and the events their key sealed (indexed, migration 0005): no sealed data is
/// opened to find them, and the lookup costs a few index probes, whatever the ledger's size.
struct PersonKeys {
    /// Keys not erased: what they sealed can still be opened.
    var live: [Int64]
    /// When the last of the erased keys was destroyed, if any was.
    var erasedAt: Timestamp?

    init(email: String, secrets: LedgerSecrets, db: Database) throws {
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, wrapped_key IS NOT NULL, erased_at FROM person_keys WHERE email_digest = ? AND by_email",
            arguments: [secrets.emailDigest(email).bytes])
        live = rows.filter { $0[1] as Bool }.map { $0[0] }
        erasedAt = rows.compactMap { $0[2] as Int64? }.max().map(Timestamp.init(microseconds:))
    }

    /// The live keys, or why there are none: never seen, or erased.
    func required() throws -> [Int64] {
        if !live.isEmpty { return live }
        if let erasedAt { throw LedgerError.personErased(at: erasedAt) }
        throw LedgerError.personUnknown
    }
}

extension LedgerDatabase {
    /// The tickets whose current holder (with `ever`, any holder in their history) is the
    /// person with this email, as `tickets --json` shows them. Throws
    /// ``LedgerError/personUnknown`` or ``LedgerError/personErased(at:)`` rather than
    /// answering "no tickets" for a person the ledger cannot show.
    public func tickets(heldBy email: String, ever: Bool = false) async throws -> [TicketReport] {
        try await read { db in
            let keys = try PersonKeys(email: email, secrets: self.unlockedKeys().secrets, db: db).required()
            let settings = try self.liveSettings(db)
            let held = try Self.positions(sealedBy: keys, column: "holder_key", db: db)
            let store = TicketStateStore(settings: settings)
            let reader = HolderSourceReader(db: db, keys: self.keys)
            var reports: [TicketReport] = []
            for key in Set(held.map(\.ticket)).sorted(by: { ($0.organizer, $0.ticketId) < ($1.organizer, $1.ticketId) }) {
                guard let state = try store.load(key, db: db) else { continue }
                let holding = state.holder.map { current in held.contains { $0.position == current.position } } ?? false
                if ever || holding { reports.append(try TicketReport.make(key, state: state, settings: settings, reader: reader)) }
            }
            return reports
        }
    }

    /// Every observation that names the person, in ledger order: as holder, as the
    /// recipient of a transfer, or as its sender (a transfer of a ticket while they held it).
    public func history(naming email: String) async throws -> [PersonObservation] {
        try await read { db in
            let keys = try PersonKeys(email: email, secrets: self.unlockedKeys().secrets, db: db).required()
            return try Self.observations(naming: keys, db: db, settings: try self.liveSettings(db)).map(\.observation)
        }
    }

    /// The observations naming the person with `keys`, with their roles, in ledger order, each
    /// with the event it was read from (subject access opens its sealed members).
    static func observations(
        naming keys: [Int64], db: Database, settings: ProjectionSettings
    ) throws -> [(observation: PersonObservation, event: EventRecord)] {
        var roles: [Int64: Set<PersonObservation.Role>] = [:]
        let held = try positions(sealedBy: keys, column: "holder_key", db: db)
        for event in held { roles[event.position, default: []].insert(.holder) }
        for event in try positions(sealedBy: keys, column: "recipient_key", db: db) { roles[event.position, default: []].insert(.recipient) }
        // A sender is not named by the event: it is whoever held the ticket when a transfer step came.
        for ticket in Set(held.map(\.ticket)) {
            var holder: Int64?
            let projector = Projector(settings: settings)
            let events = try EventRecord.ofTicket(ticket.ticketId, organizer: ticket.organizer, db: db).events
                .map { (record: $0, folded: $0.folded) }.sorted { $0.folded.order < $1.folded.order }
            for (event, folded) in events {
                let effect = projector.effect(of: folded.facts)
                let transfer = effect.status.flatMap { settings.rules.statuses[$0.status]?.family } == .TRANSFER
                if transfer, let holder, keys.contains(holder) {
                    roles[event.position, default: []].insert(.sender)
                }
                if effect.setsHolder, let key = event.holder?.keyID { holder = key }
            }
        }
        return try roles.keys.sorted().compactMap { position in
            guard let event = try EventRecord.at(position, db: db) else { return nil }
            let item = [event.status, event.legacyStatus, event.action, event.state].compactMap { $0 }.joined(separator: "/")
            let observation = PersonObservation(
                position: position, organizer: event.organizer, ticketId: event.ticketId,
                statusDate: Timestamp(microseconds: event.statusDate), ingestedAt: Timestamp(microseconds: event.ingestedAt),
                item: item, roles: (roles[position] ?? []).sorted(), source: event.source)
            return (observation, event)
        }
    }

    /// The events whose `column` (holder_key or recipient_key) is one of `keys`: one index probe per key.
    static func positions(sealedBy keys: [Int64], column: String, db: Database) throws -> [(position: Int64, ticket: TicketKey)] {
        var statement = try DirectStatement(sql: "SELECT position, organizer, ticket_id FROM events WHERE \(column) = ?", db: db)
        var found: [(position: Int64, ticket: TicketKey)] = []
        for key in keys {
            statement.bind(key)
            try statement.forEachRow { row in
                found.append((row.int64(0) ?? 0, TicketKey(organizer: row.string(1) ?? "", ticketId: row.string(2) ?? "")))
            }
        }
        return found
    }
}

import GRDB

/// Reads and writes ``TicketState`` rows of one projection generation with cached statements.
///
/// Writing is always a merge: the stored state and the incoming partial fold are
/// combined by ``TicketState/merge(_:)``, so inline ingest, replay batches and a
/// replay's catch-up all go through ``merge(_:db:)``.
struct TicketStateStore {
    let settings: ProjectionSettings

    /// The stored state of a ticket in this generation, or nil.
    func load(_ key: TicketKey, db: Database) throws -> TicketState? {
        let statement = try db.cachedStatement(sql: """
            SELECT tixngo_status, deletion_reason, status_date, status_position, holder_date, holder_position,
                   beacon_date, beacon_position, extra_date, extra_position, last_position
            FROM ticket_states WHERE generation = ? AND organizer = ? AND ticket_id = ?
            """)
        guard let row = try Row.fetchOne(statement, arguments: [settings.generation, key.organizer, key.ticketId]) else {
            return nil
        }
        return Self.state(from: row)
    }

    /// Decodes the register columns of a ticket_states row.
    static func state(from row: Row) -> TicketState {
        var state = TicketState()
        if let status = (row["tixngo_status"] as String?).flatMap(TIXnGOStatus.init(rawValue:)) {
            state.status = (
                FoldOrder(statusDate: row["status_date"], position: row["status_position"]),
                StatusValue(status: status, deletionReason: (row["deletion_reason"] as String?).flatMap(DeletionReason.init(rawValue:)))
            )
        }
        state.holder = order(row, "holder_date", "holder_position")
        state.beacon = order(row, "beacon_date", "beacon_position")
        state.extraInfo = order(row, "extra_date", "extra_position")
        state.lastPosition = row["last_position"]
        return state
    }

    private static func order(_ row: Row, _ date: String, _ position: String) -> FoldOrder? {
        guard let statusDate: Int64 = row[date], let position: Int64 = row[position] else { return nil }
        return FoldOrder(statusDate: statusDate, position: position)
    }

    /// Merges partial folds into the stored rows; returns the tickets whose row was created.
    @discardableResult
    func merge(_ states: [TicketKey: TicketState], db: Database) throws -> Int {
        var created = 0
        for (key, partial) in states {
            var state = partial
            if let stored = try load(key, db: db) {
                state.merge(stored)
            } else {
                created += 1
            }
            try write(key, state, db: db)
        }
        return created
    }

    /// Writes one ticket's row with the derived S-360 columns.
    func write(_ key: TicketKey, _ state: TicketState, db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO ticket_states (
                generation, organizer, ticket_id, rule_set_id, tixngo_status, deletion_reason, family, s360_status, anomaly,
                status_date, status_position, holder_date, holder_position, beacon_date, beacon_position,
                extra_date, extra_position, last_position)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let view = S360View(state: state, rules: settings.rules)
        try statement.execute(arguments: [
            settings.generation, key.organizer, key.ticketId, settings.ruleSetID,
            state.status?.value.status.rawValue, state.status?.value.deletionReason?.rawValue,
            view.family?.rawValue, view.s360Status.rawValue, view.anomaly,
            state.status?.order.statusDate, state.status?.order.position,
            state.holder?.statusDate, state.holder?.position, state.beacon?.statusDate, state.beacon?.position,
            state.extraInfo?.statusDate, state.extraInfo?.position, state.lastPosition,
        ])
    }
}

/// What S-360 shows for a ticket state under a rule set.
public struct S360View: Equatable, Sendable {
    public var tixngoStatus: TIXnGOStatus?
    public var family: StatusFamily?
    public var s360Status: S360Status
    public var anomaly: Bool

    public init(state: TicketState, rules: MappingRuleSet) {
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

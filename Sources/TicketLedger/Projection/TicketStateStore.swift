import GRDB

/// Reads and writes ``TicketState`` rows of one projection generation with cached statements.
///
/// Writing is always a merge, done by SQLite in one upsert per ticket: each register of
/// the incoming partial fold replaces the stored one only when its (status_date, position)
/// is greater, and the S-360 columns derived from the status go with the status register.
/// So inline ingest, replay chunks and a replay's catch-up all go through ``merge(_:db:)``,
/// and no row is read back first.
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

    /// Merges partial folds of disjoint observations into the stored rows (creating missing ones).
    func merge(_ states: some Sequence<(key: TicketKey, value: TicketState)>, db: Database) throws {
        var upsert = try DirectStatement(sql: Self.upsert, db: db)
        for (key, state) in states { try merge(key, state, with: &upsert) }
    }

    /// Merges one ticket's partial fold into its stored row (creating it when missing).
    private func merge(_ key: TicketKey, _ state: TicketState, with upsert: inout DirectStatement) throws {
        let view = S360View(state: state, rules: settings.rules)
        upsert.bind(settings.generation)
        upsert.bind(key.organizer)
        upsert.bind(key.ticketId)
        upsert.bind(settings.ruleSetID)
        upsert.bind(state.status?.value.status.rawValue)
        upsert.bind(state.status?.value.deletionReason?.rawValue)
        upsert.bind(view.family?.rawValue)
        upsert.bind(view.s360Status.rawValue)
        upsert.bind(view.anomaly)
        for order in [state.status?.order, state.holder, state.beacon, state.extraInfo] {
            upsert.bind(order?.statusDate)
            upsert.bind(order?.position)
        }
        upsert.bind(state.lastPosition)
        try upsert.execute()
    }

    /// The registers: the columns each one sets, and the (date, position) that orders it.
    private static let registers: [(columns: [String], date: String, position: String)] = [
        (["tixngo_status", "deletion_reason", "family", "s360_status", "anomaly"], "status_date", "status_position"),
        ([], "holder_date", "holder_position"),
        ([], "beacon_date", "beacon_position"),
        ([], "extra_date", "extra_position"),
    ]

    /// The one statement that writes a row: insert, or keep the greater of each register
    /// (SQLite evaluates every SET expression against the row as it was).
    private static let upsert: String = {
        let assignments = registers.flatMap { register in
            let later = """
                excluded.\(register.date) IS NOT NULL AND (\(register.date) IS NULL
                    OR (excluded.\(register.date), excluded.\(register.position)) > (\(register.date), \(register.position)))
                """
            return (register.columns + [register.date, register.position]).map { column in
                "\(column) = CASE WHEN \(later) THEN excluded.\(column) ELSE \(column) END"
            }
        }
        return """
            INSERT INTO ticket_states (
                generation, organizer, ticket_id, rule_set_id, tixngo_status, deletion_reason, family, s360_status, anomaly,
                status_date, status_position, holder_date, holder_position, beacon_date, beacon_position,
                extra_date, extra_position, last_position)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (generation, organizer, ticket_id) DO UPDATE SET
                \(assignments.joined(separator: ",\n    ")),
                last_position = max(last_position, excluded.last_position)
            """
    }()
}

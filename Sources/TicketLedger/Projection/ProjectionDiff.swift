import GRDB

/// Compares two projection generations ticket by ticket: S-360 status and mapped holder.
enum ProjectionDiff {
    static let exampleCount = 5

    static func compare(old: ProjectionSettings, new: ProjectionSettings, db: Database) throws -> ReplayReport {
        let sameHolderRules = old.rules.holderFields == new.rules.holderFields && old.rules.ticketFields == new.rules.ticketFields
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT n.organizer, n.ticket_id, n.s360_status AS new_status, o.s360_status AS old_status,
                       n.holder_position IS o.holder_position AND n.beacon_position IS o.beacon_position
                           AND n.extra_position IS o.extra_position AS same_registers,
                       n.holder_position AS n_holder, n.holder_date AS n_holder_date, n.beacon_position AS n_beacon,
                       n.beacon_date AS n_beacon_date, n.extra_position AS n_extra, n.extra_date AS n_extra_date,
                       o.holder_position AS o_holder, o.holder_date AS o_holder_date, o.beacon_position AS o_beacon,
                       o.beacon_date AS o_beacon_date, o.extra_position AS o_extra, o.extra_date AS o_extra_date
                FROM ticket_states n
                LEFT JOIN ticket_states o ON o.generation = ? AND o.organizer = n.organizer AND o.ticket_id = n.ticket_id
                WHERE n.generation = ?
                ORDER BY n.organizer, n.ticket_id
                """,
            arguments: [old.generation, new.generation])
        var report = ReplayReport(
            events: 0, tickets: 0, changedStatus: 0, changedHolder: 0, transitions: [], examples: [],
            mappingVersion: new.rules.version, mode: new.mode, dryRun: false)
        var transitions: [Pair: Int] = [:]
        let reader = HolderSourceReader(db: db)
        while let row = try rows.next() {
            report.tickets += 1
            let newStatus = S360Status(rawValue: row["new_status"]) ?? .NOT_PRINTED
            let oldStatus = (row["old_status"] as String?).flatMap(S360Status.init(rawValue:)) ?? .NOT_PRINTED
            var changed = false
            if newStatus != oldStatus {
                report.changedStatus += 1
                transitions[Pair(from: oldStatus, to: newStatus), default: 0] += 1
                changed = true
            }
            let sameRegisters: Bool = row["same_registers"]
            if !(sameRegisters && sameHolderRules) {
                let oldSources = try reader.sources(of: registers(row, "o"), for: [old.rules, new.rules])
                let newSources = sameRegisters ? oldSources : try reader.sources(of: registers(row, "n"), for: [new.rules])
                let before = old.rules.holder(from: oldSources)
                let after = new.rules.holder(from: newSources)
                if before != after {
                    report.changedHolder += 1
                    changed = true
                }
            }
            if changed, report.examples.count < exampleCount { report.examples.append(row["ticket_id"]) }
        }
        report.transitions = transitions
            .map { ReplayReport.Transition(from: $0.key.from, to: $0.key.to, count: $0.value) }
            .sorted { ($1.count, $0.from.rawValue, $0.to.rawValue) < ($0.count, $1.from.rawValue, $1.to.rawValue) }
        return report
    }

    private struct Pair: Hashable {
        var from: S360Status
        var to: S360Status
    }

    /// The holder registers of one side of the joined row (prefix "o" or "n").
    private static func registers(_ row: Row, _ side: String) -> TicketState {
        func order(_ name: String) -> FoldOrder? {
            guard let position: Int64 = row["\(side)_\(name)"], let date: Int64 = row["\(side)_\(name)_date"] else { return nil }
            return FoldOrder(statusDate: date, position: position)
        }
        var state = TicketState()
        state.holder = order("holder")
        state.beacon = order("beacon")
        state.extraInfo = order("extra")
        return state
    }
}

import GRDB

/// Counts over the ledger and its live projection: the document of `summary --json` (docs/cli.md).
public struct LedgerSummary: Sendable, Equatable {
    /// Events in the ledger (the organizer's, when one was asked for).
    public var events: Int
    /// Tickets in the live projection (the organizer's, when one was asked for).
    public var tickets: Int
    /// Tickets per S-360 status, in ``S360Status`` order; a status no ticket has is left out.
    public var s360Status: [(status: S360Status, count: Int)]
    /// Tickets per status family, in ``StatusFamily`` order; a family no ticket has is left out, and a ticket with no status is not counted.
    public var family: [(family: StatusFamily, count: Int)]
    /// Tickets whose current status the rule set flags as an anomaly (`DEFAULT` and `INVALID` in the bundled sets).
    public var anomalies: Int
    /// Items refused at ingest (kept in `rejected_items` with their reason).
    public var rejected: Int
    /// Tickets per injecting organization, when asked for (``LedgerDatabase/summary(organizer:byOrganization:)``).
    public var organizations: [(organization: String?, tickets: Int)]?
    /// Each organizer's newest ingest run (the asked organizer's only), from the run journal.
    public var lastRuns: [RunRecord] = []

    public static func == (lhs: LedgerSummary, rhs: LedgerSummary) -> Bool { lhs.json == rhs.json }

    /// Exactly the fields of `summary --json` (docs/cli.md); `organizations` only when counted.
    public var json: JSONValue {
        .object([
            ("events", .integer(Int64(events))),
            ("tickets", .integer(Int64(tickets))),
            ("s360Status", .object(s360Status.map { ($0.status.rawValue, .integer(Int64($0.count))) })),
            ("family", .object(family.map { ($0.family.rawValue, .integer(Int64($0.count))) })),
            ("anomalies", .integer(Int64(anomalies))),
            ("rejected", .integer(Int64(rejected))),
            ("lastRuns", .array(lastRuns.map(\.json))),
        ] + (organizations.map { [("organizations", .object($0.map { (Self.name($0.organization), .integer(Int64($0.tickets))) }))] } ?? []))
    }

    /// How a ticket whose observations name no organization is counted.
    public static func name(_ organization: String?) -> String { organization ?? "(none)"
    }
}

extension LedgerDatabase {
    /// Counts of events, tickets, S-360 statuses and families, for one organizer or all; with
    /// `byOrganization`, tickets per injecting organization too (it reads every event's body).
    public func summary(organizer: String? = nil, byOrganization: Bool = false) async throws -> LedgerSummary {
        var summary = try await read { db in
            let organizerCondition = organizer == nil ? "" : " AND organizer = ?"
            let organizerArgument: StatementArguments = organizer.map { [$0] } ?? []
            let events = try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE 1" + organizerCondition, arguments: organizerArgument) ?? 0
            let rejected = try Int.fetchOne(db, sql: "SELECT count(*) FROM rejected_items WHERE 1" + organizerCondition, arguments: organizerArgument) ?? 0
            let settings = try self.liveSettings(db)
            let scope = "FROM ticket_states WHERE generation = ?" + organizerCondition
            let arguments: StatementArguments = [settings.generation] + organizerArgument
            func counts(_ column: String) throws -> [String: Int] {
                let rows = try Row.fetchAll(db, sql: "SELECT \(column), count(*) \(scope) GROUP BY \(column)", arguments: arguments)
                return Dictionary(uniqueKeysWithValues: rows.compactMap { row in (row[0] as String?).map { ($0, row[1] as Int) } })
            }
            let byStatus = try counts("s360_status")
            let byFamily = try counts("family")
            return LedgerSummary(
                events: events,
                tickets: try Int.fetchOne(db, sql: "SELECT count(*) \(scope)", arguments: arguments) ?? 0,
                s360Status: S360Status.allCases.compactMap { status in byStatus[status.rawValue].map { (status, $0) } },
                family: StatusFamily.allCases.compactMap { family in byFamily[family.rawValue].map { (family, $0) } },
                anomalies: try Int.fetchOne(db, sql: "SELECT count(*) \(scope) AND anomaly", arguments: arguments) ?? 0,
                rejected: rejected,
                organizations: byOrganization ? try Self.ticketsByOrganization(organizer: organizer, db: db) : nil)
        }
        summary.lastRuns = try await lastRuns().filter { organizer == nil || $0.organizer == organizer }
        return summary
    }
}

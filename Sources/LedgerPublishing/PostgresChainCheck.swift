import Foundation
public import Logging
import PostgresNIO
public import TicketLedger

/// What `verify --postgres URL --ledger ID` found: the copy's hash chain recomputed from its rows alone.
public struct CopyVerification: Sendable, Equatable {
    public var ledgerID: String
    /// Events read, up to the first that does not match.
    public var events: Int64
    /// The position the copy's cursor says it holds through.
    public var eventsThrough: Int64
    public var firstBadPosition: Int64?
    public var problem: String?

    public var intact: Bool { problem == nil }

    /// `verify --postgres --json`.
    public var json: JSONValue {
        .object([
            ("ledgerId", .string(ledgerID)), ("intact", .bool(intact)), ("events", .integer(events)),
            ("eventsThrough", .integer(eventsThrough)), ("firstBadPosition", firstBadPosition.map { .integer($0) } ?? .null),
            ("problem", problem.map { .string($0) } ?? .null),
        ])
    }
}

/// Recomputes a ledger's hash chain from its rows in PostgreSQL: no ledger file, no key.
public enum PostgresChainCheck {
    /// Rows read per query.
    static let pageSize: Int64 = 10_000

    public static func verify(
        ledgerID: String, at address: PostgresAddress, logger: Logger, progress: @Sendable (Int64, Int64) -> Void = { _, _ in }
    ) async throws -> CopyVerification {
        let connection = try await address.connect(logger: logger)
        do {
            let result = try await verify(ledgerID: ledgerID, on: connection, logger: logger, progress: progress)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw PublishError.wrapping(error, at: address)
        }
    }

    private static func verify(
        ledgerID: String, on connection: PostgresConnection, logger: Logger, progress: @Sendable (Int64, Int64) -> Void
    ) async throws -> CopyVerification {
        var through: Int64?
        for try await value in try await connection.query(
            "SELECT events_through FROM ledgers WHERE ledger_id = \(ledgerID)", logger: logger
        ).decode(Int64.self) {
            through = value
        }
        guard let through else { throw PublishError.inconsistent("the copy holds no ledger \(ledgerID) (its ledgers table has no row for it)") }
        var result = CopyVerification(ledgerID: ledgerID, events: 0, eventsThrough: through)
        var previous = StoredEvent.genesis
        var expected: Int64 = 1
        let columns = StoredEvent.columnNames.joined(separator: ", ")
        while result.problem == nil {
            var read = 0
            let rows = try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT \(columns) FROM events WHERE ledger_id = $1 AND position >= $2 ORDER BY position LIMIT $3",
                              binds: try bindings(ledgerID, expected, pageSize)),
                logger: logger)
            for try await row in rows {
                read += 1
                guard result.problem == nil else { continue }
                let event = try Self.event(row.makeRandomAccess())
                if event.position != expected {
                    (result.firstBadPosition, result.problem) = (expected, "position \(expected) is missing from the copy (the next is \(event.position))")
                } else if event.expectedChainHash(after: previous) != event.chainHash {
                    (result.firstBadPosition, result.problem) = (event.position, "the event at position \(event.position) does not match its chain hash")
                } else {
                    previous = event.chainHash
                    result.events = event.position
                    expected += 1
                }
            }
            progress(result.events, through)
            if read < Int(pageSize) { break }
        }
        if result.problem == nil, result.events < through {
            (result.firstBadPosition, result.problem) = (result.events + 1, "position \(result.events + 1) is missing from the copy, which says it holds \(through)")
        }
        return result
    }

    private static func bindings(_ ledgerID: String, _ position: Int64, _ limit: Int64) throws -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(ledgerID)
        binds.append(position)
        binds.append(limit)
        return binds
    }

    private static func event(_ row: PostgresRandomAccessRow) throws -> StoredEvent {
        func text(_ index: Int) throws -> String? { try row[index].decode(String?.self) }
        func integer(_ index: Int) throws -> Int64? { try row[index].decode(Int64?.self) }
        func bytes(_ index: Int) throws -> Data? { try row[index].decode(Data?.self) }
        return StoredEvent(
            position: try integer(0) ?? 0, organizer: try text(1) ?? "", ticketId: try text(2) ?? "", statusDate: try integer(3) ?? 0,
            ingestedAt: try integer(4) ?? 0, sourceKind: try text(5) ?? "", sourceRef: try text(6) ?? "", sourceItem: try integer(7) ?? 0,
            status: try text(8), legacyStatus: try text(9), action: try text(10), state: try text(11), deletionReason: try text(12),
            hasBeacon: try integer(13) ?? 0, hasExtraInfo: try integer(14) ?? 0, body: try text(15) ?? "", holderKey: try integer(16),
            holderData: try bytes(17), recipientKey: try integer(18), recipientData: try bytes(19), contentKey: try bytes(20) ?? Data(),
            chainHash: try bytes(21) ?? Data())
    }
}

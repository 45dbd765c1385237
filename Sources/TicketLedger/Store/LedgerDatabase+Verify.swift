import Foundation
import GRDB

/// The outcome of `verify`.
public struct VerifyReport: Sendable, Equatable {
    /// Events checked.
    public var events: Int
    /// SQLite's integrity check said "ok".
    public var integrityOK: Bool
    /// The first position whose row does not match the chain (or breaks the sequence), if any.
    public var firstBadPosition: Int64?
    /// Why that position does not match.
    public var problem: String?

    public var intact: Bool { integrityOK && firstBadPosition == nil }

    public var json: JSONValue {
        .object([
            ("intact", .bool(intact)), ("events", .integer(Int64(events))), ("integrityCheck", .bool(integrityOK)),
            ("firstBadPosition", .integer(firstBadPosition)), ("problem", .string(problem)),
        ])
    }
}

extension LedgerDatabase {
    /// Runs SQLite's integrity check, then recomputes the hash chain from the first event.
    public func verify(progress: ProgressReporter? = nil) async throws -> VerifyReport {
        try await read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
            var report = VerifyReport(events: 0, integrityOK: integrity == ["ok"], firstBadPosition: nil, problem: nil)
            if !report.integrityOK { report.problem = "SQLite integrity check: \(integrity.prefix(3).joined(separator: "; "))" }
            let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.chainColumns) FROM events ORDER BY position")
            var previous = ChainHasher.genesis
            var expectedPosition: Int64 = 1
            while let row = try rows.next() {
                let (record, stored) = Self.chainRecord(row)
                report.events += 1
                if record.position != expectedPosition {
                    report.firstBadPosition = expectedPosition
                    report.problem = "position \(expectedPosition) is missing (the next event is \(record.position))"
                    break
                }
                if record.chainHash(after: previous) != stored {
                    report.firstBadPosition = record.position
                    report.problem = "the event at position \(record.position) does not match its chain hash"
                    break
                }
                previous = stored
                expectedPosition += 1
                if report.events % 100_000 == 0 { progress?(report.events, total) }
            }
            return report
        }
    }

    static let chainColumns = """
        position, organizer, ticket_id, status_date, ingested_at, source_kind, source_ref, source_item,
        status, legacy_status, action, state, deletion_reason, has_beacon, has_extra_info, body,
        holder_key, holder_data, recipient_key, recipient_data, content_key, chain_hash
        """

    static func chainRecord(_ row: Row) -> (EventRecord, Data) {
        func sealed(_ key: Int, _ data: Int) -> PersonalDataVault.Sealed? {
            guard let keyID: Int64 = row[key], let bytes: Data = row[data] else { return nil }
            return PersonalDataVault.Sealed(keyID: keyID, data: bytes)
        }
        let record = EventRecord(
            position: row[0], organizer: row[1], ticketId: row[2], statusDate: row[3], ingestedAt: row[4],
            source: ItemSource(kind: ItemSource.Kind(rawValue: row[5]) ?? .file, reference: row[6], item: row[7]),
            status: row[8], legacyStatus: row[9], action: row[10], state: row[11], deletionReason: row[12],
            hasBeacon: row[13], hasExtraInfo: row[14], body: row[15], holder: sealed(16, 17), recipient: sealed(18, 19),
            contentKey: row[20])
        return (record, row[21])
    }
}

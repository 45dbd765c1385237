import Foundation
import GRDB

/// One cultural contact as `contacts` shows it (docs/cli.md).
public struct ContactReport: Sendable, Equatable {
    /// A real cultural contact, or a temporary one created on a pending transfer.
    public enum Kind: String, Sendable { case cultural = "CULTURAL", pendingCreation = "PENDING_CREATION" }

    /// One line of the distribution history.
    public struct DistributionLine: Sendable, Equatable {
        /// The TIXnGO organizer of the ticket transferred.
        public var organizer: String
        /// The ticket transferred to this person.
        public var ticketId: String
        /// `PENDING`, `CANCELLED` or `CONFIRMED` (docs/domain.md §7).
        public var status: String
        /// The statusDate of the observation that gave the distribution this status.
        public var at: Timestamp
    }

    /// A real cultural contact, or a temporary "Pending CREATION" one.
    public var kind: Kind
    /// S-360 fields: the owner's mapped holder for a cultural contact; email and "Pending CREATION" for a temporary one.
    public var fields: MappedHolder
    /// Every transfer of a ticket to this person, in statusDate order.
    public var distributions: [DistributionLine]

    /// The last name S-360 gives a temporary contact.
    public static let pendingCreationName = "Pending CREATION"

    /// One element of the `contacts --json` array (docs/cli.md): `{"kind","fields","distributions":[{"organizer","ticketId","status","at"}]}`.
    public var json: JSONValue {
        .object([
            ("kind", .string(kind.rawValue)),
            ("fields", fields.json),
            ("distributions", .array(distributions.map { line in
                .object([
                    ("organizer", .string(line.organizer)), ("ticketId", .string(line.ticketId)),
                    ("status", .string(line.status)), ("at", .string(line.at.description)),
                ])
            })),
        ])
    }
}

extension LedgerDatabase {
    /// The live projection's cultural contacts, or the one of `email`.
    public func contacts(email: String? = nil) async throws -> [ContactReport] {
        let digest = try email.map { try unlockedKeys().secrets.emailDigest($0).bytes }
        return try await read { db in
            let settings = try self.liveSettings(db)
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT email_digest, cultural_position, pending_position FROM contacts
                    WHERE generation = ? AND (? IS NULL OR email_digest = ?) ORDER BY cultural_position IS NULL, coalesce(cultural_position, pending_position)
                    """,
                arguments: [settings.generation, digest, digest])
            let reader = HolderSourceReader(db: db, keys: self.keys)
            return try rows.map { row in
                try Self.contactReport(row, settings: settings, reader: reader, db: db)
            }
        }
    }

    private static func contactReport(_ row: Row, settings: ProjectionSettings, reader: HolderSourceReader, db: Database) throws -> ContactReport {
        let person: Data = row[0]
        let kind: ContactReport.Kind
        let fields: MappedHolder
        if let position: Int64 = row[1] {
            kind = .cultural
            let event = try EventRecord.at(position, db: db)
            fields = settings.rules.holder(from: HolderSources(
                spectatorDetails: try reader.open(event?.holder), beaconObservation: nil, extraInfoObservation: nil))
        } else {
            kind = .pendingCreation
            let event = try (row[2] as Int64?).flatMap { try EventRecord.at($0, db: db) }
            switch try reader.open(event?.recipient) {
            case .present(let transfer):
                fields = .fields([
                    ("individualLastname", .string(ContactReport.pendingCreationName)),
                    ("email", transfer["recipientEmail"] ?? .null),
                ])
            case .erased, .absent:
                fields = .erased(ticketFields: [])
            case .sealed:
                fields = .sealed(ticketFields: [])
            }
        }
        let lines = try Row.fetchAll(
            db,
            sql: """
                SELECT organizer, ticket_id, status, status_date FROM distributions
                WHERE generation = ? AND email_digest = ? ORDER BY status_date, opened_position
                """,
            arguments: [settings.generation, person]
        ).map { ContactReport.DistributionLine(organizer: $0[0], ticketId: $0[1], status: $0[2], at: Timestamp(microseconds: $0[3])) }
        return ContactReport(kind: kind, fields: fields, distributions: lines)
    }
}

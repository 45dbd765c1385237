import Foundation
import GRDB

extension LedgerDatabase {
    /// Everything this ledger holds about the person with this email (GDPR Article 15), as
    /// one JSON document: each observation naming them with their personal data opened and
    /// where and when it was collected, the tickets they hold and held, their cultural
    /// contact and distributions, and the rejected items sealed under their key. Another
    /// person appears only as "another person". After `forget`, the document says the data
    /// was erased and when, and holds none of it. Throws ``LedgerError/personUnknown`` for
    /// an email no observation names.
    public func subjectAccess(email: String) async throws -> JSONValue {
        let subject = LedgerSecrets.normalized(email: email)
        let generated = now()
        var document: [(key: String, value: JSONValue)] = [("email", .string(subject)), ("generatedAt", .string(generated.description))]
        let found = try await read { db -> (erasedAt: Timestamp?, body: [(key: String, value: JSONValue)])? in
            let keys = try PersonKeys(email: email, secrets: self.unlockedKeys().secrets, db: db)
            if keys.live.isEmpty {
                guard let erasedAt = keys.erasedAt else { throw LedgerError.personUnknown }
                return (erasedAt, [])
            }
            let settings = try self.liveSettings(db)
            let reader = HolderSourceReader(db: db, keys: self.keys)
            let named = try Self.observations(naming: keys.live, db: db, settings: settings)
            let held = Set(named.filter { $0.observation.roles.contains(.holder) }.map { TicketKey(organizer: $0.event.organizer, ticketId: $0.event.ticketId) })
            let rejected = try Self.rejectedItems(sealedBy: keys.live, subject: subject, reader: reader, db: db)
            return (keys.erasedAt, [
                ("ticketsEverHeld", .array(held.sorted { ($0.organizer, $0.ticketId) < ($1.organizer, $1.ticketId) }
                    .map { .object([("organizer", .string($0.organizer)), ("ticketId", .string($0.ticketId))]) })),
                ("observations", .array(try named.map { try Self.disclosed($0.observation, from: $0.event, subject: subject, reader: reader) })),
                ("rejectedItems", .array(rejected)),
            ])
        }
        guard let found else { throw LedgerError.personUnknown }
        if found.body.isEmpty, let erasedAt = found.erasedAt {
            document += [
                ("erased", .bool(true)), ("erasedAt", .string(erasedAt.description)),
                ("note", .string("this person's data was erased by forget on \(erasedAt); the ledger can no longer open any of it")),
            ]
            return .object(document)
        }
        let contacts = try await self.contacts(email: email)
        document += [("erased", .bool(false))] + found.body + [("contacts", .array(contacts.map(\.json)))]
        if let erasedAt = found.erasedAt {
            document.append(("earlierDataErasedAt", .string(erasedAt.description)))
        }
        return .object(document)
    }

    /// One observation for the subject: their own personal data opened, another person's withheld.
    private static func disclosed(
        _ observation: PersonObservation, from event: EventRecord, subject: String, reader: HolderSourceReader
    ) throws -> JSONValue {
        var members = Array(observation.json.members.filter { $0.key != "ingestedAt" })
        members.insert(("collectedAt", .string(observation.ingestedAt.description)), at: 4)
        if observation.roles.contains(.holder), let details = try reader.open(event.holder).outputValue {
            members.append((PersonalMembers.spectatorDetails, details))
        }
        if observation.roles.contains(.recipient), let transfer = try reader.open(event.recipient).outputValue {
            members.append((PersonalMembers.pendingTransfer, withoutOthers(transfer, subject: subject)))
        }
        if observation.roles == [.sender] { members.append(("transferredTo", .string(anotherPerson))) }
        return .object(members)
    }

    /// The rejected items sealed under the subject's keys, opened, another person's data withheld.
    private static func rejectedItems(sealedBy keys: [Int64], subject: String, reader: HolderSourceReader, db: Database) throws -> [JSONValue] {
        var items: [JSONValue] = []
        for key in keys {
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT organizer, reason, rejected_at, source_kind, source_ref, source_item, personal_data
                    FROM rejected_items WHERE personal_key = ? ORDER BY id
                    """,
                arguments: [key])
            for row in rows {
                let sealed = (row[6] as Data?).map { PersonalDataVault.Sealed(keyID: key, data: $0) }
                let source = ItemSource(kind: ItemSource.Kind(rawValue: row[3]) ?? .file, reference: row[4], item: row[5])
                items.append(.object([
                    ("organizer", .string(row[0])), ("reason", .string(row[1])),
                    ("collectedAt", .string(Timestamp(microseconds: row[2]).description)), ("source", source.json),
                    ("item", try reader.open(sealed).outputValue.map { withoutOthers($0, subject: subject) } ?? .null),
                ]))
            }
        }
        return items
    }

    static let anotherPerson = "another person"

    /// `value` with every person other than the subject replaced by "another person": spectator
    /// details or a transfer naming another email, and a transfer's sender wallet.
    static func withoutOthers(_ value: JSONValue, subject: String) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(members.map { member in
                let email = (member.value["email"] ?? member.value["recipientEmail"])?.stringValue.map(LedgerSecrets.normalized(email:))
                if PersonalMembers.all.contains(member.key), let email, email != subject {
                    return (member.key, .string(anotherPerson))
                }
                if member.key == "senderOwnerId" { return (member.key, .string(anotherPerson)) }
                return (member.key, withoutOthers(member.value, subject: subject))
            })
        case .array(let elements):
            return .array(elements.map { withoutOthers($0, subject: subject) })
        default:
            return value
        }
    }
}

import Crypto
import Foundation
import GRDB

/// Reads what a ticket's holder registers point at — and only what the rule sets in
/// use map — with cached statements and the person keys it has read lately.
final class HolderSourceReader {
    /// Person keys (and opened data) kept at most: a replay's diff reads every holder of the
    /// ledger, and memory must not grow with the number of people.
    static let keysKept = 4_096

    private let db: Database
    private var keys: [Int64: SymmetricKey?] = [:]
    /// Data opened lately, by its sealed bytes: sealing is deterministic, so a holder repeated
    /// along a ticket's events is the same bytes, opened once (at most ``keysKept`` kept).
    private var opened: [Data: JSONValue] = [:]

    init(db: Database) { self.db = db }

    /// The sources of a state's holder, for mapping by any of `rules`; without `spectator`
    /// or `ticket`, that part is left out (a caller comparing mappings that agree on it).
    func sources(of state: TicketState, for rules: [MappingRuleSet], spectator: Bool = true, ticket: Bool = true) throws -> HolderSources {
        let beacon = ticket && rules.contains { $0.ticketFields.beaconName }
        let extra = ticket && rules.contains { $0.ticketFields.extraInfo }
        return HolderSources(
            spectatorDetails: spectator ? try state.holder.map { try spectatorDetails(at: $0.position) } ?? .absent : .absent,
            beaconObservation: beacon ? try state.beacon.flatMap { try publicPart(at: $0.position) } : nil,
            extraInfoObservation: extra ? try state.extraInfo.flatMap { try publicPart(at: $0.position) } : nil)
    }

    private func spectatorDetails(at position: Int64) throws -> PersonalData {
        try open(EventRecord.sealedHolder(at: position, db: db))
    }

    private func publicPart(at position: Int64) throws -> JSONValue? {
        try EventRecord.body(at: position, db: db).map(JSONParser.parse)
    }

    /// Opens sealed personal data: `.erased` when its key was forgotten.
    func open(_ sealed: PersonalDataVault.Sealed?) throws -> PersonalData {
        guard let sealed else { return .absent }
        let key: SymmetricKey?
        if let known = keys[sealed.keyID] {
            key = known
        } else {
            var statement = try DirectStatement(sql: "SELECT key FROM person_keys WHERE id = ?", db: db)
            statement.bind(sealed.keyID)
            key = try statement.fetchOne { $0.data(0) }.map { SymmetricKey(data: $0) }
            if keys.count >= Self.keysKept { keys.removeAll(keepingCapacity: true) }
            keys[sealed.keyID] = key
        }
        guard let key else { return .erased }
        if let value = opened[sealed.data] { return .present(value) }
        let value = try PersonalDataVault.open(sealed.data, with: key)
        if opened.count >= Self.keysKept { opened.removeAll(keepingCapacity: true) }
        opened[sealed.data] = value
        return .present(value)
    }
}

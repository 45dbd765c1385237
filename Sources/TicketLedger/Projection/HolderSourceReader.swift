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
    /// Unwraps person keys; nil for a ledger read without its key file, whose personal data stays sealed.
    private let personKeys: PersonKeyCache?
    private var keys: [Int64: PersonKey] = [:]

    /// A person key as this reader can use it.
    private enum PersonKey {
        case open(SymmetricKey)
        /// Erased by `forget`.
        case erased
        /// Wrapped, and no key file to unwrap it.
        case sealed
    }
    /// Data opened lately, by its sealed bytes: sealing is deterministic, so a holder repeated
    /// along a ticket's events is the same bytes, opened once (at most ``keysKept`` kept).
    private var opened: [Data: JSONValue] = [:]

    init(db: Database, keys: LedgerKeys?) {
        self.db = db
        personKeys = keys?.personKeys
    }

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

    /// Opens sealed personal data: `.erased` when its key was forgotten, `.sealed` without the key file.
    func open(_ sealed: PersonalDataVault.Sealed?) throws -> PersonalData {
        guard let sealed else { return .absent }
        let key: SymmetricKey
        switch try personKey(sealed.keyID) {
        case .open(let known): key = known
        case .erased: return .erased
        case .sealed: return .sealed
        }
        if let value = opened[sealed.data] { return .present(value) }
        let value = try PersonalDataVault.open(sealed.data, with: key)
        if opened.count >= Self.keysKept { opened.removeAll(keepingCapacity: true) }
        opened[sealed.data] = value
        return .present(value)
    }

    private func personKey(_ id: Int64) throws -> PersonKey {
        if let known = keys[id] { return known }
        var statement = try DirectStatement(sql: "SELECT wrapped_key, email_digest FROM person_keys WHERE id = ?", db: db)
        statement.bind(id)
        let stored = try statement.fetchOne { row in row.data(0).map { (wrapped: $0, digest: row.data(1) ?? Data()) } }
        let key: PersonKey
        if let stored, let personKeys {
            key = .open(try personKeys.key(id: id, wrapped: stored.wrapped, digest: stored.digest))
        } else if stored == nil {
            personKeys?.evict(id)
            key = .erased
        } else {
            key = .sealed
        }
        if keys.count >= Self.keysKept { keys.removeAll(keepingCapacity: true) }
        keys[id] = key
        return key
    }
}

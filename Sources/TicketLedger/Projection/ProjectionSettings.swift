import Foundation
import GRDB

/// The rules a projection generation is built with: a rule set (kept whole in the
/// ledger) and a mode.
public struct ProjectionSettings: Sendable {
    /// The generation these settings belong to.
    public var generation: Int64
    /// The stored rule set's row.
    public var ruleSetID: Int64
    public var rules: MappingRuleSet
    public var mode: ProjectionMode
    /// The bundled version name or file path the rule set was loaded from.
    public var ruleSource: String

    /// Whether the contacts projection runs under these settings (DOMAIN.md §7).
    public var buildsContacts: Bool { rules.culturalContacts && mode == .lifecycle }
}

extension LedgerDatabase {
    /// The live projection's settings, or nil for a ledger that has never been projected.
    func liveSettings(_ db: Database) throws -> ProjectionSettings? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT p.generation, p.rule_set_id, p.mode, r.source, r.body
            FROM projections p JOIN rule_sets r ON r.id = p.rule_set_id
            WHERE p.state = 'live'
            """)
        else { return nil }
        let source: String = row["source"]
        return ProjectionSettings(
            generation: row["generation"], ruleSetID: row["rule_set_id"],
            rules: try MappingRuleSet.parse(row["body"], file: source),
            mode: ProjectionMode(rawValue: row["mode"]) ?? .history, ruleSource: source)
    }

    /// Stores a rule set (once per content hash) and returns its row id.
    static func storeRuleSet(_ rules: MappingRuleSet, body: String, source: String, db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM rule_sets WHERE content_hash = ?", arguments: [rules.contentHash]) {
            return id
        }
        try db.execute(
            sql: "INSERT INTO rule_sets (version, content_hash, source, body, loaded_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [rules.version, rules.contentHash, source, body, WallClock.nowMicroseconds()])
        return db.lastInsertedRowID
    }

    /// Adds a projection generation in the given state.
    static func createGeneration(ruleSetID: Int64, mode: ProjectionMode, state: String, db: Database) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO projections (rule_set_id, mode, state, created_at) VALUES (?, ?, ?, ?)",
            arguments: [ruleSetID, mode.rawValue, state, WallClock.nowMicroseconds()])
        return db.lastInsertedRowID
    }

    /// The live settings, creating the first projection from `requested` when the ledger has none;
    /// refuses a request that differs from what the ledger already uses (that is `replay`'s job).
    public func projectionSettings(requested: RuleChoice) async throws -> ProjectionSettings {
        let choice = try requested.resolved()
        return try await write { db in
            if let live = try self.liveSettings(db) {
                if let rules = choice.rules, rules.contentHash != live.rules.contentHash {
                    throw LedgerError.settingsConflict(
                        "this ledger is projected with mapping \(live.rules.version) (\(live.ruleSource)), not \(rules.version) (\(choice.source ?? "")): run `ticket-ledger replay --mapping \(choice.source ?? rules.version)` to change it")
                }
                if let mode = choice.mode, mode != live.mode {
                    throw LedgerError.settingsConflict(
                        "this ledger is projected in \(live.mode.rawValue) mode, not \(mode.rawValue): run `ticket-ledger replay --mode \(mode.rawValue)` to change it")
                }
                return live
            }
            let rules = try choice.rules ?? MappingRuleSet.bundled(MappingRuleSet.newestBundledVersion)
            let source = choice.source ?? rules.version
            let ruleSetID = try Self.storeRuleSet(rules, body: try choice.body ?? MappingRuleSet.bundledText(rules.version), source: source, db: db)
            let mode = choice.mode ?? requested.environmentMode
            let generation = try Self.createGeneration(ruleSetID: ruleSetID, mode: mode, state: "live", db: db)
            return ProjectionSettings(generation: generation, ruleSetID: ruleSetID, rules: rules, mode: mode, ruleSource: source)
        }
    }
}

/// The mapping and mode an operator asked for; nil parts mean "the ledger's own" (or the defaults for a new ledger).
public struct RuleChoice: Sendable {
    /// A bundled version name or a file path.
    public var mapping: String?
    public var mode: ProjectionMode?
    /// The mode a new ledger takes when none is asked for (`TIXNGO_LIFECYCLE_MODE`).
    public var environmentMode: ProjectionMode

    /// `environment` defaults to the process's.
    public init(mapping: String? = nil, mode: ProjectionMode? = nil, environment: [String: String]? = nil) {
        self.mapping = mapping
        self.mode = mode
        self.environmentMode = ProjectionMode.fromEnvironment(environment ?? ProcessInfo.processInfo.environment)
    }

    struct Resolved: Sendable {
        var rules: MappingRuleSet?
        var body: String?
        var source: String?
        var mode: ProjectionMode?
    }

    func resolved() throws -> Resolved {
        guard let mapping else { return Resolved(mode: mode) }
        let rules = try MappingRuleSet.resolve(mapping)
        let body = MappingRuleSet.bundledVersions.contains(mapping)
            ? try MappingRuleSet.bundledText(mapping)
            : try String(contentsOfFile: mapping, encoding: .utf8)
        return Resolved(rules: rules, body: body, source: mapping, mode: mode)
    }
}

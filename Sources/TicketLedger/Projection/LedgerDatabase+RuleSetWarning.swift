extension LedgerDatabase {
    /// A warning when the rule set the live projection was built with is no longer what its
    /// source (bundled version or file) says; nil when they agree.
    public func ruleSetWarning() async throws -> String? {
        guard let live = try await read({ db in try self.liveSettings(db) }) else { return nil }
        do {
            let current = try MappingRuleSet.resolve(live.ruleSource)
            guard current.contentHash != live.rules.contentHash else { return nil }
            return "mapping \(live.ruleSource) has changed since the projection was built with it (rules \(live.rules.contentHash.prefix(12)) → \(current.contentHash.prefix(12))): run `ticket-ledger replay` to rebuild"
        } catch {
            return "mapping \(live.ruleSource) that the projection was built with cannot be loaded now (\(error)); the projection keeps its stored copy"
        }
    }
}

extension LedgerDatabase {
    /// The live projection's settings, or nil when the ledger has never been projected.
    public func liveProjectionSettings() async throws -> ProjectionSettings? {
        try await read { db in try self.liveSettings(db) }
    }
}

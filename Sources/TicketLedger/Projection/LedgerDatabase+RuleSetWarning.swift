extension LedgerDatabase {
    /// A warning when the rule set the live projection was built with is no longer what its
    /// source (bundled version or file) says; nil when they agree.
    public func ruleSetWarning() async throws -> String? {
        let live = try await liveProjection()
        do {
            let current = try MappingRuleSet.resolve(live.ruleSource)
            guard current.contentHash != live.rules.contentHash else { return nil }
            return "mapping \(live.ruleSource) has changed since the projection was built with it (rules \(live.rules.contentHash.prefix(12)) → \(current.contentHash.prefix(12))): replay to rebuild it"
        } catch {
            return "mapping \(live.ruleSource) that the projection was built with cannot be loaded now (\(error)); the projection keeps its stored copy"
        }
    }
}

import GRDB

extension LedgerDatabase {
    /// Rebuilds every projection from the events under `choice` (default: the live rules),
    /// beside the live one, then swaps it in with one transaction; readers see the old
    /// projection or the new one, never a mix. A dry run builds and compares, then discards.
    ///
    /// Takes the ledger's replay lock: throws ``RunInProgress`` at once when another replay,
    /// in this process or another, holds it. Ingests go on meanwhile.
    public func replay(
        _ choice: RuleChoice = RuleChoice(), dryRun: Bool = false, progress: ProgressReporter? = nil
    ) async throws -> ReplayReport {
        let started = ContinuousClock.now
        let report = try await replay(choice, dryRun: dryRun, progress: progress, eventsPerChunk: ProjectionBuilder.eventsPerChunk)
        IngestMetrics.replay(duration: .now - started)
        return report
    }

    /// ``replay(_:dryRun:progress:)`` in chunks of `eventsPerChunk` events (tests use small ones).
    func replay(
        _ choice: RuleChoice, dryRun: Bool, progress: ProgressReporter? = nil, eventsPerChunk: Int64
    ) async throws -> ReplayReport {
        let lock = try LedgerLock.replay(ledgerPath: path)
        defer { withExtendedLifetime(lock) {} }
        defer { truncateWALUnlessRead() }
        let asked = try choice.loadedRules()
        let (old, new, through) = try await write { db in
            try Self.retireUnfinishedGenerations(db)
            let live = try self.liveSettings(db)
            var settings = live
            if let asked {
                settings.ruleSetID = try Self.storeRuleSet(asked, at: self.now(), db: db)
                settings.rules = asked.rules
                settings.ruleSource = asked.source
                settings.ruleSourceHash = asked.sourceHash
            }
            settings.mode = choice.mode ?? live.mode
            settings.generation = try Self.createGeneration(
                ruleSetID: settings.ruleSetID, mode: settings.mode, state: "building", source: settings.ruleSource,
                sourceHash: settings.ruleSourceHash, at: self.now(), db: db)
            return (live, settings, try Self.lastPosition(db))
        }
        // Every row is read and written once: a cache that grows with the ledger would only grow memory.
        let report = try await withBulkWriterCache {
            let builder = ProjectionBuilder(ledger: self, live: old, settings: new, eventsPerChunk: eventsPerChunk)
            let built = try await builder.build(through: through, progress: progress)
            try await builder.buildContacts()
            let report = try await write { db in
                var diff = built
                let last = try Self.lastPosition(db)
                if last > through {
                    // Events appended meanwhile: fold them in, and recount the tickets they touched.
                    let caughtUp = try Projector.folding(where: "position > ?", [.integer(through)], settings: new, db: db)
                    try caughtUp.write(db: db)
                    try diff.recount(caughtUp.states.keys, countedThrough: through, reader: HolderSourceReader(db: db, keys: self.keys), db: db)
                }
                if dryRun {
                    try db.execute(sql: "UPDATE projections SET state = 'retired' WHERE generation = ?", arguments: [new.generation])
                } else {
                    try db.execute(sql: "UPDATE projections SET state = 'retired' WHERE generation = ?", arguments: [old.generation])
                    KillPoint.replaySwap.reached()
                    try db.execute(sql: "UPDATE projections SET state = 'live' WHERE generation = ?", arguments: [new.generation])
                }
                return diff.report(events: Int(last), dryRun: dryRun)
            }
            try await write { db in try Self.deleteRetiredRows(db) }
            return report
        }
        logger.info(
            "replay finished",
            metadata: [
                "replay.events": "\(report.events)", "replay.tickets": "\(report.tickets)",
                "replay.changed_status": "\(report.changedStatus)", "replay.changed_holder": "\(report.changedHolder)",
                "replay.mapping": "\(report.mappingVersion)", "replay.mode": "\(report.mode.rawValue)", "replay.dry_run": "\(dryRun)",
            ])
        return report
    }

    /// The position of the newest event: how many events the ledger holds (0 when none).
    public func lastPosition() throws -> Int64 { try readHere(Self.lastPosition) }

    static func lastPosition(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT max(position) FROM events") ?? 0
    }

    /// A replay that was killed leaves a 'building' generation: it is retired, never used.
    private static func retireUnfinishedGenerations(_ db: Database) throws {
        try db.execute(sql: "UPDATE projections SET state = 'retired' WHERE state = 'building'")
        try deleteRetiredRows(db)
    }

    private static func deleteRetiredRows(_ db: Database) throws {
        for table in ["ticket_states", "contacts", "distributions"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE generation IN (SELECT generation FROM projections WHERE state = 'retired')")
        }
    }
}

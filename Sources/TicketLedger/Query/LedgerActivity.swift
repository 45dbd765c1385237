import GRDB

/// What a ledger's observations did over time: the figures behind the console's two charts.
public struct LedgerActivity: Sendable, Equatable {
    /// Observations in one hour of statusDate, by the family of the TIXnGO status each reports.
    public struct Hour: Sendable, Equatable {
        /// The start of the hour.
        public var start: Timestamp
        /// Observations per family; an observation that sets no status under the live mode (in
        /// history mode, a pending transaction) is not counted.
        public var families: [StatusFamily: Int]
    }

    /// The tickets per S-360 status as the projection stood at one time.
    public struct Sample: Sendable, Equatable {
        public var at: Timestamp
        public var statuses: [S360Status: Int]
    }

    /// The last hours that hold observations, oldest first, hours between them included (empty ones too).
    public var hours: [Hour]
    /// The S-360 status distribution at evenly spaced times from the first statusDate to the last.
    public var samples: [Sample]
    /// The ledger position the figures go up to.
    public var throughPosition: Int64
}

extension LedgerDatabase {
    /// One pass over the events in statusDate order under the live projection's settings,
    /// folding every ticket as the as-of queries do: the last `hours` hours of observations
    /// by family, and the S-360 distribution at `samples` times. Reads every event, so a
    /// caller that shows it often keeps it while ``LedgerActivity/throughPosition`` stands.
    public func activity(hours: Int = 48, samples: Int = 24) async throws -> LedgerActivity {
        try await read { db in
            let settings = try self.liveSettings(db)
            let through = try Self.lastPosition(db)
            let range = try Row.fetchOne(db, sql: "SELECT min(status_date), max(status_date) FROM events WHERE position <= ?", arguments: [through])
            guard let first: Int64 = range?[0], let last: Int64 = range?[1] else {
                return LedgerActivity(hours: [], samples: [], throughPosition: through)
            }
            let hour: Int64 = 3_600_000_000
            let firstHour = max(first / hour, last / hour - Int64(hours - 1))
            var byHour = [[StatusFamily: Int]](repeating: [:], count: Int(last / hour - firstHour + 1))
            let sampleTimes = (1...max(1, samples)).map { first + (last - first) * Int64($0) / Int64(max(1, samples)) }
            var taken: [LedgerActivity.Sample] = []
            let projector = Projector(settings: settings)
            var states: [TicketKey: TicketState] = [:]
            var current: [S360Status: Int] = [:]
            func sample(upTo time: Int64) {
                while taken.count < sampleTimes.count, sampleTimes[taken.count] < time {
                    taken.append(.init(at: Timestamp(microseconds: sampleTimes[taken.count]), statuses: current.filter { $0.value > 0 }))
                }
            }
            var statement = try DirectStatement(
                sql: "SELECT \(EventRecord.foldedSelectList) FROM events WHERE position <= ? ORDER BY status_date, position", db: db)
            statement.bind(through)
            try statement.forEachRow { row in
                let event = EventRecord.folded(row)
                sample(upTo: event.statusDate)
                let before = states[event.key].map { S360View(state: $0, rules: settings.rules).s360Status }
                let effect = projector.step(event, &states[event.key, default: TicketState()])
                let after = S360View(state: states[event.key] ?? TicketState(), rules: settings.rules).s360Status
                if before != after {
                    if let before { current[before, default: 0] -= 1 }
                    current[after, default: 0] += 1
                }
                if let status = effect.status, event.statusDate / hour >= firstHour {
                    byHour[Int(event.statusDate / hour - firstHour)][settings.rules.classify(status).family, default: 0] += 1
                }
            }
            sample(upTo: .max)
            return LedgerActivity(
                hours: byHour.enumerated().map { .init(start: Timestamp(microseconds: (firstHour + Int64($0.offset)) * hour), families: $0.element) },
                samples: taken, throughPosition: through)
        }
    }
}

import Foundation
public import Logging
import NIOCore
import PostgresNIO
public import TicketLedger

/// What one publish copied.
public struct PublishReport: Sendable, Equatable {
    public var ledgerID: String
    public var events = 0
    public var rejectedItems = 0
    public var runs = 0
    public var ticketStates = 0
    /// The copy's cursor afterwards: every event up to this position is in PostgreSQL.
    public var eventsThrough: Int64 = 0
    /// The projection generation PostgreSQL readers see afterwards.
    public var liveGeneration: Int64?
    /// Whether a new generation (after a replay) was swapped in.
    public var swappedGeneration = false

    /// `publish --json`.
    public var json: JSONValue {
        .object([
            ("ledgerId", .string(ledgerID)), ("events", .integer(Int64(events))), ("rejectedItems", .integer(Int64(rejectedItems))),
            ("runs", .integer(Int64(runs))), ("ticketStates", .integer(Int64(ticketStates))), ("eventsThrough", .integer(eventsThrough)),
            ("liveGeneration", liveGeneration.map { .integer($0) } ?? .null), ("swappedGeneration", .bool(swappedGeneration)),
        ])
    }
}

/// Copies one ledger into PostgreSQL, exactly once: each batch (events, rejected items, runs,
/// the projection rows of the tickets they touched) is written in one PostgreSQL transaction
/// with the copy's cursor, after checking under a row lock that the cursor is where this
/// publisher read it, so a publish killed at any instant, or two at once, resume where the
/// copy stands (docs/design.md, "Publishing to PostgreSQL").
public struct LedgerPublisher: Sendable {
    /// Events (and rejected items) per transaction.
    public static let defaultBatchSize = 10_000

    public let ledger: LedgerDatabase
    public let address: PostgresAddress
    public let logger: Logger
    public var batchSize = defaultBatchSize

    public init(ledger: LedgerDatabase, address: PostgresAddress, logger: Logger) {
        (self.ledger, self.address, self.logger) = (ledger, address, logger)
    }

    /// Copies everything the ledger holds beyond the copy's cursor; `progress` gets the cursor
    /// and the ledger's last position after each batch; `shouldContinue` may end it between batches.
    public func publish(
        progress: @Sendable (_ through: Int64, _ of: Int64) -> Void = { _, _ in }, shouldContinue: @Sendable () -> Bool = { true }
    ) async throws -> PublishReport {
        let connection = try await address.connect(logger: logger)
        do {
            let report = try await publish(on: PostgresCopy(connection: connection, logger: logger), progress: progress, shouldContinue: shouldContinue)
            try? await connection.close()
            return report
        } catch {
            try? await connection.close()
            throw PublishError.wrapping(error, at: address)
        }
    }

    private func publish(
        on copy: PostgresCopy, progress: @Sendable (Int64, Int64) -> Void, shouldContinue: @Sendable () -> Bool
    ) async throws -> PublishReport {
        try await PostgresSchema.migrate(copy.connection, logger: logger)
        let ledgerID = try await ledger.ledgerID()
        try await copy.register(ledgerID)
        var report = PublishReport(ledgerID: ledgerID)
        var stored = try await copy.cursor(of: ledgerID)
        try await checkContinuity(of: ledgerID, through: stored.cursor.eventsThrough, on: copy)
        // The next batch is read from the ledger while PostgreSQL writes this one.
        var next = prefetch(after: stored.cursor)
        defer { next.cancel() }
        while shouldContinue() {
            let batch = try await next.value
            let changes = batch.changes
            if let live = stored.liveGeneration, live != changes.live.generation {
                try await publishGeneration(changes.live, replacing: live, of: ledgerID, on: copy, report: &report, shouldContinue: shouldContinue)
                stored = try await copy.cursor(of: ledgerID)
                next = prefetch(after: stored.cursor)
                continue
            }
            report.liveGeneration = changes.live.generation
            report.eventsThrough = stored.cursor.eventsThrough
            if changes.isEmpty { break }
            let moved = changes.cursor(after: stored.cursor)
            next = prefetch(after: moved)
            guard try await copy.commitBatch(batch, after: stored.cursor, makingLive: stored.liveGeneration == nil) else {
                logger.notice("another publisher moved the copy's cursor; reading from where it stands", metadata: ["publish.ledger": "\(ledgerID)"])
                next.cancel()
                stored = try await copy.cursor(of: ledgerID)
                next = prefetch(after: stored.cursor)
                continue
            }
            stored = (moved, stored.liveGeneration ?? changes.live.generation)
            report.events += changes.events.count
            report.rejectedItems += changes.rejectedItems.count
            report.runs += changes.runs.count
            report.ticketStates += changes.ticketStates.count
            report.eventsThrough = moved.eventsThrough
            progress(report.eventsThrough, changes.lastPosition)
        }
        return report
    }

    /// Refuses to extend a copy that is not of this ledger's history: a ledger restored from a
    /// backup older than its copy ends before the copy's cursor, or (once it has ingested again)
    /// holds other events at the cursor's position. Extending the copy would break its chain.
    private func checkContinuity(of ledgerID: String, through position: Int64, on copy: PostgresCopy) async throws {
        guard position > 0 else { return }
        let mine = try await ledger.chainHash(at: position)
        guard let mine, mine == (try await copy.chainHash(of: ledgerID, at: position)) else {
            throw PublishError.inconsistent("""
                the copy of ledger \(ledgerID) holds events up to position \(position), which this ledger \
                \(mine == nil ? "does not reach" : "holds differently"): was it restored from an older backup? \
                The copy keeps the history it had; docs/operations.md says how to publish the restored ledger
                """)
        }
    }

    /// The batch after `cursor`, read and encoded in the background.
    private func prefetch(after cursor: PublicationCursor) -> Task<CopyBatch, any Error> {
        Task { [ledger, batchSize] in CopyBatch(try await ledger.changes(after: cursor, limit: batchSize)) }
    }

    /// Copies the ledger's live generation (made by a replay) whole, page by page, out of
    /// readers' sight, then makes it the one `ticket_current` shows in one transaction. A
    /// shutdown between pages leaves the old one live (the pages are copied again next time).
    private func publishGeneration(
        _ generation: PublishedGeneration, replacing old: Int64, of ledgerID: String, on copy: PostgresCopy, report: inout PublishReport,
        shouldContinue: () -> Bool
    ) async throws {
        logger.notice("publishing projection generation \(generation.generation) (after a replay)", metadata: ["publish.ledger": "\(ledgerID)"])
        var after: TicketKey?
        while true {
            guard shouldContinue() else { return }
            let page = try await ledger.ticketStates(generation: generation.generation, after: after, limit: batchSize)
            if page.isEmpty { break }
            guard try await copy.commitGenerationPage(page, of: generation, replacing: old, ledgerID: ledgerID) else { return }
            KillPoint.publishGenerationPage.reached()
            report.ticketStates += page.count
            after = page.last.map { TicketKey(organizer: $0.organizer, ticketId: $0.ticketId) }
        }
        // The replay's generation must still be live: another replay since means another copy.
        guard try await ledger.liveGeneration().generation == generation.generation else { return }
        if try await copy.swap(to: generation.generation, replacing: old, ledgerID: ledgerID) {
            report.swappedGeneration = true
            report.liveGeneration = generation.generation
        }
    }
}

extension LedgerChanges {
    /// Where the copy stands once these changes are committed after `cursor`.
    func cursor(after cursor: PublicationCursor) -> PublicationCursor {
        let finished = Set(runs.filter { $0.finishedAt != nil }.map(\.id))
        let unfinished = Set(cursor.unfinishedRuns + runs.filter { $0.finishedAt == nil }.map(\.id)).subtracting(finished)
        return PublicationCursor(
            eventsThrough: events.last?.position ?? cursor.eventsThrough,
            rejectedThrough: rejectedItems.last?.id ?? cursor.rejectedThrough,
            runsThrough: max(cursor.runsThrough, runs.last?.id ?? 0),
            unfinishedRuns: unfinished.sorted())
    }
}

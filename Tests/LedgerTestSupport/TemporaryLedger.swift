public import Foundation
public import TicketLedger

/// A fresh directory for one test's files, inside `TestScratch.folder`.
public struct TemporaryDirectory: Sendable {
    public let url: URL

    public init() throws {
        url = TestScratch.file("directory")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the directory.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to `name` and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let path = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// A ledger file in a temporary directory, with the helpers tests use to feed it.
public struct TemporaryLedger: Sendable {
    public let directory: TemporaryDirectory
    public let database: LedgerDatabase
    public var path: String { database.path }

    /// A new ledger; `mapping` and `mode` set up its projection.
    public init(mapping: String = "2023-02-07", mode: ProjectionMode = .lifecycle) async throws {
        directory = try TemporaryDirectory()
        database = try LedgerDatabase(path: directory.path("ledger.sqlite"), projection: RuleChoice(mapping: mapping, mode: mode), logger: .test)
    }

    /// Writes JSON Lines to a file and ingests it for `organizer`.
    @discardableResult
    public func ingest(lines: [String], organizer: String = "ORG", name: String = "feed.jsonl", skipping: Set<String> = []) async throws -> IngestSummary {
        let path = try directory.write(name, lines.joined(separator: "\n") + "\n")
        return try await ingest(file: path, organizer: organizer, skipping: skipping)
    }

    /// Ingests a file for `organizer` under the live projection.
    @discardableResult
    public func ingest(file path: String, organizer: String = "ORG", skipping: Set<String> = []) async throws -> IngestSummary {
        try await database.ingest(try ItemFile(path: path), organizer: organizer, skipping: skipping)
    }

    /// The bytes of the database file, after folding the WAL into it.
    public func fileBytes() throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// The bytes of the ledger file and of its write-ahead log (empty when there is none).
    public func fileAndWALBytes() throws -> Data {
        let wal = (try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data()
        return try fileBytes() + wal
    }
}

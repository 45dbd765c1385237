import Foundation
import GRDB
public import Logging
import Synchronization

/// The ledger file: owns the database connections, migrates on open, and exposes
/// named operations, each one transaction. Nothing else touches the raw pool.
public final class LedgerDatabase: Sendable {
    /// How long a statement waits for another process's write lock before failing.
    public static let busyTimeout: Double = 30

    /// Page cache sizes in KiB. The writer keeps the hot index pages of a large ledger in
    /// memory (64 MiB wrote a million items as fast as 256 MiB; 128 MiB keeps more of a larger
    /// ledger's, for a peak of 352 MiB at a million: docs/benchmarks.md); readers serve queries;
    /// a bulk pass (a replay reading every event once, writing each ticket once) gains nothing
    /// from a cache that grows with the ledger.
    static let writerCacheKiB = 131_072
    static let readerCacheKiB = 65_536
    static let bulkCacheKiB = 8_192
    /// The audit lookups' connection: a lookup reads a few pages anywhere in the file, and a
    /// cache that grows by one allocation per page read (SQLite's, up to its size) costs a
    /// large ledger's lookups more than it saves; at this size pages are recycled.
    static let lookupCacheKiB = 2_048
    /// What the lookup connection maps of the file: a page read through the map is neither a
    /// read call nor a copy into the cache (about a tenth off a console history request).
    static let lookupMapBytes = 1 << 30

    /// The WAL is copied into the main file once it holds this many pages (64 MiB), not
    /// SQLite's 1,000: an ingest's commits rewrite the same index pages, and each copy
    /// (with its fsync) is paid once per checkpoint instead of at nearly every commit.
    static let walCheckpointPages = 16_384
    /// What a WAL a checkpoint has reset is cut back to (SQLite's `journal_size_limit`): the same 64 MiB.
    static let walSizeLimitBytes = walCheckpointPages * 4_096

    /// The file this ledger lives in.
    public let path: String
    let pool: DatabasePool
    /// The keys, when the key file was there to open them (always, for a ledger opened to write).
    let keys: LedgerKeys?
    /// Where the key file was looked for.
    let keyFilePath: String
    /// What SQLite opens: `path`, or its `immutable=1` URI for a ledger no writer can be writing (``hasNoWriter(_:)``).
    private let connectionPath: String
    let logger: Logger
    /// Stored rule sets already parsed, by id.
    let parsedRules = Mutex<[Int64: MappingRuleSet]>([:])
    /// The audit lookups' connection (``readHere(_:)``), once opened.
    private let lookupConnection = Mutex<DatabaseQueue?>(nil)
    /// The wall clock the ledger stamps what it writes with (ingest times, key and projection creation).
    let now: @Sendable () -> Timestamp

    /// Opens the ledger at `path`, creating and migrating it when needed (a new file is
    /// readable by its owner only), with its live projection: a new ledger is projected
    /// under `projection` (by default the newest bundled mapping in history mode); an
    /// existing one keeps its own, and a `projection` naming another mapping or mode is
    /// refused with ``LedgerError/mappingConflict(live:liveSource:asked:askedSource:)``
    /// or ``LedgerError/modeConflict(live:asked:)`` (changing it is
    /// ``replay(_:dryRun:progress:)``'s job). A mapping that cannot be loaded is refused
    /// before any file is created.
    ///
    /// - Parameters:
    ///   - keyFile: the key file whose key wraps the ledger's keys (default `<path>.key`):
    ///     created, readable by its owner only, for a new ledger or one whose keys an older
    ///     build stored in clear (they are wrapped and the clear bytes erased); refused when
    ///     group or others can read it, when it is missing for a ledger that has keys, or
    ///     when it holds another key.
    ///   - now: the wall clock written into the ledger; a test may pass its own.
    ///   - pageLimit: caps the file at that many pages (SQLite's `max_page_count`): a quota,
    ///     or a rehearsal of a full disk.
    public convenience init(
        path: String, keyFile: String? = nil, projection: RuleChoice = RuleChoice(), logger: Logger = Logger(label: "ticket-ledger"),
        now: @escaping @Sendable () -> Timestamp = Timestamp.now, pageLimit: Int? = nil
    ) throws {
        let asked = try projection.loadedRules()
        try self.init(path: path, keyFile: keyFile, logger: logger, now: now, access: .write(pageLimit: pageLimit))
        do {
            try pool.write { db in try self.adoptProjection(projection, asked: asked, db: db) }
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// Opens the ledger at `path` to read it only: nothing is created, migrated or written,
    /// so the file's bytes stay as they are and a writer in another process never makes it
    /// wait. Throws ``LedgerError/noLedger(path:)`` when there is no file at `path` and
    /// ``LedgerError/schemaOutdated(path:missing:)`` for a ledger an older build wrote (a
    /// writer, or `migrate`, brings it up to date). Every query works; a write fails with
    /// ``LedgerError/readOnly(path:)``.
    ///
    /// Without a key file (`keyFile` nil and no `<path>.key`), personal data reads as sealed;
    /// a `keyFile` named but missing is ``LedgerError/keyFileMissing(path:keyID:)``. With
    /// `sealed`, no key file is read at all and personal data reads as sealed (a console that
    /// is not to show it).
    public convenience init(readingAt path: String, keyFile: String? = nil, sealed: Bool = false, logger: Logger = Logger(label: "ticket-ledger")) throws {
        try self.init(path: path, keyFile: keyFile, logger: logger, now: Timestamp.now, access: sealed ? .readSealed : .read)
    }

    private enum Access {
        case write(pageLimit: Int?)
        case read
        case readSealed
    }

    private init(path: String, keyFile: String?, logger: Logger, now: @escaping @Sendable () -> Timestamp, access: Access) throws {
        self.path = path
        self.logger = logger
        self.now = now
        let keyFilePath = keyFile ?? KeyFile.defaultPath(forLedgerAt: path)
        self.keyFilePath = keyFilePath
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        switch access {
        case .write:
            try Self.createOwnerOnly(path)
        case .read, .readSealed:
            guard FileManager.default.fileExists(atPath: path) else { throw LedgerError.noLedger(path: path) }
            configuration.readonly = true
        }
        let reading: Bool = if case .write = access { false } else { true }
        connectionPath = reading && Self.hasNoWriter(path) ? Self.immutableURI(path) : path
        configuration.prepareDatabase { db in
            // Freed pages are zeroed, so erased keys and replaced rows leave no bytes behind.
            if case .write(let pageLimit) = access {
                try db.execute(sql: "PRAGMA secure_delete = ON")
                if let pageLimit { _ = try Int.fetchOne(db, sql: "PRAGMA max_page_count = \(pageLimit)") }
            }
            try db.execute(sql: "PRAGMA cache_size = -\(Self.readerCacheKiB)")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        do {
            pool = try DatabasePool(path: connectionPath, configuration: configuration)
            let storedKeyID = try pool.read(LedgerKeys.storedKeyID)
            // A reader of a ledger another user writes may see that user's key file and not be let
            // in: for the default path that is no key file (personal data sealed), not an error.
            let deniedMeansNone = reading && keyFile == nil
            let sealed: Bool = if case .readSealed = access { true } else { false }
            let found = try storedKeyID.flatMap { id in
                try sealed ? nil : LedgerKeys.keyFile(at: keyFilePath, for: id, deniedMeansNone: deniedMeansNone, logger: logger)
            }
            switch access {
            case .write:
                let keyFile: KeyFile
                if let found {
                    keyFile = found
                } else if let storedKeyID {
                    throw LedgerError.keyFileMissing(path: keyFilePath, keyID: storedKeyID)
                } else {
                    keyFile = try KeyFile.read(at: keyFilePath) ?? KeyFile.create(at: keyFilePath)
                }
                let migrator = try MigrationFiles.migrator(wrappingUnder: keyFile)
                let upgrading = try pool.read { db in try !migrator.hasCompletedMigrations(db) }
                try migrator.migrate(pool)
                // Keys an older build stored in clear may still sit in the WAL: fold it into the
                // (secure-deleting) main file and truncate it.
                if upgrading { try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) } }
                try pool.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA cache_size = -\(Self.writerCacheKiB)")
                    try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.walCheckpointPages)")
                    // A WAL reset by a checkpoint is cut back to this size, so a run's peak does not stay on disk.
                    try db.execute(sql: "PRAGMA journal_size_limit = \(Self.walSizeLimitBytes)")
                }
                keys = try pool.write { db in try LedgerKeys(keyFile: keyFile, db: db) }
            case .read, .readSealed:
                let migrator = try MigrationFiles.migrator(wrappingUnder: nil)
                keys = try pool.read { db in
                    let missing = try Set(migrator.migrations).subtracting(migrator.appliedIdentifiers(db))
                    guard missing.isEmpty else { throw LedgerError.schemaOutdated(path: path, missing: missing.sorted()) }
                    guard let storedKeyID else {
                        throw LedgerError.corrupt("the ledger \(path) has no keys: it was never written by ticket-ledger")
                    }
                    if let found { return try LedgerKeys(keyFile: found, db: db) }
                    if keyFile != nil, !sealed { throw LedgerError.keyFileMissing(path: keyFilePath, keyID: storedKeyID) }
                    return nil
                }
            }
        } catch let error as LedgerError {
            throw error
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// The keys, or ``LedgerError/keyFileRequired(path:)`` for a ledger read without its key file.
    func unlockedKeys() throws -> LedgerKeys {
        guard let keys else { throw LedgerError.keyFileRequired(path: keyFilePath) }
        return keys
    }

    /// Whether personal data can be read: false for a ledger opened without its key file.
    public var opensPersonalData: Bool { keys != nil }

    /// Whether no process can be writing the ledger, so a reader may open it `immutable=1`: it
    /// has no WAL file beside it (in WAL mode a writer has one while it writes, and without one
    /// every commit is in the main file), and nobody may write it — no write bit for anyone, or a
    /// read-only file system. A file its owner could still write is opened as any other, since
    /// an immutable reader takes no lock and would read a checkpoint's pages half-written
    /// (docs/design.md, "Reading where nothing may be written").
    private static func hasNoWriter(_ path: String) -> Bool {
        guard !FileManager.default.fileExists(atPath: path + "-wal") else { return false }
        var status = stat()
        var volume = statvfs()
        let unwritable = stat(path, &status) == 0 && status.st_mode & 0o222 == 0
        let readOnlyVolume = statvfs(path, &volume) == 0 && volume.f_flag & UInt(ST_RDONLY) != 0
        return unwritable || readOnlyVolume
    }

    /// The SQLite URI that opens `path` immutable (Debian's SQLite is built to take URIs as file names).
    private static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:\(absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute)?immutable=1"
    }

    /// Creates the file with mode 0600 when it does not exist (SQLite gives its -wal and -shm the same mode).
    static func createOwnerOnly(_ path: String) throws {
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        if descriptor >= 0 {
            close(descriptor)
        } else if errno != EEXIST {
            throw LedgerError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Runs `body` in one write transaction, translating SQLite's failures into ``LedgerError``.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(body)
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// ``write(_:)`` with the commit synced to disk before it returns (`synchronous = FULL` for
    /// this transaction; the ledger's `NORMAL` makes a WAL commit durable only at the next
    /// checkpoint): for a commit something outside the ledger then relies on — a key file
    /// renamed after it, a tree head sent to a digest log.
    func durableWrite<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                defer { try? db.execute(sql: "PRAGMA synchronous = NORMAL") }
                var result: T?
                try db.inTransaction {
                    result = try body(db)
                    return .commit
                }
                guard let result else { preconditionFailure("a committed transaction has its result") }
                return result
            }
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// Runs `body` in one read transaction (a consistent snapshot), translating failures.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// Runs `body` in one read transaction on the calling thread, on the lookup connection:
    /// for a lookup that takes less time than the reader pool's hand-out (an audit query).
    /// Concurrent lookups take turns on it (docs/design.md, "Audit lookups").
    func readHere<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try lookupQueue().inDatabase { db in
                // One read transaction, begun and ended by cached statements (GRDB's parses them on every read).
                try db.cachedStatement(sql: "BEGIN DEFERRED TRANSACTION").execute()
                defer {
                    // A read transaction ends without writing; should that fail, roll back so the next lookup can begin.
                    if (try? db.cachedStatement(sql: "COMMIT TRANSACTION").execute()) == nil { try? db.execute(sql: "ROLLBACK") }
                }
                return try body(db)
            }
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// The read-only connection of ``readHere(_:)``, opened at the first lookup.
    private func lookupQueue() throws -> DatabaseQueue {
        try lookupConnection.withLock { queue in
            if let queue { return queue }
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(Self.busyTimeout)
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA cache_size = -\(Self.lookupCacheKiB); PRAGMA mmap_size = \(Self.lookupMapBytes)")
            }
            let opened = try DatabaseQueue(path: connectionPath, configuration: configuration)
            queue = opened
            return opened
        }
    }

    /// Runs `body` in one read transaction on a reader whose page cache is the bulk size meanwhile.
    func readWithBulkCache<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await read { db in
            try db.execute(sql: "PRAGMA cache_size = -\(Self.bulkCacheKiB)")
            defer { try? db.execute(sql: "PRAGMA cache_size = -\(Self.readerCacheKiB)") }
            return try body(db)
        }
    }

    /// Runs `body` with the writer's page cache at the bulk size, so a bulk pass's memory does
    /// not grow with the ledger (writes of other runs meanwhile use the same small cache).
    func withBulkWriterCache<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await setWriterCache(Self.bulkCacheKiB)
        do {
            let result = try await body()
            try await setWriterCache(Self.writerCacheKiB)
            return result
        } catch {
            try? await setWriterCache(Self.writerCacheKiB)
            throw error
        }
    }

    private func setWriterCache(_ kib: Int) async throws {
        do {
            try await pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -\(kib)") }
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// Maps SQLite's result codes to errors that tell an operator what to do.
    static func translate(_ error: any Error, path: String) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        switch error.resultCode {
        case .SQLITE_FULL: return LedgerError.diskFull(path: path)
        case .SQLITE_READONLY: return LedgerError.readOnly(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return LedgerError.busy(path: path)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return LedgerError.notALedger(path: path, reason: error.message ?? "damaged file")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_IOERR:
            return LedgerError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        default: return error
        }
    }

    /// Folds the WAL into the main file and truncates it, at the end of a run, unless a reader
    /// still holds a snapshot in it: then it stays (a sentence at level info) for the next run to
    /// truncate, rather than the run waiting on the reader (docs/operations.md, "The WAL").
    func truncateWALUnlessRead() {
        do {
            try pool.writeWithoutTransaction { db in
                // No busy handler: a reader in the way makes the checkpoint return at once.
                try db.execute(sql: "PRAGMA busy_timeout = 0")
                defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(Self.busyTimeout * 1000))") }
                _ = try db.checkpoint(.truncate)
            }
        } catch {
            logger.info("the WAL stays until the next run: a reader holds a snapshot in it")
        }
    }

    /// Checkpoints the WAL into the main file and truncates it.
    func checkpoint() throws {
        do {
            try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        } catch {
            throw Self.translate(error, path: path)
        }
    }
}

import GRDBSQLite

/// The reference: the ledger file read through the SQLite C API with one prepared
/// statement, no driver and no decoding beyond touching each column's value.
final class RawLedger {
    /// A failure of the C API, with SQLite's own message.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private var db: OpaquePointer?
    private var historyStatement: OpaquePointer?
    /// The columns the reference reads: every column of `events`, in table order.
    let eventColumns: [String]

    /// Opens `path` read-only with the page cache the ledger gives its audit lookups.
    init(path: String) throws {
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(db)
            throw Failure(description: "cannot open \(path): \(message)")
        }
        sqlite3_busy_timeout(db, 30_000)
        var columns: [String] = []
        do {
            // The cache of the ledger's audit-lookup connection (LedgerDatabase.lookupCacheKiB), so the
            // comparison is about code, not cache size.
            try Self.execute(db, "PRAGMA cache_size = -2048")
            try Self.execute(db, "PRAGMA temp_store = MEMORY")
            try Self.forEachRow(db, "PRAGMA table_info(events)") { statement in
                columns.append(String(cString: sqlite3_column_text(statement, 1)))
            }
            guard !columns.isEmpty else { throw Failure(description: "\(path) has no events table: is it a ledger?") }
            let sql = "SELECT \(columns.joined(separator: ", ")) FROM events WHERE ticket_id = ? AND organizer = ? ORDER BY position"
            guard sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &historyStatement, nil) == SQLITE_OK else {
                throw Failure(description: "prepare: \(String(cString: sqlite3_errmsg(db)))")
            }
        } catch {
            sqlite3_close(db)
            throw error
        }
        eventColumns = columns
    }

    deinit {
        sqlite3_finalize(historyStatement)
        sqlite3_close(db)
    }

    /// How many events the file holds.
    func eventCount() throws -> Int {
        var count = 0
        try Self.forEachRow(db, "SELECT count(*) FROM events") { count = Int(sqlite3_column_int64($0, 0)) }
        return count
    }

    /// Every (ticket, organizer) pair of the ledger, in the order SQLite returns them.
    func ticketKeys() throws -> [(ticketId: String, organizer: String)] {
        var keys: [(ticketId: String, organizer: String)] = []
        try Self.forEachRow(db, "SELECT DISTINCT ticket_id, organizer FROM events") { statement in
            keys.append((String(cString: sqlite3_column_text(statement, 0)), String(cString: sqlite3_column_text(statement, 1))))
        }
        return keys
    }

    /// The reference audit query: every event of one ticket, every column read.
    /// Returns the row count and a checksum of what was read, so nothing is optimised away.
    func history(ticketId: String, organizer: String) throws -> (rows: Int, checksum: UInt64) {
        guard let statement = historyStatement else { throw Failure(description: "no statement") }
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        return try ticketId.withCString { ticket in
            try organizer.withCString { organizer in
                sqlite3_bind_text(statement, 1, ticket, -1, nil)
                sqlite3_bind_text(statement, 2, organizer, -1, nil)
                var rows = 0
                var checksum: UInt64 = 0
                let columnCount = sqlite3_column_count(statement)
                while true {
                    let code = sqlite3_step(statement)
                    if code == SQLITE_DONE { break }
                    guard code == SQLITE_ROW else { throw Failure(description: "step: \(String(cString: sqlite3_errmsg(db)))") }
                    rows += 1
                    for column in 0..<columnCount {
                        checksum = checksum &* 31 &+ Self.touch(statement, column)
                    }
                }
                return (rows, checksum)
            }
        }
    }

    /// Reads one column's value as its stored type and folds it into a number.
    private static func touch(_ statement: OpaquePointer, _ column: Int32) -> UInt64 {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER:
            return UInt64(bitPattern: sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT:
            return sqlite3_column_double(statement, column).bitPattern
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(statement, column) else { return 0 }
            let length = Int(sqlite3_column_bytes(statement, column))
            return UInt64(length) &+ (length > 0 ? UInt64(text[0]) &+ UInt64(text[length - 1]) : 0)
        case SQLITE_BLOB:
            let length = Int(sqlite3_column_bytes(statement, column))
            guard length > 0, let blob = sqlite3_column_blob(statement, column) else { return 0 }
            let bytes = blob.assumingMemoryBound(to: UInt8.self)
            return UInt64(length) &+ UInt64(bytes[0]) &+ UInt64(bytes[length - 1])
        default:
            return 0
        }
    }

    private static func execute(_ db: OpaquePointer?, _ sql: String) throws {
        try forEachRow(db, sql) { _ in }
    }

    private static func forEachRow(_ db: OpaquePointer?, _ sql: String, _ body: (OpaquePointer) throws -> Void) throws {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw Failure(description: "\(sql): \(String(cString: sqlite3_errmsg(db)))")
        }
        defer { sqlite3_finalize(statement) }
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw Failure(description: "\(sql): \(String(cString: sqlite3_errmsg(db)))") }
            try body(statement)
        }
    }
}

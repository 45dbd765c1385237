import Foundation
import GRDB
import GRDBSQLite

/// A cached statement whose values are bound straight to its SQLite handle, then run, its
/// result rows read the same way: the writes made for each event (the event, its ticket's
/// row, the Merkle nodes it completes) skip GRDB's boxing of every argument, a tenth of an ingest's writer time in
/// the profile, and reading events skips it for every column (docs/benchmarks.md).
/// Prepare it once per transaction, then for each row bind the values in the order of the
/// statement's parameters and ``execute()`` (or ``forEachRow(_:)`` / ``fetchOne(_:)`` for a query).
struct DirectStatement {
    private let statement: Statement
    private let db: Database
    private var index: Int32 = 0

    init(sql: String, db: Database) throws {
        statement = try db.cachedStatement(sql: sql)
        self.db = db
        clear()
    }

    mutating func bind(_ value: Int64?) {
        index += 1
        if let value { sqlite3_bind_int64(statement.sqliteStatement, index, value) }
    }

    mutating func bind(_ value: Bool) { bind(Int64(value ? 1 : 0)) }

    mutating func bind(_ value: String?) {
        index += 1
        guard var value else { return }
        value.withUTF8 { bytes in
            _ = sqlite3_bind_text(statement.sqliteStatement, index, bytes.baseAddress, Int32(bytes.count), SQLITE_TRANSIENT)
        }
    }

    mutating func bind(_ value: Data?) {
        index += 1
        guard let value else { return }
        value.withUnsafeBytes { bytes in
            // An empty blob still needs a non-null pointer to be a blob and not NULL.
            _ = sqlite3_bind_blob(statement.sqliteStatement, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count), SQLITE_TRANSIENT)
        }
    }

    /// Binds `arguments` in order: for a statement whose parameters its caller chooses.
    mutating func bind(_ arguments: [DirectArgument]) {
        for argument in arguments {
            switch argument {
            case .integer(let value): bind(value)
            case .text(let value): bind(value)
            }
        }
    }

    /// Runs the statement once with the bound values, then clears them for the next row.
    mutating func execute() throws { try forEachRow { _ in } }

    /// Runs the statement with the bound values, handing each result row to `body`, then clears them.
    mutating func forEachRow(_ body: (DirectRow) throws -> Void) throws {
        defer { clear() }
        while true {
            let code = sqlite3_step(statement.sqliteStatement)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
            }
            try body(DirectRow(handle: statement.sqliteStatement))
        }
    }

    /// Runs the statement with the bound values and decodes its first row, if any (nil when
    /// `decode` finds it does not hold what is wanted), then clears them.
    mutating func fetchOne<T>(_ decode: (DirectRow) throws -> T?) throws -> T? {
        var first: T??
        try forEachRow { row in if first == nil { first = try decode(row) } }
        return first ?? nil
    }

    private mutating func clear() {
        sqlite3_reset(statement.sqliteStatement)
        sqlite3_clear_bindings(statement.sqliteStatement)
        index = 0
    }
}

/// A value bound to a statement whose parameters its caller chooses (``DirectStatement/bind(_:)``).
enum DirectArgument {
    case integer(Int64)
    case text(String)
}

/// The current result row of a ``DirectStatement``, valid only inside ``DirectStatement/forEachRow(_:)``.
struct DirectRow {
    fileprivate let handle: OpaquePointer

    /// The integer in column `column` (0-based), or nil for NULL.
    func int64(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }

    /// The text in column `column`, or nil for NULL.
    func string(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
    }

    /// The blob in column `column`, or nil for NULL.
    func data(_ column: Int32) -> Data? {
        guard sqlite3_column_type(handle, column) != SQLITE_NULL else { return nil }
        guard let blob = sqlite3_column_blob(handle, column) else { return Data() }
        return Data(bytes: blob, count: Int(sqlite3_column_bytes(handle, column)))
    }
}

/// SQLite copies a value bound with this destructor before the call returns.
private let SQLITE_TRANSIENT = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

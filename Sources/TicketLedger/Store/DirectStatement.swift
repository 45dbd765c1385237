import Foundation
import GRDB
import GRDBSQLite

/// A cached statement whose values are bound straight to its SQLite handle, then run:
/// the two writes made once per event (the event, its ticket's row) skip GRDB's boxing
/// of every argument, a tenth of an ingest's writer time in the profile (docs/benchmarks.md).
/// Bind the values in the order of the statement's parameters, then ``execute()``.
struct DirectStatement {
    private let statement: Statement
    private let db: Database
    private var index: Int32 = 0

    init(sql: String, db: Database) throws {
        statement = try db.cachedStatement(sql: sql)
        self.db = db
        sqlite3_reset(statement.sqliteStatement)
        sqlite3_clear_bindings(statement.sqliteStatement)
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

    /// Runs the statement once with the bound values.
    func execute() throws {
        let code = sqlite3_step(statement.sqliteStatement)
        sqlite3_reset(statement.sqliteStatement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
        }
    }
}

/// SQLite copies a value bound with this destructor before the call returns.
private let SQLITE_TRANSIENT = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

import Foundation
import GRDB
import GRDBSQLite

/// The numbered SQL files of `Migrations/`, shipped in the library's resource
/// bundle (SwiftPM copies them into `TicketLedger_TicketLedger.resources` beside the
/// binary, through the `Sources/TicketLedger/Resources/Migrations` link), applied in
/// file-name order, each in its own transaction and recorded by GRDB so each runs once.
enum MigrationFiles {
    static func migrator() throws -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for file in try files() {
            let sql = try String(contentsOf: file, encoding: .utf8)
            migrator.registerMigration(file.deletingPathExtension().lastPathComponent) { db in try db.execute(sql: sql) }
        }
        return migrator
    }

    /// The bundled `.sql` files in the order they apply.
    static func files() throws -> [URL] {
        guard let folder = Bundle.module.resourceURL else {
            throw LedgerError.migrationMissing("no resource folder at \(Bundle.module.bundlePath)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        guard !names.isEmpty else { throw LedgerError.migrationMissing("no .sql file in \(folder.path)") }
        return names.map { folder.appendingPathComponent($0) }
    }
}

/// What a ledger file's format depends on in this build, for `--version` and bug reports.
public enum LedgerSchema {
    /// The newest migration this build ships (e.g. `0004_drop_unused_ticket_index`): every
    /// ledger it opens is brought to that schema.
    public static func version() throws -> String {
        try MigrationFiles.files().last?.deletingPathExtension().lastPathComponent ?? "none"
    }

    /// The SQLite library the process is linked against.
    public static var sqliteLibraryVersion: String { String(cString: sqlite3_libversion()) }
}

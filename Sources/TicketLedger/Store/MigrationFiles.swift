import Foundation
import GRDB

/// The numbered SQL files of `Migrations/`, shipped in the library's resource
/// bundle (SwiftPM copies them into `TicketLedger_TicketLedger.resources` beside the
/// binary, through the `Sources/TicketLedger/Resources/Migrations` link), applied in
/// file-name order, each in its own transaction and recorded by GRDB so each runs once.
enum MigrationFiles {
    static func migrator() throws -> DatabaseMigrator {
        guard let folder = Bundle.module.resourceURL else {
            throw LedgerError.migrationMissing("no resource folder at \(Bundle.module.bundlePath)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        guard !files.isEmpty else { throw LedgerError.migrationMissing("no .sql file in \(folder.path)") }
        var migrator = DatabaseMigrator()
        for file in files {
            let sql = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            migrator.registerMigration(String(file.dropLast(".sql".count))) { db in try db.execute(sql: sql) }
        }
        return migrator
    }
}

import Foundation
import GRDB
import GRDBSQLite

/// The numbered SQL files of `Migrations/`, shipped in the library's resource
/// bundle (SwiftPM copies them into `TicketLedger_TicketLedger.resources` beside the
/// binary, through the `Sources/TicketLedger/Resources/Migrations` link), applied in
/// file-name order, each in its own transaction and recorded by GRDB so each runs once.
/// Three migrations also run code after their SQL: `0006_key_file` wraps the keys an older
/// ledger stored in clear under the key file's key, which no SQL file can know,
/// `0009_merkle_tree` hashes the events already there into the tree, and
/// `0010_rule_set_identity` rehashes the stored rule sets by their canonical text.
enum MigrationFiles {
    /// The migrator; `keyFile` wraps an older ledger's keys (a reader, which never migrates, passes nil).
    static func migrator(wrappingUnder keyFile: KeyFile?) throws -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for file in try files() {
            let sql = try String(contentsOf: file, encoding: .utf8)
            let name = file.deletingPathExtension().lastPathComponent
            migrator.registerMigration(name) { db in
                try db.execute(sql: sql)
                if name == "0006_key_file" { try wrapClearKeys(db, under: keyFile) }
                if name == "0009_merkle_tree" { try plantTree(db) }
                if name == "0010_rule_set_identity" { try rehashRuleSets(db) }
            }
        }
        return migrator
    }

    /// Wraps the ledger secret and every person key an older build stored in clear, and erases
    /// the clear bytes (the connection deletes securely; migration 0007 drops their columns).
    private static func wrapClearKeys(_ db: Database, under keyFile: KeyFile?) throws {
        guard let secret = try Data.fetchOne(db, sql: "SELECT secret FROM ledger_secret WHERE id = 1") else { return }
        guard let keyFile else { throw LedgerError.migrationMissing("0006_key_file needs the key file") }
        let wrapper = KeyWrapper(keyFile)
        try db.execute(
            sql: "INSERT INTO key_encryption (id, key_id, wrapped_secret) VALUES (1, ?, ?)",
            arguments: [keyFile.keyID, try wrapper.wrap(secret, for: .ledgerSecret)])
        let rows = try Row.fetchCursor(db, sql: "SELECT id, email_digest, key FROM person_keys WHERE key IS NOT NULL")
        let update = try db.makeStatement(sql: "UPDATE person_keys SET wrapped_key = ?, key = NULL WHERE id = ?")
        while let row = try rows.next() {
            let (id, digest, key): (Int64, Data, Data) = (row[0], row[1], row[2])
            try update.execute(arguments: [try wrapper.wrap(key, for: .person(digest: digest)), id])
        }
        try db.execute(sql: "DELETE FROM ledger_secret")
    }

    /// Gives the ledger its id and builds the Merkle tree of its events, in position order.
    private static func plantTree(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO ledger_identity (id, ledger_id) VALUES (1, ?)", arguments: [LedgerIdentity.newID()])
        var tree = MerkleFrontier()
        var insert = try MerkleFrontier.insertStatement(db)
        var rows = try DirectStatement(sql: "SELECT \(EventRecord.columns) FROM events ORDER BY position", db: db)
        try rows.forEachRow { row in try tree.append(leaf: EventRecord(row).encoding.leafHash, storingWith: &insert) }
    }

    /// Stores each rule set's hash by its canonical text (the body stays as it was read: it parses to
    /// the same rules). Two rows that turn out to hold the same rules become one: the row the live
    /// projection uses is kept (else the oldest), and every generation and projection row of the
    /// other points at it; each generation keeps its own source (migration 0010's SQL copied it).
    private static func rehashRuleSets(_ db: Database) throws {
        let live = try Int64.fetchOne(db, sql: "SELECT rule_set_id FROM projections WHERE state = 'live'")
        let rows = try Row.fetchAll(db, sql: "SELECT id, source, body FROM rule_sets ORDER BY id")
            .map { (id: $0[0] as Int64, source: $0[1] as String, body: $0[2] as String) }
            .sorted { ($0.id == live ? 0 : 1, $0.id) < ($1.id == live ? 0 : 1, $1.id) }
        var kept: [String: Int64] = [:]
        for row in rows {
            let hash = try MappingRuleSet.parse(row.body, file: row.source).contentHash
            if let first = kept[hash] {
                for table in ["projections", "ticket_states"] {
                    try db.execute(sql: "UPDATE \(table) SET rule_set_id = ? WHERE rule_set_id = ?", arguments: [first, row.id])
                }
                try db.execute(sql: "DELETE FROM rule_sets WHERE id = ?", arguments: [row.id])
                continue
            }
            kept[hash] = row.id
            // Through a placeholder first: the new hash may equal another row's old one (UNIQUE).
            try db.execute(sql: "UPDATE rule_sets SET content_hash = ? WHERE id = ?", arguments: ["rehashing \(row.id)", row.id])
        }
        for (hash, id) in kept {
            try db.execute(sql: "UPDATE rule_sets SET content_hash = ? WHERE id = ?", arguments: [hash, id])
        }
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

import Foundation
import GRDB
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// docs/design.md, "Keys outside the ledger": the ledger stores its secret and every person key
/// only wrapped under the key file's key; a copy of the ledger alone opens no personal data.
@Suite("Keys outside the ledger")
struct KeyFileTests {
    static let lines = (1...12).map { i in
        Items.lifecycle("T\(i % 4)", i % 2 == 0 ? "DOWNLOADED" : "INJECTED", at: "2026-06-20T09:\(10 + i):00Z",
                        details: Items.spectator(["Ada", "Grace", "Alan"][i % 3], ["Lovelace", "Hopper", "Turing"][i % 3]))
    }

    /// The keys of the ledger at `path` in clear, unwrapped through its key file: the ledger secret
    /// and every person key not erased.
    static func clearKeys(ofLedgerAt path: String, keyFile: String? = nil) throws -> [Data] {
        let file = try #require(try KeyFile.read(at: keyFile ?? path + ".key"))
        let wrapper = KeyWrapper(file)
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: path, configuration: configuration).read { db in
            let secret = try #require(try Data.fetchOne(db, sql: "SELECT wrapped_secret FROM key_encryption"))
            var keys = [try wrapper.unwrap(secret, for: .ledgerSecret)]
            for row in try Row.fetchAll(db, sql: "SELECT email_digest, wrapped_key FROM person_keys WHERE wrapped_key IS NOT NULL") {
                keys.append(try wrapper.unwrap(row[1], for: .person(digest: row[0])))
            }
            return keys
        }
    }

    static func permissions(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func aNewLedgerHoldsNoUnwrappedKeyInItsFileOrItsWAL() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: Self.lines)
        let keys = try Self.clearKeys(ofLedgerAt: ledger.path)
        #expect(keys.count == 4, "the ledger secret and three persons' keys")
        // The ledger is still open: its last transactions are in the WAL, which the scan reads too.
        let bytes = try ledger.fileAndWALBytes()
        #expect(FileManager.default.fileExists(atPath: ledger.path + "-wal"))
        for key in keys {
            #expect(bytes.range(of: key) == nil, "an unwrapped key is in the ledger or its WAL")
        }
        #expect(try Self.permissions(ledger.path + ".key") == 0o600)
    }

    @Test func aLedgerThePreviousSchemaWroteIsMigratedWithItsKeysWrappedAndNoClearByteLeft() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("old.sqlite")
        let fixture = try #require(Bundle.module.resourceURL?.appendingPathComponent("Fixtures/ledgers/schema-0005.ledger"))
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        var readOnly = Configuration()
        readOnly.readonly = true
        let old = try DatabaseQueue(path: path, configuration: readOnly)
        let clear = try await old.read { db in
            try Data.fetchAll(db, sql: "SELECT secret FROM ledger_secret UNION ALL SELECT key FROM person_keys WHERE key IS NOT NULL")
        }
        let erased = try await old.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM person_keys WHERE key IS NULL") }
        try old.close()
        #expect(clear.count == 11 && erased == 1, "the fixture: a secret, ten live person keys, one erased")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(clear.allSatisfy { before.range(of: $0) != nil }, "the clear keys were not found before: the scan looks in the wrong place")

        // A read never migrates; a writer does, creating the key file.
        #expect(throws: LedgerError.self) { try LedgerDatabase(readingAt: path, logger: .test) }
        let ledger = try LedgerDatabase(path: path, logger: .test)
        #expect(try Self.permissions(path + ".key") == 0o600)
        #expect(Set(try Self.clearKeys(ofLedgerAt: path)) == Set(clear), "the same keys, now wrapped")
        let after = try Data(contentsOf: URL(fileURLWithPath: path)) + ((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
        for key in clear {
            #expect(after.range(of: key) == nil, "a key the older build stored in clear is still in the file or its WAL")
        }
        #expect(try await ledger.verify().intact)
        let holders = try await ledger.tickets(TicketFilter()).map(\.holder)
        #expect(holders.contains { $0.json["individualLastname"]?.stringValue?.isEmpty == false }, "personal data opens after the migration")
        #expect(holders.contains { if case .erased = $0 { true } else { false } }, "what forget erased stays erased")
    }

    @Test func withoutTheKeyFileReadsWorkAndShowPersonalDataSealed() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: Self.lines)
        try FileManager.default.moveItem(atPath: ledger.path + ".key", toPath: ledger.directory.path("elsewhere.key"))
        let copy = try LedgerDatabase(readingAt: ledger.path, logger: .test)
        #expect(!copy.opensPersonalData)
        let status = try await copy.status(of: "T1")
        #expect(status.holder.json["sealed"] == .bool(true))
        #expect(status.holder.json["individualLastname"] == nil)
        #expect(status.view.s360Status == (try await ledger.database.status(of: "T1")).view.s360Status)
        let history = try copy.history(of: "T1")
        #expect(history.allSatisfy { $0.raw["spectatorDetails"] == MappedHolder.sealedMarker })
        #expect(try await copy.verify().intact)
        await #expect(throws: LedgerError.keyFileRequired(path: ledger.path + ".key")) {
            try await copy.subjectAccess(email: "ada.lovelace@example.com")
        }
        // Named but missing is an error, not a quiet fallback to sealed.
        #expect(throws: LedgerError.self) { try LedgerDatabase(readingAt: ledger.path, keyFile: ledger.directory.path("nope.key"), logger: .test) }
        // With its key file named, the same copy opens everything.
        let opened = try LedgerDatabase(readingAt: ledger.path, keyFile: ledger.directory.path("elsewhere.key"), logger: .test)
        #expect(try await opened.status(of: "T1").holder.json["individualLastname"] != nil)
    }

    @Test func aKeyFileGroupOrOthersCanReadIsRefusedWithTheFix() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: Self.lines)
        let keyFile = ledger.path + ".key"
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: keyFile)
        #expect(throws: LedgerError.keyFileExposed(path: keyFile, mode: "640")) { try LedgerDatabase(readingAt: ledger.path, logger: .test) }
        #expect(throws: LedgerError.keyFileExposed(path: keyFile, mode: "640")) { try LedgerDatabase(path: ledger.path, logger: .test) }
        #expect(LedgerError.keyFileExposed(path: keyFile, mode: "640").description.contains("chmod 600 \(keyFile)"))
    }

    @Test func aLedgerWithKeysNeitherOpensToWriteWithoutItsKeyFileNorWithAnother() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: Self.lines)
        let keyFile = ledger.path + ".key"
        let other = try await TemporaryLedger()
        try FileManager.default.moveItem(atPath: keyFile, toPath: ledger.directory.path("kept.key"))
        do {
            _ = try LedgerDatabase(path: ledger.path, logger: .test)
            Issue.record("opened to write without its key file")
        } catch let error as LedgerError {
            guard case .keyFileMissing = error else { throw error }
        }
        #expect(!FileManager.default.fileExists(atPath: keyFile), "a new key file was made for a ledger that has keys")
        do {
            _ = try LedgerDatabase(path: ledger.path, keyFile: other.path + ".key", logger: .test)
            Issue.record("opened with another ledger's key file")
        } catch let error as LedgerError {
            guard case .keyFileMismatch = error else { throw error }
        }
    }

    @Test func rotationRewrapsEveryKeySoOnlyTheNewKeyFileOpensTheLedger() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: Self.lines)
        let keys = try Self.clearKeys(ofLedgerAt: ledger.path)
        let report = try await ledger.database.rotateKeys(keepingOld: true)
        #expect(report.personKeys == 3)
        #expect(report.keyID != report.previousKeyID)
        #expect(report.keptOld == ledger.path + ".key.old")
        #expect(try Self.permissions(ledger.path + ".key") == 0o600)
        #expect(Set(try Self.clearKeys(ofLedgerAt: ledger.path)) == Set(keys), "the keys are the same, wrapped anew")
        #expect(!FileManager.default.fileExists(atPath: ledger.path + ".key.new"))
        let reopened = try LedgerDatabase(readingAt: ledger.path, logger: .test)
        #expect(try await reopened.status(of: "T1").holder.json["individualLastname"] != nil)
        do {
            _ = try LedgerDatabase(readingAt: ledger.path, keyFile: ledger.path + ".key.old", logger: .test)
            Issue.record("the old key file still opens the ledger")
        } catch let error as LedgerError {
            guard case .keyFileMismatch = error else { throw error }
        }
    }

    @Test func anInstanceOpenedBeforeARotationNeitherRotatesNorTouchesTheKeyFiles() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: Self.lines)
        _ = try await LedgerDatabase(path: ledger.path, logger: .test).rotateKeys()
        let keyFile = try String(contentsOfFile: ledger.path + ".key", encoding: .utf8)
        await #expect(throws: LedgerError.keysRotated) { try await ledger.database.rotateKeys() }
        #expect(try String(contentsOfFile: ledger.path + ".key", encoding: .utf8) == keyFile)
        #expect(!FileManager.default.fileExists(atPath: ledger.path + ".key.new"))
        #expect(try await LedgerDatabase(readingAt: ledger.path, logger: .test).status(of: "T1").holder.json["individualLastname"] != nil)
    }

    @Test func aKeyFileThatIsNotOneIsRefusedWithoutQuotingIt() async throws {
        let directory = try TemporaryDirectory()
        let secret = Data((0..<32).map { UInt8($0) }).base64EncodedString()
        let path = try directory.write("bad.key", "ticket-ledger-key-file: 1\nkey-encryption-key=\(secret)\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        do {
            _ = try KeyFile.read(at: path)
            Issue.record("a malformed key file was read")
        } catch let error as LedgerError {
            #expect(error.description.contains("line 2"), "\(error)")
            #expect(!error.description.contains(secret.prefix(8)), "the error quotes key material")
        }
    }

    @Test func aWriterOpenedBeforeARotationWritesNothingAfterIt() async throws {
        let ledger = try await TemporaryLedger()
        try await ledger.ingest(lines: Self.lines)
        let rotator = try LedgerDatabase(path: ledger.path, logger: .test)
        _ = try await rotator.rotateKeys()
        // The first instance still holds the old key: a new person's key wrapped under it would be lost.
        let more = [Items.lifecycle("T9", "INJECTED", at: "2026-06-20T11:00:00Z", details: Items.spectator("Edsger", "Dijkstra"))]
        await #expect(throws: LedgerError.keysRotated) { try await ledger.ingest(lines: more, name: "more.jsonl") }
        let fresh = try LedgerDatabase(path: ledger.path, logger: .test)
        _ = try await fresh.ingest(try ItemFile(path: ledger.directory.path("more.jsonl")), organizer: "ORG")
        #expect(try await fresh.status(of: "T9").holder.json["individualLastname"] == .string("Dijkstra"))
    }
}

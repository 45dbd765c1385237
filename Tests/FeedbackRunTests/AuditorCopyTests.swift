import Foundation
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// docs/operations.md, "Handing a ledger over": the ledger file alone answers every read, shows
/// personal data as sealed and holds none of it in clear; a reader that may not write the file
/// or its directory reads it all the same.
@Suite("A ledger handed over alone")
struct AuditorCopyTests {
    static let readCommands: [[String]] = [["status", "SMP-0001"], ["history", "SMP-0001"], ["tickets"], ["summary"], ["verify"]]

    /// Every text the sample page gives a person (names, emails, dates of birth, id numbers).
    static func personalTexts() throws -> [String] {
        let page = try JSONParser.parse(Array(Data(contentsOf: URL(fileURLWithPath: "\(LedgerFixtures.examples)/lifecycle-page.json"))))
        func strings(_ value: JSONValue) -> [String] {
            switch value {
            case .string(let text): [text]
            case .object(let members): members.flatMap { strings($0.value) }
            case .array(let values): values.flatMap(strings)
            default: []
            }
        }
        guard case .array(let tickets) = page["tickets"] else { return [] }
        let personal = tickets.flatMap { ticket in [ticket["spectatorDetails"], ticket["pendingTransfer"]].compactMap { $0 }.flatMap(strings) }
        // Short codes ("MR", "FR", "fr") are not a person's; names, emails, dates and numbers are.
        return Array(Set(personal.filter { $0.count >= 5 }))
    }

    @Test func theLedgerCopiedAloneAnswersEveryReadWithPersonalDataSealed() async throws {
        let directory = try TemporaryDirectory()
        let original = try await ReadsNeverWriteTests.ledger(in: directory)
        let elsewhere = try TemporaryDirectory()
        let copy = elsewhere.path("handed-over.sqlite")
        try FileManager.default.copyItem(atPath: original, toPath: copy)
        for command in Self.readCommands {
            let result = try await ReadsNeverWriteTests.cli(command + ["--db", copy])
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        let status = try await ReadsNeverWriteTests.cli(["status", "SMP-0001", "--db", copy])
        #expect(status.stdout.contains("[sealed: no key file]"), "\(status.stdout)")
        let json = try await ReadsNeverWriteTests.cli(["status", "SMP-0001", "--json", "--db", copy])
        let holder = try JSONParser.parse(Array(json.stdout.utf8))["holder"]
        #expect(holder?["sealed"] == .bool(true))
        #expect(holder?["individualLastname"] == nil)
        #expect(try await ReadsNeverWriteTests.cli(["tickets", "--db", copy]).stdout.contains("[sealed: no key file]"))
        // The original, beside its key file, opens the same person.
        let opened = try await ReadsNeverWriteTests.cli(["status", "SMP-0001", "--json", "--db", original])
        #expect(try JSONParser.parse(Array(opened.stdout.utf8))["holder"]?["individualLastname"]?.stringValue?.isEmpty == false)

        let texts = try Self.personalTexts()
        #expect(texts.count >= 6, "the sample page names people: \(texts.count) texts")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: copy))
        for text in texts {
            #expect(bytes.range(of: Data(text.utf8)) == nil, "a person's text is readable in the copy")
        }
    }

    @Test func readsWorkForAnUnprivilegedUserOnAFileAndDirectoryThatDenyWrites() async throws {
        let directory = try TemporaryDirectory()
        let db = try await ReadsNeverWriteTests.ledger(in: directory)
        // Root reads and writes whatever the permissions say: run the reads as nobody, from a copy
        // of the build that user may execute wherever the checkout lives.
        let program: String
        var prefix: [String] = []
        if geteuid() == 0 {
            let build = try TemporaryDirectory()
            for name in ["ticket-ledger", "TicketLedger_TicketLedger.resources"] {
                try FileManager.default.copyItem(atPath: "\(LedgerFixtures.binDirectory)/\(name)", toPath: build.path(name))
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: build.url.path)
            program = "/usr/bin/setpriv"
            prefix = ["--reuid", "65534", "--regid", "65534", "--clear-groups", build.path("ticket-ledger")]
        } else {
            program = LedgerFixtures.executable("ticket-ledger")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory.url.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.url.path) }
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted()
        for command in Self.readCommands + [["status", "SMP-0001", "--json"]] {
            let result = try await ChildProcess.run(program: program, prefix + command + ["--db", db], environment: ["LOG_LEVEL": "error"])
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted() == files)
    }

    @Test func aKeyFileOthersCanReadIsRefusedWithTheCommandThatFixesIt() async throws {
        let directory = try TemporaryDirectory()
        let db = try await ReadsNeverWriteTests.ledger(in: directory)
        let keyFile = db + ".key"
        let contents = try String(contentsOfFile: keyFile, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile)
        for command in [["status", "SMP-0001"], ["ingest", "--organizer", "ORG-DEMO-1", "--file", "\(LedgerFixtures.examples)/lifecycle-page.json"]] {
            let result = try await ReadsNeverWriteTests.cli(command + ["--db", db])
            #expect(result.status == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("chmod 600 \(keyFile)"), "\(result.stderr)")
            let secret = contents.split(separator: "\n").last { $0.hasPrefix("key-encryption-key") }?.split(separator: " ").last ?? "?"
            #expect(!result.stderr.contains(secret) && !result.stdout.contains(secret), "the key reached the output")
        }
    }
}

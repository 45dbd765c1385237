import Foundation
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// The person lookups at the command line: exit codes that never read like "no tickets",
/// and a subject-access document written only for its owner.
@Suite("Person lookups at the command line")
struct PersonCommandsTests {
    let directory: TemporaryDirectory
    let db: String
    static let kofi = "kofi.mensah@example.com"

    init() async throws {
        directory = try TemporaryDirectory()
        db = directory.path("people.sqlite")
        let ingest = try await Self.cli(["ingest", "--organizer", "ORG-DEMO-1", "--file", "\(LedgerFixtures.examples)/lifecycle-page.json", "--db", db])
        try #require(ingest.status == 0, "\(ingest.stderr)")
    }

    static func cli(_ arguments: [String]) async throws -> ChildProcess.Result {
        try await ChildProcess.run("ticket-ledger", arguments)
    }

    @Test func aPersonsTicketsAndStepsAndAnUnknownOneIsAnErrorNotAnEmptyList() async throws {
        let now = try await Self.cli(["tickets", "--holder-email", Self.kofi, "--json", "--db", db])
        #expect(now.status == 0 && now.stdout == "[]\n", "\(now.stdout)")
        let ever = try await Self.cli(["tickets", "--holder-email", Self.kofi, "--ever", "--csv", "--db", db])
        #expect(ever.stdout.split(separator: "\n").count == 2)
        let steps = try await Self.cli(["history", "--holder-email", Self.kofi, "--json", "--db", db])
        guard case let .array(entries) = try JSONParser.parse(Array(steps.stdout.utf8)) else { Issue.record("not an array"); return }
        #expect(entries.count == 3)
        #expect(!steps.stdout.contains("Mensah"), "the person lookup shows no personal data")
        let unknown = try await Self.cli(["tickets", "--holder-email", "nobody@example.com", "--db", db])
        #expect(unknown.status == 1)
        #expect(unknown.stdout.isEmpty)
        #expect(unknown.stderr.contains("no observation in this ledger names that email address"))
        #expect(!unknown.stderr.contains("nobody"))
        let badUsage = try await Self.cli(["history", "SMP-0001", "--holder-email", Self.kofi, "--db", db])
        #expect(badUsage.status == 64)
    }

    @Test func subjectAccessWritesANewFileOnlyItsOwnerCanRead() async throws {
        let out = directory.path("kofi.json")
        let written = try await Self.cli(["subject-access", "--email", Self.kofi, "--out", out, "--db", db])
        #expect(written.status == 0, "\(written.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: out)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let document = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: out))))
        guard case let .array(observations) = document["observations"] else { Issue.record("no observations"); return }
        #expect(observations.count == 3)
        let again = try await Self.cli(["subject-access", "--email", Self.kofi, "--out", out, "--db", db])
        #expect(again.status == 64)
        let forgotten = try await Self.cli(["forget", "--email", Self.kofi, "--yes", "--db", db])
        #expect(forgotten.status == 0)
        let erased = try await Self.cli(["subject-access", "--email", Self.kofi, "--db", db])
        #expect(erased.status == 0)
        #expect(try JSONParser.parse(Array(erased.stdout.utf8))["erased"] == .bool(true))
        let lookup = try await Self.cli(["tickets", "--holder-email", Self.kofi, "--ever", "--db", db])
        #expect(lookup.status == 1)
        #expect(lookup.stderr.contains("erased on"))
    }
}

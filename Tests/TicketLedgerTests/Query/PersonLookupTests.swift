import Foundation
import LedgerTestSupport
import Testing
@testable import TicketLedger

/// A person found through their key: Ada holds T1, transfers it to Grace and gets it back;
/// holds T2 and transfers it away for good; is the pending recipient of Grace's T3; and is
/// named by two items TIXnGO should not have sent, one of them holding Grace's details too.
/// Linus holds T4 and is never involved.
@Suite("A person's tickets and data")
struct PersonLookupTests {
    static let ada = "ada.lovelace@example.com"
    static let adaDetails = Items.spectator("Ada", "Lovelace")
    static let graceDetails = Items.spectator("Grace", "Hopper")

    static func transfer(to email: String, from wallet: String) -> String {
        #""pendingTransfer":{"recipientEmail":"\#(email)","senderOwnerId":"\#(wallet)"}"#
    }

    static let lines = [
        Items.lifecycle("T1", "DOWNLOADED", at: "2026-06-20T09:00:00Z", details: adaDetails),
        Items.lifecycle("T1", "PENDING_TRANSFER", at: "2026-06-20T09:10:00Z", details: adaDetails,
                        extra: transfer(to: "grace.hopper@example.com", from: "w-ada")),
        Items.lifecycle("T1", "TRANSFERRED", at: "2026-06-20T09:20:00Z", details: graceDetails),
        Items.lifecycle("T1", "PENDING_TRANSFER", at: "2026-06-20T09:30:00Z", details: graceDetails,
                        extra: transfer(to: ada, from: "w-grace")),
        Items.lifecycle("T1", "TRANSFERRED", at: "2026-06-20T09:40:00Z", details: adaDetails),
        Items.lifecycle("T2", "DOWNLOADED", at: "2026-06-20T09:05:00Z", details: adaDetails),
        Items.lifecycle("T2", "PENDING_TRANSFER", at: "2026-06-20T09:15:00Z", details: adaDetails,
                        extra: transfer(to: "grace.hopper@example.com", from: "w-ada")),
        Items.lifecycle("T2", "TRANSFERRED", at: "2026-06-20T09:25:00Z", details: graceDetails),
        Items.lifecycle("T3", "DOWNLOADED", at: "2026-06-20T09:00:00Z", details: graceDetails),
        Items.lifecycle("T3", "PENDING_TRANSFER", at: "2026-06-20T09:50:00Z", details: graceDetails,
                        extra: transfer(to: ada, from: "w-grace")),
        Items.lifecycle("T4", "DOWNLOADED", at: "2026-06-20T09:00:00Z", details: Items.spectator("Linus", "Torvalds")),
        Items.lifecycle("T5", "injected", at: "2026-06-20T09:00:00Z", details: adaDetails),
        // Rejected, and sealed under the first email it names, Ada's: it also holds Grace's details.
        #"{"ticketId":"T6","statusDate":"2026-06-20T09:00:00Z","status":"pending_transfer",\#(transfer(to: ada, from: "w-grace")),"spectatorDetails":\#(graceDetails)}"#,
    ]

    static func ledger() async throws -> TemporaryLedger {
        let ledger = try await TemporaryLedger(mapping: "2023-02-07", mode: .lifecycle)
        try await ledger.ingest(lines: lines)
        return ledger
    }

    @Test func anEmailNamesTheSamePersonWhicheverWayItIsLowered() {
        #expect(LedgerSecrets.normalized(email: " Ada.Lovelace@Example.COM\t") == Self.ada)
        // Either side of the byte-by-byte path: ASCII, white space or a control at the ends, letters beyond ASCII.
        let emails = [
            "Ada.Lovelace@Example.COM", "  Ada@x.org\t", "\nAda@x.org", "ÉLODIE@Exemple.FR", "\u{00A0}bob@x.org",
            "bob@x.org\u{2028}", "İstanbul@x.tr", "MiXeD-123_+tag@Sub.Domain.IO", "\u{7F}x@y.z", "x@y.z\u{1F}", "Z", "",
        ]
        for email in emails {
            #expect(LedgerSecrets.normalized(email: email) == email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
        }
    }

    @Test func ticketsHeldNowAndEver() async throws {
        let ledger = try await Self.ledger()
        #expect(try await ledger.database.tickets(heldBy: Self.ada).map(\.ticketId) == ["T1"])
        #expect(try await ledger.database.tickets(heldBy: " ADA.Lovelace@example.com", ever: true).map(\.ticketId) == ["T1", "T2"])
        #expect(try await ledger.database.tickets(heldBy: "grace.hopper@example.com").map(\.ticketId) == ["T2", "T3"])
    }

    @Test func historyNamesEveryStepWithItsRole() async throws {
        let ledger = try await Self.ledger()
        let steps = try await ledger.database.history(naming: Self.ada)
        let described = steps.map { "\($0.ticketId) \($0.item) \($0.roles.map(\.rawValue).joined(separator: "+"))" }
        #expect(described == [
            "T1 DOWNLOADED holder", "T1 PENDING_TRANSFER holder+sender", "T1 TRANSFERRED sender", "T1 PENDING_TRANSFER recipient",
            "T1 TRANSFERRED holder", "T2 DOWNLOADED holder", "T2 PENDING_TRANSFER holder+sender", "T2 TRANSFERRED sender",
            "T3 PENDING_TRANSFER recipient",
        ])
        #expect(steps.map(\.position) == steps.map(\.position).sorted())
    }

    @Test func subjectAccessHoldsEveryFieldOfTheirsAndNoneOfTheOtherParty() async throws {
        let ledger = try await Self.ledger()
        let document = try await ledger.database.subjectAccess(email: Self.ada)
        let text = document.outputText
        #expect(document["erased"] == .bool(false))
        guard case let .array(observations) = document["observations"] else { Issue.record("no observations"); return }
        #expect(observations.count == 9)
        for field in ["Lovelace", "1990-01-02", "IDLOVELACE", "+33600000000", Self.ada] {
            #expect(text.contains(field), "\(field) is missing")
        }
        for other in ["Hopper", "grace", "IDHOPPER", "w-grace", "Torvalds", "linus"] {
            #expect(!text.lowercased().contains(other.lowercased()), "another person's \(other) is disclosed")
        }
        #expect(text.contains("another person"))
        guard case let .array(rejected) = document["rejectedItems"] else { Issue.record("no rejected items"); return }
        #expect(rejected.count == 2)
        #expect(rejected.first?["item"]?["spectatorDetails"]?["lastName"] == .string("Lovelace"))
        #expect(rejected.last?["item"]?["spectatorDetails"] == .string("another person"))
        #expect(rejected.last?["item"]?["pendingTransfer"]?["recipientEmail"] == .string(Self.ada))
        guard case let .array(held) = document["ticketsEverHeld"] else { Issue.record("no tickets"); return }
        #expect(held.compactMap { $0["ticketId"]?.stringValue } == ["T1", "T2"])
    }

    @Test func afterForgetAllThreeSayErased() async throws {
        let ledger = try await Self.ledger()
        _ = try await ledger.database.forget(email: Self.ada)
        await #expect(throws: LedgerError.self) { try await ledger.database.tickets(heldBy: Self.ada) }
        do {
            _ = try await ledger.database.history(naming: Self.ada)
            Issue.record("history of an erased person answered")
        } catch let error as LedgerError {
            #expect(error.description.contains("erased on"))
        }
        let document = try await ledger.database.subjectAccess(email: Self.ada)
        #expect(document["erased"] == .bool(true))
        #expect(document["erasedAt"] != nil)
        #expect(!document.outputText.contains("Lovelace"))
        // Grace's own lookups still work and still do not show Ada.
        let grace = try await ledger.database.subjectAccess(email: "grace.hopper@example.com")
        #expect(grace["erased"] == .bool(false))
        #expect(!grace.outputText.contains("Lovelace"))
    }

    @Test func anUnknownEmailIsSaidSoNotAnEmptyList() async throws {
        let ledger = try await Self.ledger()
        do {
            _ = try await ledger.database.tickets(heldBy: "nobody@example.com", ever: true)
            Issue.record("an unknown person answered with a list")
        } catch let error as LedgerError {
            #expect(error.description == "no observation in this ledger names that email address")
        }
        await #expect(throws: LedgerError.self) { try await ledger.database.subjectAccess(email: "nobody@example.com") }
    }
}

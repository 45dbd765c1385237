import Foundation
import Testing
import TIXnGOSimulator

@Suite("History items follow the spec and the ledger's translation table")
struct HistoryShapeTests {
    /// The enums of docs/feedback-api.yaml, copied literally.
    private static let legacyStatuses: Set = [
        "INJECTED", "RECEIVED", "ACTIVATED", "TRANSFER_PENDING", "TRANSFERRED", "CONTROLLED", "DELETION_PENDING", "DELETED",
    ]
    private static let actions: Set = ["INJECT", "TRANSFER", "DELETE", "BURN"]
    private static let states: Set = [
        "PENDING", "CONFIRMED", "KO", "DELETION_PENDING", "DELETED", "REGISTRATION_PENDING", "CANCELLED", "FAILED",
    ]

    /// The translation the brief fixes: lifecycle status → allowed legacyStatus/action/state.
    private static let translation: [LifecycleStatus: Set<String>] = [
        .injected: ["INJECTED/INJECT/CONFIRMED"],
        .downloaded: ["RECEIVED/INJECT/CONFIRMED"],
        .assigned: ["RECEIVED/INJECT/CONFIRMED"],
        .pendingTransfer: ["TRANSFER_PENDING/TRANSFER/PENDING"],
        .transferred: ["TRANSFERRED/TRANSFER/CONFIRMED"],
        .failureTransfer: ["TRANSFERRED/TRANSFER/KO", "TRANSFERRED/TRANSFER/CANCELLED", "TRANSFERRED/TRANSFER/FAILED"],
        .failure: ["TRANSFERRED/TRANSFER/KO", "TRANSFERRED/TRANSFER/CANCELLED", "TRANSFERRED/TRANSFER/FAILED"],
        .btActivated: ["ACTIVATED/INJECT/CONFIRMED"],
        .manualActivated: ["ACTIVATED/INJECT/CONFIRMED"],
        .offlineActivated: ["ACTIVATED/INJECT/CONFIRMED"],
        .onlineActivated: ["ACTIVATED/INJECT/CONFIRMED"],
        .deactivated: ["ACTIVATED/INJECT/CONFIRMED"],
        .controlled: ["CONTROLLED/INJECT/CONFIRMED"],
        .deletionPending: ["DELETION_PENDING/DELETE/DELETION_PENDING"],
        .deleted: ["DELETED/DELETE/DELETED", "DELETED/BURN/DELETED"],
    ]

    private static func feed(_ shape: ItemShape) throws -> [FeedEntry] {
        Array(try FeedSequence(configuration: FeedConfiguration(tickets: 2000, seed: 5, shape: shape)))
    }

    @Test func usesOnlyTheEnumValuesOfTheSpec() throws {
        var seen = Set<String>()
        for entry in try Self.feed(.history) {
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(entry.item.jsonBytes())) as? [String: Any])
            #expect(object["status"] == nil)
            let legacy = try #require(object["legacyStatus"] as? String)
            let action = try #require(object["action"] as? String)
            let state = try #require(object["state"] as? String)
            #expect(Self.legacyStatuses.contains(legacy) && Self.actions.contains(action) && Self.states.contains(state))
            #expect((object["transactionId"] as? String)?.hasPrefix("0x") == true)
            seen.insert("\(legacy)/\(action)/\(state)")
        }
        #expect(seen == Set(Self.translation.values.joined()))
    }

    @Test func rendersTheSameLifecycleWithExactlyTheTranslationTable() throws {
        let lifecycle = try Self.feed(.lifecycle)
        let history = try Self.feed(.history)
        #expect(lifecycle.count == history.count)
        for (business, transaction) in zip(lifecycle, history) {
            let status = try #require(business.item.status)
            let item = transaction.item
            let triple = "\(try #require(item.legacyStatus).rawValue)/\(try #require(item.action).rawValue)/\(try #require(item.state).rawValue)"
            #expect(Self.translation[status]?.contains(triple) == true, "\(status.rawValue) rendered as \(triple)")
            #expect(transaction.status == status)
            var stripped = item
            (stripped.legacyStatus, stripped.action, stripped.state, stripped.transactionId) = (nil, nil, nil, nil)
            stripped.status = status
            #expect(stripped == business.item)
        }
    }

    @Test func itemsOfOneTransactionShareItsId() throws {
        var injections = [String: String]()
        var pending = [String: String]()
        for item in try Self.feed(.history).map(\.item) {
            let id = item.transactionId ?? ""
            switch (item.action, item.legacyStatus) {
            case (.inject, _):
                #expect(injections[item.ticketId, default: id] == id)
                injections[item.ticketId] = id
            case (.transfer, .transferPending):
                #expect(id != injections[item.ticketId])
                pending[item.ticketId] = id
            case (.transfer, _):
                #expect(pending[item.ticketId] == id)
            default:
                #expect(id != injections[item.ticketId])
            }
        }
    }
}

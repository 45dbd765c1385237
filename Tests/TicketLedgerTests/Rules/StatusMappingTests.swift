import Testing
@testable import TicketLedger

/// docs/domain.md §3 (families) and §4 (S-360 status), written out by hand.
@Suite struct Mapping20230207PlacesEveryStatusAsDomainSays {
    struct Expected: Sendable, CustomTestStringConvertible {
        var status: TIXnGOStatus
        var family: StatusFamily
        var s360: S360Status
        var anomaly = false
        var testDescription: String { status.rawValue }
    }

    static let table: [Expected] = [
        Expected(status: .INJECTED, family: .INITIAL_DELIVERY, s360: .PRINTED),
        Expected(status: .DOWNLOADED, family: .INITIAL_DELIVERY, s360: .PRINTED),
        Expected(status: .ASSIGNED, family: .INITIAL_DELIVERY, s360: .PRINTED),
        Expected(status: .DEFAULT, family: .INITIAL_DELIVERY, s360: .PRINTED, anomaly: true),
        Expected(status: .INVALID, family: .INITIAL_DELIVERY, s360: .PRINTED, anomaly: true),
        Expected(status: .PENDING_TRANSFER, family: .TRANSFER, s360: .PRINTED),
        Expected(status: .PENDING, family: .TRANSFER, s360: .PRINTED),
        Expected(status: .FAILURE_TRANSFER, family: .TRANSFER, s360: .PRINTED),
        Expected(status: .FAILURE, family: .TRANSFER, s360: .PRINTED),
        Expected(status: .TRANSFERRED, family: .TRANSFER, s360: .PRINTED),
        Expected(status: .BT_ACTIVATED, family: .ACTIVATION, s360: .PRINTED),
        Expected(status: .MANUAL_ACTIVATED, family: .ACTIVATION, s360: .PRINTED),
        Expected(status: .OFFLINE_ACTIVATED, family: .ACTIVATION, s360: .PRINTED),
        Expected(status: .ONLINE_ACTIVATED, family: .ACTIVATION, s360: .PRINTED),
        Expected(status: .ACTIVATED, family: .ACTIVATION, s360: .PRINTED),
        Expected(status: .DEACTIVATED, family: .ACTIVATION, s360: .PRINTED),
        Expected(status: .CONTROLLED, family: .CONTROL, s360: .CONTROLLED),
        Expected(status: .DELETION_PENDING, family: .DELETION, s360: .INVALIDATED),
        Expected(status: .DELETED, family: .DELETION, s360: .INVALIDATED),
    ]

    let rules: MappingRuleSet

    init() throws {
        rules = try .bundled("2023-02-07")
    }

    @Test(arguments: table) func statusLandsOnItsFamilyAndS360Status(_ expected: Expected) {
        let rule = rules.statuses[expected.status]
        #expect(rule == StatusRule(family: expected.family, s360Status: expected.s360, anomaly: expected.anomaly))
    }

    @Test func theTableCoversAllNineteenStatuses() {
        #expect(Set(Self.table.map(\.status)) == Set(TIXnGOStatus.allCases))
        #expect(Self.table.count == 19)
    }

    @Test func aDeletedTicketIsCancelledOnlyWhenS360CancelledIt() {
        let deletion = rules.deletion
        #expect(deletion.byReason == [.CANCELLED: .CANCELLED, .INVALIDATED: .INVALIDATED])
        #expect(deletion.withoutReason == .INVALIDATED)
    }

    @Test func historyModeTranslatesTransactionsAsDomainSection5Says() {
        let received = rules.historyRule(for: .RECEIVED, action: .INJECT)
        #expect(received?.applied == .DOWNLOADED)
        #expect(received?.appliedWithDetails == .ASSIGNED)
        #expect(rules.historyRule(for: .TRANSFER_PENDING, action: .TRANSFER)?.pending == .PENDING_TRANSFER)
        #expect(rules.historyRule(for: .TRANSFER_PENDING, action: .TRANSFER)?.failed == .FAILURE_TRANSFER)
        #expect(rules.historyRule(for: .DELETED, action: .BURN)?.applied == .DELETED)
        #expect(rules.historyRule(for: .INJECTED, action: .INJECT)?.failed == nil)
        for state in [TransactionState.CONFIRMED, .DELETION_PENDING, .DELETED] {
            #expect(rules.transactionOutcomes[state] == .applied)
        }
        for state in [TransactionState.PENDING, .REGISTRATION_PENDING] {
            #expect(rules.transactionOutcomes[state] == .pending)
        }
        for state in [TransactionState.KO, .FAILED, .CANCELLED] {
            #expect(rules.transactionOutcomes[state] == .failed)
        }
    }
}

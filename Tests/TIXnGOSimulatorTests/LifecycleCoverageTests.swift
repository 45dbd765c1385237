import Foundation
import Testing
import TIXnGOSimulator

@Suite("Lifecycles cover every status family with realistic fields")
struct LifecycleCoverageTests {
    /// The generated feed, or the error that stopped it (each test reports it, none crashes).
    private static let generatedFeed = Result {
        Array(try FeedSequence(configuration: FeedConfiguration(tickets: 3000, seed: 11, shape: .lifecycle)))
    }

    private static func entries() throws -> [FeedEntry] { try generatedFeed.get() }

    private static let generated: [LifecycleStatus] = [
        .injected, .downloaded, .assigned, .pendingTransfer, .transferred, .failureTransfer, .failure,
        .btActivated, .manualActivated, .offlineActivated, .onlineActivated, .deactivated, .controlled,
        .deletionPending, .deleted,
    ]

    @Test(arguments: generated)
    func statusAppearsOnEnoughTickets(_ status: LifecycleStatus) throws {
        let tickets = Set(try Self.entries().filter { $0.item.status == status }.map(\.item.ticketId))
        #expect(tickets.count >= 15, "\(status.rawValue) on \(tickets.count) tickets")
    }

    @Test(arguments: StatusFamily.allCases)
    func familyAppearsOnManyTickets(_ family: StatusFamily) throws {
        let tickets = Set(try Self.entries().filter { $0.item.status?.family == family }.map(\.item.ticketId))
        #expect(tickets.count >= 100, "\(family.rawValue) on \(tickets.count) tickets")
    }

    @Test func itemsCarryTheFieldsOfTheirStatus() throws {
        for entry in try Self.entries() {
            let item = entry.item
            let status = try #require(item.status)
            #expect(item.organizationId?.hasPrefix("ORG-DEMO-") == true)
            #expect(item.eventId != nil)
            #expect((item.spectatorDetails == nil) == (item.ownerId == nil))
            switch status {
            case .injected:
                #expect(item.spectatorDetails == nil)
            case .pendingTransfer:
                #expect(item.pendingTransfer?.recipientEmail?.contains("@") == true)
                #expect(item.pendingTransfer?.senderOwnerId == item.ownerId)
            case .btActivated:
                #expect(item.activation == Activation(method: .bluetooth, time: item.statusDate))
                #expect(item.beaconName?.contains("-GATE-") == true)
            case .manualActivated, .offlineActivated, .onlineActivated:
                #expect(item.activation?.time == item.statusDate)
                #expect(item.activation?.method?.status == status)
            case .controlled:
                #expect(item.control?.gate != nil && item.control?.time == item.statusDate)
            case .deletionPending, .deleted:
                #expect(item.deletionReason != nil)
            default:
                #expect(item.spectatorDetails?.email != nil)
            }
        }
    }

    @Test func transfersChangeTheOwnerAndFailuresKeepTheHolder() throws {
        var previous = [String: TicketChange]()
        var transferred = 0
        for item in try Self.entries().map(\.item) {
            if let before = previous[item.ticketId] {
                switch item.status {
                case .transferred:
                    #expect(item.ownerId != before.ownerId)
                    #expect(item.spectatorDetails?.email == before.pendingTransfer?.recipientEmail)
                    transferred += 1
                case .failureTransfer, .failure:
                    #expect(item.ownerId == before.ownerId)
                    #expect(item.spectatorDetails == before.spectatorDetails)
                default:
                    break
                }
            }
            previous[item.ticketId] = item
        }
        #expect(transferred > 50)
    }

    @Test func spectatorsLookLikePeople() throws {
        let people = Dictionary(
            try Self.entries().compactMap(\.item.spectatorDetails).map { ($0.email ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        #expect(people.count > 2000)
        let abroad = people.values.filter { $0.nationality != $0.residenceCountry }.count
        let share = Double(abroad) / Double(people.count)
        #expect((0.12...0.28).contains(share), "residence differs from nationality for \(share)")
        for person in people.values {
            #expect(person.dateOfBirth?.wholeMatch(of: /(19[5-9]\d|200\d)-\d\d-\d\d/) != nil)
            #expect(person.title != nil && person.firstName != nil && person.lastName != nil)
            #expect(person.idCardNumber?.count == 9 && person.phoneNumber?.hasPrefix("+") == true)
            #expect(person.language != nil && person.organizerSpectatorPreference?.allowPromoEmail != nil)
        }
    }

    @Test func someTicketsCarryExtraInfo() throws {
        let withExtra = Set(try Self.entries().filter { $0.item.ticketDetails?.extra?["ExtraInfo1"] != nil }.map(\.item.ticketId))
        #expect(withExtra.count > 500 && withExtra.count < 1500)
    }

    @Test func aTypicalItemIsAFewHundredBytes() throws {
        let held = try Self.entries().filter { $0.item.spectatorDetails != nil }.map { $0.item.jsonBytes().count }
        let average = held.reduce(0, +) / held.count
        #expect((450...750).contains(average), "average \(average) bytes")
    }
}

import Foundation
import LedgerTestSupport
import Testing
import TIXnGOSimulator

/// Where and how the simulator answers, as docs/feedback-api.yaml declares it (the full
/// contract is checked by Scripts/contract-check.sh with schemathesis).
@Suite("The simulator answers where the contract says")
struct ContractPathTests {
    @Test func theEndpointLivesUnderTheContractsBasePath() async throws {
        let contract = try FeedbackContract.load()
        #expect(SimulatorServer.basePath == contract.serverPath)
        let feed = try smallFeed(tickets: 20)
        try await withServer(feed: feed, clock: .manual(start: endOfDay(feed))) { _, client in
            let served = try await client.send("GET", path: "\(contract.requestPath)?limit=5")
            #expect(served.status == 200)
            let outside = try await client.send("GET", path: "\(contract.operationPath)?limit=5")
            #expect(outside.status == 404)
        }
    }

    @Test(arguments: ["POST", "PUT", "PATCH", "DELETE", "QUERY"])
    func aMethodTheContractDoesNotDeclareGets405WithAllow(method: String) async throws {
        let feed = try smallFeed(tickets: 20)
        try await withServer(feed: feed, clock: .manual(start: endOfDay(feed))) { _, client in
            let answer = try await client.send(method, path: try FeedbackContract.load().requestPath)
            #expect(answer.status == 405)
            #expect(answer.headers["allow"] == "GET")
        }
    }
}

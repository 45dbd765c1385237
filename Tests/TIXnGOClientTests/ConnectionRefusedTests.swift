import Foundation
import TIXnGOClient
import Testing

@Suite struct ConnectionRefusedTests {
    /// A port on 127.0.0.1 that nothing listens on: bound, read, closed.
    private static func closedPort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(socket >= 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func anUnreachableTIXnGOIsNamedByHostAndPortInPlainWords() async throws {
        let port = try Self.closedPort()
        var harness = ClientHarness()
        harness.policy = RetryPolicy(maxAttempts: 2)
        let error = await #expect(throws: TIXnGOClientError.self) {
            try await harness.fetch(baseURL: "http://127.0.0.1:\(port)/v3/organizer")
        }
        let message = try #require(error?.description)
        #expect(message.contains("could not connect to 127.0.0.1:\(port) (connection refused)"), "\(message)")
        #expect(!message.contains("errno"))
    }
}

import Foundation
import LedgerTestSupport
import Testing

@testable import TIXnGOClient

@Suite struct APIKeyTests {
    @Test func readsTheEnvironmentVariableTrimmingTheNewline() throws {
        let key = try APIKey.fromEnvironment(["TIXNGO_API_KEY": "abc123\n"])
        #expect(key.value == "abc123")
    }

    @Test(arguments: [[:], ["TIXNGO_API_KEY": ""], ["TIXNGO_API_KEY": " \n"]])
    func missingEnvironmentVariableSaysWhatToSet(environment: [String: String]) {
        let error = #expect(throws: TIXnGOClientError.self) { try APIKey.fromEnvironment(environment) }
        #expect(error?.description.contains("TIXNGO_API_KEY") == true)
        #expect(error?.description.contains("--api-key-file") == true)
    }

    @Test func readsAFileTrimmingTheTrailingNewline() throws {
        let path = try temporaryFile(containing: "file-key-9\r\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try APIKey(contentsOfFile: path).value == "file-key-9")
    }

    @Test func missingFileIsNamed() {
        let path = "/nonexistent/tixngo-key-\(UUID().uuidString)"
        let error = #expect(throws: TIXnGOClientError.self) { try APIKey(contentsOfFile: path) }
        #expect(
            error?.description == "cannot read the TIXnGO API key file \(path): check that it exists and is readable"
        )
    }

    @Test func emptyFileIsNamed() throws {
        let path = try temporaryFile(containing: "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: TIXnGOClientError.self) { try APIKey(contentsOfFile: path) }
        #expect(error?.description.contains(path) == true)
    }

    @Test func malformedKeyIsRefusedWithoutQuotingIt() throws {
        let path = try temporaryFile(containing: "secret with spaces\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: TIXnGOClientError.self) { try APIKey(contentsOfFile: path) }
        #expect(error?.description.contains(path) == true)
        #expect(error?.description.contains("secret") == false)
    }

    private func temporaryFile(containing text: String) throws -> String {
        let path = TestScratch.file("tixngo-key").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

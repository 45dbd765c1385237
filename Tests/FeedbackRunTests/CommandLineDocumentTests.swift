import Foundation
import LedgerTestSupport
import Testing

/// docs/cli.md quotes every command's `--help`: a changed flag or wording fails here until
/// `Scripts/cli-doc.sh` is run and the document committed with the change.
@Suite struct CommandLineDocumentTests {
    @Test func theDocumentQuotesEveryCommandsCurrentHelp() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["\(LedgerFixtures.packageRoot)/Scripts/cli-doc.sh", "--check"]
        process.environment = ProcessInfo.processInfo.environment.merging(["BIN": LedgerFixtures.binDirectory]) { _, new in new }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text.suffix(3000))")
    }
}

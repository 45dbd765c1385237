import ArgumentParser
import Foundation
import TicketLedger

extension TicketLedgerCommand {
    struct SubjectAccess: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "subject-access",
            abstract: "Everything the ledger holds about one person, as one JSON document (GDPR Article 15).",
            discussion: """
                Every observation naming the person with their personal data opened, where and when it was collected, \
                the tickets they held, their cultural contact and distributions, and the rejected items sealed under \
                their key; another person appears only as "another person". After forget, the document says the data \
                was erased and when. Exit codes: 0 written; 1 no observation names that email; 64 bad usage.
                """)

        @Option(help: "The person's email address.") var email: String
        @Option(help: "Write the document to this new file (mode 0600) instead of standard output.") var out: String?
        @OptionGroup var ledger: LedgerOptions

        func validate() throws {
            if !email.contains("@") { throw ValidationError("--email needs an email address") }
            if let out, FileManager.default.fileExists(atPath: out) {
                throw ValidationError("--out \(out): that file exists; name a new one (the document holds personal data)")
            }
        }

        func run() async throws {
            let document = try await ledger.openForReading().subjectAccess(email: email)
            guard let out else { return Output.json(document) }
            let descriptor = open(out, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else {
                throw Output.fail("cannot create \(out): \(String(cString: strerror(errno)))", code: 1)
            }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            try handle.write(contentsOf: Data((document.outputText + "\n").utf8))
            try handle.synchronize()
            print("wrote \(out)")
        }
    }
}

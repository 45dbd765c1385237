import ArgumentParser
import Foundation
import LedgerPublishing
import Logging
import TicketLedger

extension TicketLedgerCommand {
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the ledger: SQLite's integrity, the hash chain, the Merkle tree and its signed heads; exit 1 naming the first problem.",
            discussion: """
                With --digest FILE (a digest log, one tree head per line, or one head; - for standard input): also \
                check each head's signature and prove that the ledger today extends it (no event at or before its \
                size changed), naming the first head it no longer extends and where the change lies. Heads kept \
                outside the ledger are what catches someone who could rewrite the file and its chain \
                (docs/security.md). --public-key checks the signatures under the ledger's key (digest --public-key); \
                without it, under the ledger's key file when there is one, else under the key each head names.
                With --postgres URL --ledger ID: check the copy `publish` made instead, from its rows alone (no ledger \
                file, no key): recompute its hash chain and name the first position that does not match.
                """)

        @Option(help: "Tree heads kept outside the ledger: a digest log or one head's JSON; - for standard input.")
        var digest: String?
        @Option(name: .customLong("public-key"), help: "The key the heads must be signed with (base64), from digest --public-key.")
        var publicKey: String?
        @Option(help: ArgumentHelp("Check the PostgreSQL copy at this URL instead of the ledger file (with --ledger).", valueName: "url"))
        var postgres: String?
        @Option(name: .customLong("ledger"), help: "The id of the ledger whose copy --postgres checks (digest --json, publish name it).")
        var ledgerID: String?
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var ledger: LedgerOptions

        func validate() throws {
            guard (postgres == nil) == (ledgerID == nil) else { throw ValidationError("--postgres and --ledger go together") }
            if postgres != nil, digest != nil || publicKey != nil {
                throw ValidationError("--postgres checks the copy's chain; --digest and --public-key check a ledger file")
            }
        }

        func run() async throws {
            if let postgres, let ledgerID { return try await verifyCopy(at: postgres, ledgerID: ledgerID) }
            let database = try ledger.openForReading()
            let heads = try digest.map(Self.heads)
            let key = try publicKey.map { text in
                guard let key = Data(base64Encoded: text), key.count == 32 else { throw ValidationError("--public-key: not a base64 Ed25519 key") }
                return key
            } ?? (database.opensPersonalData ? try? database.publicKey() : nil)
            let bar = ProgressBar("verify", unit: "events", enabled: !json)
            let report = try await database.verify(progress: bar.update)
            bar.finish()
            var digestReport: DigestReport?
            if let heads { digestReport = try await database.check(heads, publicKey: key) }
            if json {
                var members = report.json.members
                if let digestReport { members.append(("digest", digestReport.json)) }
                Output.json(.object(members))
            } else if report.intact {
                print("ledger intact: \(report.events) events, hash chain, Merkle tree, tree heads and SQLite integrity check pass")
                if let digestReport, digestReport.holds {
                    print("the ledger extends all \(digestReport.heads) tree head(s) given\(key == nil ? " (signatures checked under the keys they name)" : "")")
                }
            }
            guard report.intact else { throw Output.fail(report.problem ?? "the ledger does not verify", code: 1) }
            if let failure = digestReport?.failure { throw Output.fail(failure.reason, code: 1) }
        }

        /// `--postgres URL --ledger ID`: the copy's chain, from its rows.
        private func verifyCopy(at url: String, ledgerID: String) async throws {
            let address: PostgresAddress
            do {
                address = try Publish.address(url)
            } catch let invalid as ValidationError {
                throw ValidationError(invalid.message.replacingOccurrences(of: "--to:", with: "--postgres:"))
            }
            ledger.logging.bootstrap()
            let bar = ProgressBar("verify", unit: "events", enabled: !json)
            let report = try await PostgresChainCheck.verify(
                ledgerID: ledgerID, at: address, logger: Logger(label: "ticket-ledger.verify"),
                progress: { done, through in bar.update(Int(done), Int(through)) })
            bar.finish()
            if json {
                Output.json(report.json)
            } else if report.intact {
                print("copy intact: ledger \(ledgerID) in \(address), \(report.events) events, hash chain recomputed from its rows")
            }
            guard report.intact else { throw Output.fail(report.problem ?? "the copy does not verify", code: 1) }
        }

        /// The heads of --digest; a file with a line that is no head is bad usage, naming the line.
        private static func heads(_ path: String) throws -> [SignedTreeHead] {
            guard let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path) else {
                throw ValidationError("--digest \(path): no readable file there")
            }
            let (heads, unreadable) = SignedTreeHead.heads(inDigestLog: data)
            if let line = unreadable.first { throw ValidationError("--digest \(path): line \(line) is not a signed tree head") }
            guard !heads.isEmpty else { throw ValidationError("--digest \(path): no tree head in it") }
            return heads
        }
    }
}

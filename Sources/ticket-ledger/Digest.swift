import ArgumentParser
import Foundation
import TicketLedger

extension TicketLedgerCommand {
    struct Digest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the ledger's newest signed tree head, or the key that verifies it.",
            discussion: """
                A tree head states how many events the ledger held and the root of their Merkle tree, signed by the \
                key file's signing key; every ingest run and every forget signs one. Keep heads outside the ledger \
                (ingest --digest-log, or this command's output mailed or printed): `verify --digest` proves the ledger \
                still extends them. --public-key prints the verification key (base64, raw Ed25519), from the key \
                file: hand it to whoever checks proofs. Exit codes: 0 printed; 66 no ledger at the path; 1 no tree \
                head yet, or no key file for --public-key.
                """)

        @Flag(name: .customLong("public-key"), help: "Print the verification key instead (needs the key file).")
        var publicKey = false
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var ledger: LedgerOptions

        func run() async throws {
            let database = try ledger.openForReading()
            if publicKey {
                let key = try database.publicKey().base64EncodedString()
                return json ? Output.json(.object([("publicKey", .string(key))])) : print(key)
            }
            guard let head = try await database.latestTreeHead() else {
                throw Output.fail("the ledger has no signed tree head yet: an ingest run or forget signs one", code: 1)
            }
            if json { return Output.json(head.json) }
            print("""
                ledger \(head.ledgerID): \(head.treeSize) events, root \(head.rootHash.hexText)
                signed \(head.timestamp) by key \(head.publicKey.base64EncodedString())
                """)
        }
    }

    struct CheckProof: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-proof",
            abstract: "Check a ticket's proof document (history --proof --json) without any ledger.",
            discussion: """
                Checks the tree head's signature, then that every event's leaf is that ticket's row at its position \
                and that its inclusion proof leads to the head's root (docs/proofs.md). Without --public-key the \
                signature is checked under the key the document names, which proves the document whole but not whose \
                it is: give the ledger's key (digest --public-key) to prove that too. Exit codes: 0 the proof holds; \
                1 it does not (the sentence says where); 64 bad usage or not a proof document.
                """)

        @Argument(help: "The proof document, or - for standard input.") var file: String
        @Option(name: .customLong("public-key"), help: "The ledger's verification key (base64), from digest --public-key.")
        var publicKey: String?

        func run() async throws {
            let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: file)
            guard let data else { throw ValidationError("\(file): no readable file there") }
            // One document, or JSON Lines of them (one per ticket).
            let documents = TicketProof(document: data).map { [$0] }
                ?? data.split(separator: UInt8(ascii: "\n")).map { TicketProof(document: Data($0)) }
            let proofs = documents.compactMap { $0 }
            guard !proofs.isEmpty, proofs.count == documents.count else {
                throw ValidationError("\(file): not a ticket proof document (history TICKET --proof --json writes one)")
            }
            let key = try publicKey.map { text in
                guard let key = Data(base64Encoded: text), key.count == 32 else { throw ValidationError("--public-key: not a base64 Ed25519 key") }
                return key
            }
            for proof in proofs {
                if let problem = proof.problem(publicKey: key) {
                    throw Output.fail("the proof of ticket \(proof.ticketId) does not hold: \(problem)", code: 1)
                }
            }
            let signer = key == nil ? "by the key the document names (give --public-key to check it is the ledger's)" : "by the key given"
            if let proof = proofs.first, proofs.count == 1 {
                let positions = proof.events.map { String($0.position) }.joined(separator: ", ")
                print("""
                    proof holds: \(proof.events.count) event(s) of ticket \(proof.ticketId) (organizer \(proof.organizer)) at position(s) \
                    \(positions) are in the tree of \(proof.treeHead.treeSize) events signed \(proof.treeHead.timestamp) \(signer)
                    """)
            } else {
                print("\(proofs.count) proofs hold: \(proofs.reduce(0) { $0 + $1.events.count }) events, signed \(signer)")
            }
        }
    }
}

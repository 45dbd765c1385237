import ArgumentParser
import TicketLedger

extension TicketLedgerCommand {
    struct Mappings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the bundled mapping rule sets, mark the ledger's, or validate a mapping file.")

        @Option(help: "Validate this mapping file (file, line and reason on error).") var check: String?
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var ledger: LedgerOptions

        func run() async throws {
            if let check {
                let rules = try MappingRuleSet.load(from: .init(fileURLWithPath: check))
                if json {
                    return Output.json(.object([("path", .string(check)), ("version", .string(rules.version)), ("contentHash", .string(rules.contentHash)), ("valid", .bool(true))]))
                }
                return print("\(check): valid mapping rule set \(rules.version) (\(rules.contentHash.prefix(12)))")
            }
            let live: ProjectionSettings?
            do {
                live = try await ledger.openForReading().liveProjection()
            } catch LedgerError.noLedger(_) {
                live = nil  // the bundled list is worth showing without a ledger
            }
            let rows = try MappingRuleSet.bundledVersions.map { version in
                let rules = try MappingRuleSet.bundled(version)
                return (rules, live?.rules.contentHash == rules.contentHash)
            }
            if json {
                var entries: [JSONValue] = rows.map { rules, used in
                    .object([
                        ("version", .string(rules.version)), ("document", .string(rules.document)),
                        ("contentHash", .string(rules.contentHash)), ("bundled", .bool(true)), ("inUse", .bool(used)),
                    ])
                }
                if let live, !rows.contains(where: { $0.1 }) {
                    entries.append(.object([
                        ("version", .string(live.rules.version)), ("document", .string(live.rules.document)),
                        ("contentHash", .string(live.rules.contentHash)), ("bundled", .bool(false)), ("inUse", .bool(true)),
                        ("source", .string(live.ruleSource)),
                    ]))
                }
                return Output.json(.array(entries))
            }
            var table = TextTable(["", "version", "document", "hash"])
            for (rules, used) in rows { table.add([used ? "*" : "", rules.version, rules.document, String(rules.contentHash.prefix(12))]) }
            if let live, !rows.contains(where: { $0.1 }) {
                table.add(["*", live.rules.version, live.ruleSource, String(live.rules.contentHash.prefix(12))])
            }
            print(table.rendered)
            if let live { print("* the ledger's projection (\(live.mode.rawValue) mode)") }
        }
    }
}

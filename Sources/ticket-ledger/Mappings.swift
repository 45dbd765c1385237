import ArgumentParser
import Foundation
import TicketLedger

extension TicketLedgerCommand {
    struct Mappings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List, check, export and compare mapping rule sets (sectioned CSV files or .xlsx workbooks).",
            discussion: """
                A mapping is a bundled version name (`ticket-ledger mappings` lists them), a sectioned CSV file, \
                or an .xlsx workbook with one sheet per section (docs/mapping-rule-sets.md).
                """,
            subcommands: [List.self, Export.self, Diff.self],
            defaultSubcommand: List.self)
    }
}

extension TicketLedgerCommand.Mappings {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the bundled mapping rule sets and mark the ledger's, or check a mapping file.",
            discussion: """
                With --check, the file is read and validated whole: every problem is listed (up to 50), each \
                with its line (CSV) or sheet and cell (workbook: `status!C7`). Exit codes: 0 valid; 1 invalid; \
                66 no such file.
                """)

        @Option(help: ArgumentHelp("Validate this mapping file (.csv or .xlsx).", valueName: "path")) var check: String?
        @Flag(help: "Print one JSON document.") var json = false
        @OptionGroup var ledger: LedgerOptions

        func run() async throws {
            if let check { return try checkFile(check) }
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

        private func checkFile(_ path: String) throws {
            try MappingArgument.requireFile(path)
            do {
                let document = try MappingRuleSet.document(path)
                let rules = document.rules
                if json {
                    return Output.json(.object([
                        ("path", .string(path)), ("valid", .bool(true)), ("version", .string(rules.version)),
                        ("contentHash", .string(rules.contentHash)), ("sourceHash", .string(document.sourceHash)),
                        ("ignoredSheets", .array(document.ignoredSheets.map(JSONValue.string))),
                    ]))
                }
                print("\(path): valid mapping rule set \(rules.version) (\(rules.contentHash.prefix(12)))")
                if !document.ignoredSheets.isEmpty {
                    print("ignored sheets (not a section of the format): \(document.ignoredSheets.joined(separator: ", "))")
                }
            } catch {
                guard json else { throw error }
                Output.json(.object([("path", .string(path)), ("valid", .bool(false))] + error.json))
                throw ExitCode(1)
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a mapping rule set as an .xlsx workbook or as sectioned CSV.",
            discussion: """
                The workbook has an `about` sheet, one sheet per section with a bold frozen header row and \
                drop-down lists on every column with a fixed vocabulary, and a `lists` sheet holding those \
                values; Excel and LibreOffice open it as it is. The CSV is the rule set's canonical text, the one \
                the ledger stores. OUT must not exist (it is never replaced). Exit codes: 0 written; 1 invalid mapping or OUT exists; \
                64 neither --xlsx nor --csv (or both); 66 no such mapping.
                """)

        @Argument(help: ArgumentHelp("A bundled version, or a mapping file (.csv or .xlsx).", valueName: "version-or-path"))
        var mapping: String
        @Option(help: ArgumentHelp("Write an .xlsx workbook here.", valueName: "out")) var xlsx: String?
        @Option(help: ArgumentHelp("Write sectioned CSV here.", valueName: "out")) var csv: String?

        func validate() throws {
            guard (xlsx == nil) != (csv == nil) else { throw ValidationError("give one of --xlsx OUT or --csv OUT") }
        }

        func run() async throws {
            try MappingArgument.requireVersionOrFile(mapping)
            let rules = try MappingRuleSet.resolve(mapping)
            let (out, bytes) = if let xlsx { (xlsx, try rules.workbook()) } else { (csv ?? "", Data(rules.canonicalText.utf8)) }
            try TicketLedgerCommand.Mappings.create(out, bytes)
            print("wrote mapping rule set \(rules.version) (\(rules.contentHash.prefix(12))) to \(out)")
        }
    }

    /// Writes `bytes` to a new file `out` (O_EXCL: an existing file, a workbook someone edited, is never
    /// replaced), synced; a failed write removes what it made.
    private static func create(_ out: String, _ bytes: Data) throws {
        let descriptor = open(out, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "it exists; choose another name or remove it" : String(cString: strerror(errno))
            throw Output.fail("cannot write \(out): \(reason)", code: 1)
        }
        let written = bytes.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                guard count > 0 else { return false }
                offset += count
            }
            return fsync(descriptor) == 0
        }
        let failure = String(cString: strerror(errno))
        close(descriptor)
        guard written else {
            unlink(out)
            throw Output.fail("cannot write \(out): \(failure)", code: 1)
        }
    }

    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the rule changes from mapping A to mapping B, by section and key.",
            discussion: """
                Each of A and B is a bundled version, a CSV file or a workbook. One line per changed value: \
                `holder individualCountryCode: residenceCountry → nationality`. Exit codes, as diff(1): 0 the \
                rules are equal; 1 they differ; 64 a mapping is invalid; 66 no such mapping.
                """)

        @Argument(help: ArgumentHelp("The mapping before.", valueName: "a")) var before: String
        @Argument(help: ArgumentHelp("The mapping after.", valueName: "b")) var after: String
        @Flag(help: "Print the changes as a JSON list of {section, key, field, from, to}.") var json = false

        func run() async throws {
            let rules: [MappingRuleSet]
            do {
                rules = try [before, after].map { name in
                    try MappingArgument.requireVersionOrFile(name)
                    return try MappingRuleSet.resolve(name)
                }
            } catch let error as MappingError {
                throw Output.fail(error.description, code: 64)
            }
            let changes = rules[0].changes(to: rules[1])
            if json {
                Output.json(.array(changes.map { change in
                    .object([
                        ("section", .string(change.section)), ("key", .string(change.key)), ("field", .string(change.field)),
                        ("from", change.from.map(JSONValue.string) ?? .null), ("to", change.to.map(JSONValue.string) ?? .null),
                    ])
                }))
            } else {
                for change in changes { print(change) }
            }
            if !changes.isEmpty { throw ExitCode(1) }
        }
    }
}

/// How a mapping named on the command line is found: exit 66 when it is neither a bundled version nor a file.
enum MappingArgument {
    static func requireVersionOrFile(_ name: String) throws {
        guard !MappingRuleSet.bundledVersions.contains(name) else { return }
        try requireFile(name)
    }

    static func requireFile(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            let versions = MappingRuleSet.bundledVersions.joined(separator: ", ")
            throw Output.fail("\(path): no such file, and not a bundled version (\(versions))", code: 66)
        }
    }
}

extension MappingError {
    /// The problems as JSON members: `problems` (each with `line`, or `sheet` and `cell`, and `reason`) and `unlisted`.
    var json: [(String, JSONValue)] {
        let problems: [JSONValue] = self.problems.map { problem in
            var members: [(String, JSONValue)] = []
            switch problem.place {
            case .line(let line)?: members.append(("line", .number(String(line))))
            case .cell(let sheet, let column, let row)?:
                members += [("sheet", .string(sheet)), ("cell", .string(MappingPlace.columnName(column) + String(row)))]
            case .sheet(let sheet)?: members.append(("sheet", .string(sheet)))
            case nil: break
            }
            return .object(members + [("reason", .string(problem.reason))])
        }
        return [("problems", .array(problems)), ("unlisted", .number(String(unlisted)))]
    }
}

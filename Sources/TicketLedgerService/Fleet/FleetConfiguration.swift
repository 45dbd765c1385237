import Foundation
public import TicketLedger
import TIXnGOClient
import SharedSupport
import TOMLKit

/// A fleet file (`ticket-ledger fleet --config fleet.toml`): the organizers one process
/// schedules, each into its own ledger, and what they share. The format, its defaults and
/// its checks: docs/operations.md, "A fleet of organizers".
public struct FleetConfiguration: Sendable {
    /// One organizer's schedule.
    public struct Organizer: Sendable {
        /// The TIXnGO organizer, as `ingest --organizer`.
        public var name: String
        /// The organizer API base, as `ingest --url`.
        public var url: String
        /// The file holding the organizer's API key (read at each run, so a rotated key is taken up).
        public var apiKeyFile: String
        /// The organizer's ledger file.
        public var ledger: String
        /// The ledger's key file (nil: `<ledger>.key`).
        public var keyFile: String?
        /// How often a run starts.
        public var interval: IngestInterval
        /// Items per TIXnGO page.
        public var batchSize: Int
        /// Tickets left out of every run.
        public var skipTickets: Set<String>
        /// The mode and mapping a new ledger is created with (an existing ledger keeps its own).
        public var mode: ProjectionMode
        public var mapping: String?
        /// Whether a plain http:// url to another machine is allowed (it sends the key unencrypted).
        public var allowInsecureHTTP: Bool
        /// The line of the file where the organizer's table begins.
        public var line: Int
    }

    public var organizers: [Organizer]
    /// Runs in progress at once, across all organizers.
    public var maxConcurrentRuns: Int
    /// Where the fleet serves Prometheus metrics (HOST:PORT), if anywhere.
    public var metricsListen: String?

    /// The defaults of what an organizer's table may leave out.
    public static let (defaultInterval, defaultBatchSize, defaultMaxConcurrentRuns) = ("5m", 1_000, 4)

    /// The keys each table may hold; any other is refused (a misspelt key must not be ignored).
    static let topLevelKeys: Set<String> = ["max_concurrent_runs", "metrics_listen", "organizer"]
    static let organizerKeys: Set<String> = [
        "name", "url", "api_key_file", "ledger", "key_file", "interval", "batch_size", "skip_tickets", "mode", "mapping",
        "allow_insecure_http",
    ]

    /// Parses a fleet file's text and checks it as far as the text goes (keys, types, values,
    /// duplicates); ``checkFiles()`` checks what it names on disk.
    public init(text: String, file: String) throws(FleetConfigurationError) {
        let lines = TOMLLines(text)
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw FleetConfigurationError(file: file, line: error.source.begin.line, message: error.description)
        } catch {
            throw FleetConfigurationError(file: file, line: nil, message: "not a TOML document")
        }
        let reader = TableReader(table: root, file: file, lines: lines, organizerIndex: nil)
        try reader.refuseUnknownKeys(Self.topLevelKeys)
        maxConcurrentRuns = try reader.integer("max_concurrent_runs", in: 1...256) ?? Self.defaultMaxConcurrentRuns
        metricsListen = try reader.string("metrics_listen")
        if let listen = metricsListen, ListenAddress(listen) == nil {
            throw reader.error("metrics_listen", "metrics_listen \"\(listen)\" is not HOST:PORT, e.g. 127.0.0.1:9464")
        }
        guard let tables = root["organizer"] else {
            throw FleetConfigurationError(file: file, line: nil, message: "no [[organizer]] table: the fleet has nothing to run")
        }
        guard let array = tables.array, array.count > 0, array.allSatisfy({ $0.table != nil }) else {
            throw FleetConfigurationError(file: file, line: lines.line(ofKey: "organizer", in: nil), message: "organizer must be [[organizer]] tables")
        }
        organizers = []
        for (index, value) in array.enumerated() {
            organizers.append(try Self.organizer(value.table!, index: index, file: file, lines: lines))
        }
        try refuseDuplicates(file: file)
    }

    private static func organizer(_ table: TOMLTable, index: Int, file: String, lines: TOMLLines) throws(FleetConfigurationError) -> Organizer {
        let reader = TableReader(table: table, file: file, lines: lines, organizerIndex: index)
        try reader.refuseUnknownKeys(organizerKeys)
        let name = try reader.required("name")
        let intervalText = try reader.string("interval") ?? defaultInterval
        guard let interval = IngestInterval(intervalText) else {
            throw reader.error("interval", "interval \"\(intervalText)\" is not a whole number and a unit (30s, 5m, 1h)")
        }
        let modeText = try reader.string("mode")
        let mode = try modeText.map { text throws(FleetConfigurationError) in
            guard let mode = ProjectionMode(rawValue: text) else { throw reader.error("mode", "mode must be history or lifecycle, not \"\(text)\"") }
            return mode
        }
        let mapping = try reader.string("mapping")
        if let mapping, !MappingRuleSet.bundledVersions.contains(mapping), !mapping.contains("/"), !mapping.contains(".") {
            throw reader.error("mapping", "mapping \(mapping) is not a bundled version (\(MappingRuleSet.bundledVersions.joined(separator: ", "))) nor a file path")
        }
        let url = try reader.required("url")
        let allowInsecureHTTP = try reader.boolean("allow_insecure_http") ?? false
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else { throw reader.error("url", "url must begin with https:// (or http:// on this machine)") }
        if !allowInsecureHTTP, let host = TIXnGOClientConfiguration.clearTextHost(of: url) {
            throw reader.error("url", "url sends the API key unencrypted to \(host): use https://, or set allow_insecure_http = true")
        }
        return Organizer(
            name: name, url: url, apiKeyFile: try reader.required("api_key_file"), ledger: try reader.required("ledger"),
            keyFile: try reader.string("key_file"), interval: interval,
            batchSize: try reader.integer("batch_size", in: 1...10_000) ?? defaultBatchSize,
            skipTickets: Set(try reader.strings("skip_tickets") ?? []), mode: mode ?? .history, mapping: mapping,
            allowInsecureHTTP: allowInsecureHTTP, line: lines.line(ofTable: "organizer", index: index) ?? 1)
    }

    /// Two entries for one organizer, or two organizers writing one ledger file, would run one
    /// organizer twice or fight over a file: refused, naming both lines.
    private func refuseDuplicates(file: String) throws(FleetConfigurationError) {
        var names: [String: Int] = [:]
        var ledgers: [String: Int] = [:]
        for organizer in organizers {
            if let first = names[organizer.name] {
                throw FleetConfigurationError(file: file, line: organizer.line, message: "organizer \(organizer.name) is already listed at line \(first)")
            }
            names[organizer.name] = organizer.line
            let path = URL(fileURLWithPath: organizer.ledger).standardizedFileURL.path
            if let first = ledgers[path] {
                throw FleetConfigurationError(
                    file: file, line: organizer.line, message: "ledger \(organizer.ledger) is already the ledger of the organizer at line \(first)")
            }
            ledgers[path] = organizer.line
        }
    }

    /// Checks what the file names on disk: each API key file readable and holding a key
    /// (never echoed), each mapping file present, each ledger's folder there. Returns
    /// warnings (a key file group or others can read).
    public func checkFiles(file: String) throws(FleetConfigurationError) -> [String] {
        var warnings: [String] = []
        for organizer in organizers {
            do {
                _ = try APIKey(contentsOfFile: organizer.apiKeyFile)
            } catch {
                throw FleetConfigurationError(file: file, line: organizer.line, message: "organizer \(organizer.name): \(error)")
            }
            if let mode = try? FileManager.default.attributesOfItem(atPath: organizer.apiKeyFile)[.posixPermissions] as? Int, mode & 0o077 != 0 {
                warnings.append("the API key file \(organizer.apiKeyFile) of organizer \(organizer.name) is readable by group or others (mode \(String(mode, radix: 8)))")
            }
            if let mapping = organizer.mapping, !MappingRuleSet.bundledVersions.contains(mapping), !FileManager.default.isReadableFile(atPath: mapping) {
                throw FleetConfigurationError(file: file, line: organizer.line, message: "organizer \(organizer.name): no readable mapping file \(mapping)")
            }
            let folder = URL(fileURLWithPath: organizer.ledger).deletingLastPathComponent().path
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw FleetConfigurationError(file: file, line: organizer.line, message: "organizer \(organizer.name): no folder \(folder) for its ledger")
            }
        }
        return warnings
    }
}

/// A fleet file that cannot be run: the file, the line when known, and what is wrong (never a key).
public struct FleetConfigurationError: Error, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        (self.file, self.line, self.message) = (file, line, message)
    }

    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
}

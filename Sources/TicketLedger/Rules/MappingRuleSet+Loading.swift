import Crypto
public import Foundation

extension MappingRuleSet {
    /// Parses and validates a mapping file's text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(MappingError) -> MappingRuleSet {
        let csv = try SectionedCSV(text: text, file: file, columns: RuleSetReader.columns)
        let reader = RuleSetReader(file: file)
        let header = try reader.header(csv.section("ruleset"))
        return MappingRuleSet(
            version: header.version, document: header.document,
            contentHash: contentHash(of: csv.meaningfulLines),
            statuses: try reader.statuses(csv.section("status")),
            deletion: try reader.deletion(csv.section("deletionReason")),
            history: try reader.history(csv.section("history")),
            transactionOutcomes: try reader.outcomes(csv.section("transactionState")),
            holderFields: try reader.holderFields(csv.section("holder")),
            ticketFields: header.ticketFields, culturalContacts: header.culturalContacts)
    }

    /// Reads, parses and validates the mapping file at `url`; errors name its path.
    public static func load(from url: URL) throws(MappingError) -> MappingRuleSet {
        try parse(try readText(url), file: url.path)
    }

    private static func readText(_ url: URL) throws(MappingError) -> String {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw MappingError(file: url.path, line: nil, reason: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw MappingError(file: url.path, line: firstLineNotUTF8(data), reason: "not UTF-8 text")
        }
        return text
    }

    /// The 1-based line (lines ended by LF) holding the first bytes that are not UTF-8.
    private static func firstLineNotUTF8(_ data: Data) -> Int? {
        for (offset, line) in [UInt8](data).split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
        where String(validating: line, as: UTF8.self) == nil {
            return offset + 1
        }
        return nil
    }

    /// The versions shipped with TicketLedger, oldest first.
    public static let bundledVersions: [String] = {
        guard let folder = Bundle.module.url(forResource: "Mappings", withExtension: nil),
            let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return [] }
        return files.filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(".csv".count)) }.sorted()
    }()

    /// The newest bundled version.
    public static var newestBundledVersion: String {
        guard let newest = bundledVersions.last else { preconditionFailure("TicketLedger ships no mapping rule set") }
        return newest
    }

    /// The bundled rule set of `version`, e.g. `2023-02-07`.
    public static func bundled(_ version: String) throws(MappingError) -> MappingRuleSet {
        try parse(try bundledText(version), file: version)
    }

    /// A bundled version by name, else the mapping file at that path.
    public static func resolve(_ versionOrPath: String) throws(MappingError) -> MappingRuleSet {
        try resolveWithText(versionOrPath).rules
    }

    /// Like ``resolve(_:)``, with the text the rules were read from (the ledger keeps it beside its projection).
    public static func resolveWithText(_ versionOrPath: String) throws(MappingError) -> (rules: MappingRuleSet, text: String) {
        let text: String
        if bundledVersions.contains(versionOrPath) {
            text = try bundledText(versionOrPath)
        } else if FileManager.default.fileExists(atPath: versionOrPath) {
            text = try readText(URL(fileURLWithPath: versionOrPath))
        } else {
            throw MappingError(
                file: versionOrPath, line: nil,
                reason: "neither a bundled version nor an existing file; bundled versions: \(bundledList)")
        }
        return (try parse(text, file: versionOrPath), text)
    }

    /// The text of a bundled version's file.
    static func bundledText(_ version: String) throws(MappingError) -> String {
        guard bundledVersions.contains(version),
            let url = Bundle.module.url(forResource: version, withExtension: "csv", subdirectory: "Mappings")
        else {
            throw MappingError(file: version, line: nil, reason: "not a bundled version; bundled versions: \(bundledList)")
        }
        return try readText(url)
    }

    /// History mode: the rule for this exact (legacyStatus, action), else the legacy status's `*` rule.
    func historyRule(for legacyStatus: LegacyStatus, action: TransactionAction) -> HistoryRule? {
        history[HistoryKey(legacyStatus: legacyStatus, action: action)]
            ?? history[HistoryKey(legacyStatus: legacyStatus, action: nil)]
    }

    private static var bundledList: String { bundledVersions.joined(separator: ", ") }

    /// Hex SHA-256 of the meaningful lines joined by newlines: comments, blank lines and indentation do not count.
    private static func contentHash(of lines: [String]) -> String {
        SHA256.hash(data: Array(lines.joined(separator: "\n").utf8))
            .map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }
            .joined()
    }
}

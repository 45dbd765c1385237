public import Foundation

/// A rule set with where it came from: what `mappings --check` reports and the ledger stores beside it.
public struct MappingDocument: Sendable {
    /// The rules, validated.
    public var rules: MappingRuleSet
    /// The bundled version name or the file path it was read from.
    public var source: String
    /// Hex SHA-256 of the source's bytes as read: which exact file the rules came from.
    public var sourceHash: String
    /// Sheets of a workbook that are no section of the format, and were not read (empty for a CSV file).
    public var ignoredSheets: [String]
}

extension MappingRuleSet {
    /// Parses and validates a sectioned CSV mapping's text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(MappingError) -> MappingRuleSet {
        try RuleSetReader.rules(from: SectionedCSV.read(text, columns: RuleSetReader.columns), file: file)
    }

    /// Reads and validates the mapping at `url`: a sectioned CSV file or an `.xlsx` workbook. Errors name its path.
    public static func load(from url: URL) throws(MappingError) -> MappingRuleSet {
        try document(at: url.path).rules
    }

    /// A bundled version by name, else the mapping file (CSV or workbook) at that path.
    public static func resolve(_ versionOrPath: String) throws(MappingError) -> MappingRuleSet {
        try document(versionOrPath).rules
    }

    /// A bundled version by name, else the mapping file at that path, with where it came from.
    public static func document(_ versionOrPath: String) throws(MappingError) -> MappingDocument {
        if bundledVersions.contains(versionOrPath) {
            let text = try bundledText(versionOrPath)
            return MappingDocument(
                rules: try parse(text, file: versionOrPath), source: versionOrPath,
                sourceHash: hexSHA256(Data(text.utf8)), ignoredSheets: [])
        }
        guard FileManager.default.fileExists(atPath: versionOrPath) else {
            throw MappingError(
                file: versionOrPath, line: nil,
                reason: "neither a bundled version nor an existing file; bundled versions: \(bundledList)")
        }
        return try document(at: versionOrPath)
    }

    /// The mapping file at `path`, read as a workbook or as CSV text by ``MappingWorkbook/isWorkbook(path:data:)``.
    private static func document(at path: String) throws(MappingError) -> MappingDocument {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw MappingError(file: path, line: nil, reason: "cannot read the file")
        }
        let sourceHash = hexSHA256(data)
        guard MappingWorkbook.isWorkbook(path: path, data: data) else {
            guard let text = String(data: data, encoding: .utf8) else {
                throw MappingError(file: path, line: firstLineNotUTF8(data), reason: "not UTF-8 text")
            }
            return MappingDocument(rules: try parse(text, file: path), source: path, sourceHash: sourceHash, ignoredSheets: [])
        }
        let read: MappingWorkbook.Read
        do { read = try MappingWorkbook.read(data, columns: RuleSetReader.columns) } catch {
            throw MappingError(file: path, problems: [error])
        }
        return MappingDocument(
            rules: try RuleSetReader.rules(from: read.input, file: path), source: path, sourceHash: sourceHash,
            ignoredSheets: read.ignoredSheets)
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

    /// The text of a bundled version's file.
    static func bundledText(_ version: String) throws(MappingError) -> String {
        guard bundledVersions.contains(version),
            let url = Bundle.module.url(forResource: version, withExtension: "csv", subdirectory: "Mappings"),
            let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8)
        else {
            throw MappingError(file: version, line: nil, reason: "not a bundled version; bundled versions: \(bundledList)")
        }
        return text
    }

    /// History mode: the rule for this exact (legacyStatus, action), else the legacy status's `*` rule.
    func historyRule(for legacyStatus: LegacyStatus, action: TransactionAction) -> HistoryRule? {
        history[HistoryKey(legacyStatus: legacyStatus, action: action)]
            ?? history[HistoryKey(legacyStatus: legacyStatus, action: nil)]
    }

    private static var bundledList: String { bundledVersions.joined(separator: ", ") }
}

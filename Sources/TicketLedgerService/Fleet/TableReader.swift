import Foundation
import TOMLKit

/// Typed reads of one table of a fleet file, each error naming the key's line.
struct TableReader {
    let table: TOMLTable
    let file: String
    let lines: TOMLLines
    /// Which `[[organizer]]` table this is; nil for the top level.
    let organizerIndex: Int?

    func error(_ key: String, _ message: String) -> FleetConfigurationError {
        let table = organizerIndex.map { (name: "organizer", index: $0) }
        return FleetConfigurationError(
            file: file, line: lines.line(ofKey: key, in: table) ?? organizerIndex.flatMap { lines.line(ofTable: "organizer", index: $0) },
            message: message)
    }

    func refuseUnknownKeys(_ known: Set<String>) throws(FleetConfigurationError) {
        for key in table.keys.sorted() where !known.contains(key) {
            throw error(key, "unknown key \(key) (known here: \(known.sorted().joined(separator: ", ")))")
        }
    }

    func string(_ key: String) throws(FleetConfigurationError) -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw error(key, "\(key) must be a string") }
        return text
    }

    func required(_ key: String) throws(FleetConfigurationError) -> String {
        guard let text = try string(key) else { throw error(key, "\(key) is missing") }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw error(key, "\(key) must not be empty") }
        return text
    }

    func integer(_ key: String, in range: ClosedRange<Int>) throws(FleetConfigurationError) -> Int? {
        guard let value = table[key] else { return nil }
        guard let number = value.int, range.contains(number) else {
            throw error(key, "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    func boolean(_ key: String) throws(FleetConfigurationError) -> Bool? {
        guard let value = table[key] else { return nil }
        guard let flag = value.bool else { throw error(key, "\(key) must be true or false") }
        return flag
    }

    func strings(_ key: String) throws(FleetConfigurationError) -> [String]? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else { throw error(key, "\(key) must be an array of strings") }
        var texts: [String] = []
        for element in array {
            guard let text = element.string else { throw error(key, "\(key) must be an array of strings") }
            texts.append(text)
        }
        return texts
    }
}

/// Where keys and tables sit in a fleet file's text: TOMLKit keeps no positions for values,
/// so errors about a value find its line here (a key of an `[[organizer]]` table is looked
/// for between that table's header and the next header).
struct TOMLLines {
    private let lines: [Substring]

    /// By line, whatever its end (`\n`, `\r\n`).
    init(_ text: String) { lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) }

    /// The 1-based line of the `index`-th `[[name]]` header.
    func line(ofTable name: String, index: Int) -> Int? {
        headers(named: name).dropFirst(index).first.map { $0 + 1 }
    }

    /// The 1-based line where `key` is set in the given table, or at the top level when nil.
    func line(ofKey key: String, in table: (name: String, index: Int)?) -> Int? {
        let start: Int
        if let table {
            guard let header = headers(named: table.name).dropFirst(table.index).first else { return nil }
            start = header + 1
        } else {
            start = 0
        }
        for number in start..<lines.count {
            let text = lines[number].drop { $0 == " " || $0 == "\t" }
            if text.hasPrefix("[") {
                // A table header ends the table; at the top level, a header of the key's own name is its line.
                let header = Self.header(lines[number])
                return table == nil && (header == "[[\(key)]]" || header == "[\(key)]") ? number + 1 : nil
            }
            for spelling in [key, "\"\(key)\""] where text.hasPrefix(spelling) {
                if text.dropFirst(spelling.count).drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("=") { return number + 1 }
            }
        }
        return nil
    }

    private func headers(named name: String) -> [Int] {
        lines.indices.filter { Self.header(lines[$0]) == "[[\(name)]]" }
    }

    /// A header line without its blanks and comment (`[[ organizer ]]  # x` is `[[organizer]]`).
    private static func header(_ line: Substring) -> String {
        String((line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "").filter { $0 != " " && $0 != "\t" })
    }
}

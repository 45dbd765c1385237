import Foundation
import Testing

/// The valid mapping fixture and small edits of it, for tests that refuse one bad line at a time.
enum MappingFixture {
    static func validURL() throws -> URL {
        try #require(Bundle.module.url(forResource: "valid", withExtension: "csv", subdirectory: "Fixtures/mappings"))
    }

    static func validText() throws -> String {
        try String(contentsOf: validURL(), encoding: .utf8)
    }

    /// The 1-based number of the first line of `text` that reads `line` once trimmed.
    static func lineNumber(of line: String, in text: String) -> Int? {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .firstIndex { $0.trimmingCharacters(in: .whitespaces) == line }
            .map { $0 + 1 }
    }

    /// `text` with its whole line `line` replaced by `lines` (none deletes it).
    static func replacing(_ line: String, with lines: [String], in text: String) -> String {
        var all = text.components(separatedBy: "\n")
        if let index = all.firstIndex(of: line) { all.replaceSubrange(index...index, with: lines) }
        return all.joined(separator: "\n")
    }

    /// `text` without the section `[name]`: its header up to the next blank line.
    static func removingSection(_ name: String, from text: String) -> String {
        var all = text.components(separatedBy: "\n")
        if let start = all.firstIndex(of: "[\(name)]") {
            all.removeSubrange(start..<(all[start...].firstIndex(of: "") ?? all.endIndex))
        }
        return all.joined(separator: "\n")
    }
}

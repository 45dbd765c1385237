import Foundation

/// Splits one line of a mapping file into fields: RFC 4180 quoting, within the line.
enum CSVLine {
    /// Why a line cannot be split.
    struct Malformed: Error {
        var reason: String
    }

    /// The fields of `line`: unquoted ones trimmed, quoted ones verbatim with `""` read as one quote.
    static func fields(_ line: String) throws(Malformed) -> [String] {
        var fields: [String] = []
        var index = line.startIndex
        while true {
            index = skipBlanks(line, from: index)
            let end: String.Index
            if index < line.endIndex, line[index] == "\"" {
                let (value, afterQuote) = try quoted(line, from: line.index(after: index))
                fields.append(value)
                end = skipBlanks(line, from: afterQuote)
                if end < line.endIndex, line[end] != "," {
                    throw Malformed(reason: "unexpected \(Quoting.shown(String(line[end]))) after a closing quote")
                }
            } else {
                end = line[index...].firstIndex(of: ",") ?? line.endIndex
                let value = line[index..<end]
                if value.contains("\"") { throw Malformed(reason: "stray quote in unquoted field \(Quoting.shown(value))") }
                fields.append(value.trimmingCharacters(in: .whitespaces))
            }
            guard end < line.endIndex else { return fields }
            index = line.index(after: end)
        }
    }

    /// `value` written as a field that ``fields(_:)`` reads back as `value`: quoted only when it must be
    /// (a comma, a quote, blanks at an end, or, as a line's first field, a start that reads as a comment or section).
    static func field(_ value: String, first: Bool) -> String {
        // What SectionedCSV trims from a line's ends: blanks and a byte-order mark.
        let trimmed = CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\u{FEFF}"))
        let blankEnd = value.unicodeScalars.first.map(trimmed.contains) == true
            || value.unicodeScalars.last.map(trimmed.contains) == true
        let needsQuotes = blankEnd || value.contains(",") || value.contains("\"")
            || (first && (value.hasPrefix("#") || value.hasPrefix("[")))
        return needsQuotes ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }

    /// The value of a quoted field whose opening quote ends before `start`, and the index after its closing quote.
    private static func quoted(_ line: String, from start: String.Index) throws(Malformed) -> (String, String.Index) {
        var value = ""
        var index = start
        while index < line.endIndex {
            let character = line[index]
            index = line.index(after: index)
            guard character == "\"" else {
                value.append(character)
                continue
            }
            guard index < line.endIndex, line[index] == "\"" else { return (value, index) }
            value.append("\"")
            index = line.index(after: index)
        }
        throw Malformed(reason: "unterminated quote")
    }

    private static func skipBlanks(_ line: String, from start: String.Index) -> String.Index {
        line[start...].firstIndex { $0 != " " && $0 != "\t" } ?? line.endIndex
    }
}

import Foundation

/// A mapping file split into its `[section]`s, each row checked against its section's columns.
struct SectionedCSV {
    /// One data row and the line it came from.
    struct Row {
        var line: Int
        var fields: [String]
    }

    /// One `[name]` section: the line of its `[name]` header and its rows.
    struct Section {
        var name: String
        var line: Int
        var rows: [Row] = []
    }

    /// Spaces, tabs and a byte-order mark: trimmed from both ends of every line.
    private static let blanks = CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\u{FEFF}"))

    let file: String
    private var sections: [String: Section] = [:]
    /// The lines that carry meaning, trimmed, in order: what the content hash covers.
    private(set) var meaningfulLines: [String] = []

    /// Reads `text`; `columns` names every allowed section and the column header it must have.
    init(text: String, file: String, columns: [String: [String]]) throws(MappingError) {
        self.file = file
        var current: String?
        var awaitingColumns = false
        // Lines end as editors and `grep -n` count them (LF, CRLF, CR), so an error's line number is the one they
        // show; other Unicode line breaks (VT, FF, NEL, U+2028) stay inside the line and are refused as part of a value.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for (offset, raw) in lines.enumerated() {
            let number = offset + 1
            let line = raw.trimmingCharacters(in: Self.blanks)
            if line.isEmpty || line.hasPrefix("#") { continue }
            meaningfulLines.append(line)
            if line.hasPrefix("[") {
                if let current, awaitingColumns { throw noColumns(current) }
                let name = try sectionName(line, at: number, allowed: columns)
                sections[name] = Section(name: name, line: number)
                (current, awaitingColumns) = (name, true)
                continue
            }
            guard let name = current, let expected = columns[name] else {
                throw MappingError(file: file, line: number, reason: "row before any [section]")
            }
            let fields: [String]
            do { fields = try CSVLine.fields(line) } catch {
                throw MappingError(file: file, line: number, reason: error.reason)
            }
            if awaitingColumns {
                guard fields == expected else {
                    throw MappingError(file: file, line: number, reason: "section [\(name)] needs the columns "
                        + "\(expected.joined(separator: ",")), found \(Quoting.shown(fields.joined(separator: ",")))")
                }
                awaitingColumns = false
            } else {
                guard fields.count == expected.count else {
                    throw MappingError(file: file, line: number, reason: "expected \(expected.count) fields "
                        + "(\(expected.joined(separator: ","))), found \(fields.count)")
                }
                sections[name]?.rows.append(Row(line: number, fields: fields))
            }
        }
        if let current, awaitingColumns { throw noColumns(current) }
    }

    /// The section named `name`, which the file must have.
    func section(_ name: String) throws(MappingError) -> Section {
        guard let section = sections[name] else {
            throw MappingError(file: file, line: nil, reason: "missing section [\(name)]")
        }
        return section
    }

    private func sectionName(_ line: String, at number: Int, allowed: [String: [String]]) throws(MappingError) -> String {
        guard line.hasSuffix("]") else {
            throw MappingError(file: file, line: number, reason: "section header \(Quoting.shown(line)) lacks its closing ]")
        }
        let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
        guard allowed[name] != nil else {
            throw MappingError(file: file, line: number, reason: "unknown section [\(Quoting.shown(name))]; "
                + "known sections: \(allowed.keys.sorted().map { "[\($0)]" }.joined(separator: ", "))")
        }
        if let first = sections[name] {
            throw MappingError(file: file, line: number, reason: "section [\(name)] appears twice; first on line \(first.line)")
        }
        return name
    }

    private func noColumns(_ name: String) -> MappingError {
        MappingError(file: file, line: sections[name]?.line, reason: "section [\(name)] has no column header line")
    }
}

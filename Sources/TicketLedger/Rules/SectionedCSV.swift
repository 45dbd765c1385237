import Foundation

/// Reads a mapping file's `[section]`s into a ``RuleInput``, each row checked against its section's columns.
/// A malformed line is a problem, and reading goes on to the next, so one pass reports them all.
enum SectionedCSV {
    /// Spaces, tabs and a byte-order mark: trimmed from both ends of every line.
    private static let blanks = CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\u{FEFF}"))

    /// Reads `text`; `columns` names every allowed section and the column header it must have.
    static func read(_ text: String, columns: [String: [String]]) -> RuleInput {
        var input = RuleInput(format: .csv)
        var current: String?  // nil before the first section, and inside a refused one
        var awaitingColumns = false
        func noColumns(_ name: String) {
            input.problems.append(.init(input.sections[name].map(\.place), "section [\(name)] has no column header line"))
        }
        // Lines end as editors and `grep -n` count them (LF, CRLF, CR), so an error's line number is the one they
        // show; other Unicode line breaks (VT, FF, NEL, U+2028) stay inside the line and are refused as part of a value.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        var refusedSection = false
        for (offset, raw) in lines.enumerated() {
            let number = offset + 1
            let place = MappingPlace.line(number)
            let line = raw.trimmingCharacters(in: Self.blanks)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                if let current, awaitingColumns { noColumns(current) }
                do {
                    let name = try sectionName(line, at: place, allowed: columns, seen: input.sections)
                    input.sections[name] = RuleInput.Section(name: name, place: place)
                    (current, awaitingColumns, refusedSection) = (name, true, false)
                } catch {
                    input.problems.append(error)
                    (current, awaitingColumns, refusedSection) = (nil, false, true)
                }
                continue
            }
            guard let name = current, let expected = columns[name] else {
                if !refusedSection { input.problems.append(.init(place, "row before any [section]")) }
                continue
            }
            let fields: [String]
            do { fields = try CSVLine.fields(line) } catch {
                input.problems.append(.init(place, error.reason))
                input.sections[name]?.hasRefusedRow = true
                if awaitingColumns { (current, refusedSection) = (nil, true) }
                continue
            }
            if awaitingColumns {
                guard fields == expected else {
                    input.problems.append(.init(place, "section [\(name)] needs the columns "
                        + "\(expected.joined(separator: ",")), found \(Quoting.shown(fields.joined(separator: ",")))"))
                    input.sections[name]?.hasRefusedRow = true
                    (current, refusedSection) = (nil, true)
                    continue
                }
                awaitingColumns = false
            } else {
                guard fields.count == expected.count else {
                    input.problems.append(.init(place, "expected \(expected.count) fields "
                        + "(\(expected.joined(separator: ","))), found \(fields.count)"))
                    input.sections[name]?.hasRefusedRow = true
                    continue
                }
                input.sections[name]?.rows.append(.init(fields: fields, places: Array(repeating: place, count: fields.count)))
            }
        }
        if let current, awaitingColumns { noColumns(current) }
        return input
    }

    private static func sectionName(
        _ line: String, at place: MappingPlace, allowed: [String: [String]], seen: [String: RuleInput.Section]
    ) throws(MappingError.Problem) -> String {
        guard line.hasSuffix("]") else {
            throw .init(place, "section header \(Quoting.shown(line)) lacks its closing ]")
        }
        let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
        guard allowed[name] != nil else {
            throw .init(place, "unknown section [\(Quoting.shown(name))]; "
                + "known sections: \(allowed.keys.sorted().map { "[\($0)]" }.joined(separator: ", "))")
        }
        if let first = seen[name] {
            throw .init(place, "section [\(name)] appears twice; first on \(first.place)")
        }
        return name
    }
}

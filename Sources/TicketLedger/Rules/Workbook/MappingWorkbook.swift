import Foundation

/// Reads a mapping workbook (`.xlsx`) into the sections of a rule set: one sheet per section, named
/// as the section, its first row the section's column names, one rule a row (docs/mapping-rule-sets.md).
enum MappingWorkbook {
    /// The sections read, with the names of the sheets that are none (a cover page, a change log).
    struct Read {
        var input: RuleInput
        var ignoredSheets: [String]
    }

    /// File name extensions that say "a workbook", whatever the bytes turn out to be.
    static let extensions: Set<String> = ["xlsx", "xlsm", "xls", "ods", "xlsb"]

    /// Whether the file at `path` with these first bytes is to be read as a workbook: by its name, or
    /// by a zip or OLE signature, so a workbook named `.csv` is not read as text.
    static func isWorkbook(path: String, data: Data) -> Bool {
        extensions.contains(URL(fileURLWithPath: path).pathExtension.lowercased())
            || data.starts(with: [0x50, 0x4B]) || data.starts(with: [0xD0, 0xCF, 0x11, 0xE0])
    }

    static func read(_ data: Data, columns: [String: [String]]) throws(MappingError.Problem) -> Read {
        var package = try WorkbookPackage(data)
        let root = WorkbookParts.Relationships()
        try parse(&package, "_rels/.rels", into: root, required: true)
        let workbookPath = WorkbookParts.resolve(root.target(ofType: "officeDocument") ?? "/xl/workbook.xml", from: "")
        let workbook = WorkbookParts.Workbook()
        try parse(&package, workbookPath, into: workbook, required: true)
        let relationshipsPath = WorkbookParts.resolve("_rels/" + (workbookPath.split(separator: "/").last.map(String.init) ?? "") + ".rels", from: workbookPath)
        let relationships = WorkbookParts.Relationships()
        try parse(&package, relationshipsPath, into: relationships, required: true)
        let strings = WorkbookParts.SharedStrings()
        if let target = relationships.target(ofType: "sharedStrings") {
            try parse(&package, WorkbookParts.resolve(target, from: workbookPath), into: strings, required: false)
        }
        let styles = WorkbookParts.Styles()
        if let target = relationships.target(ofType: "styles") {
            try parse(&package, WorkbookParts.resolve(target, from: workbookPath), into: styles, required: false)
        }
        var read = Read(input: RuleInput(format: .workbook), ignoredSheets: [])
        for (name, id) in workbook.sheets {
            guard let expected = columns[name] else {
                read.ignoredSheets.append(Quoting.shown(name))
                continue
            }
            guard let target = relationships.byID[id]?.target else {
                throw .init(.sheet(name), "the workbook names no part for this sheet: save it as .xlsx again")
            }
            let sheet = SheetReader(sheet: name, sharedStrings: strings.strings, styles: styles, dates1904: workbook.dates1904)
            try parse(&package, WorkbookParts.resolve(target, from: workbookPath), into: sheet, required: true)
            read.input.sections[name] = section(sheet, columns: expected, problems: &read.input.problems)
        }
        return read
    }

    private static func parse(
        _ package: inout WorkbookPackage, _ path: String, into handler: some XMLPartHandler, required: Bool
    ) throws(MappingError.Problem) {
        guard let data = try package.part(path) else {
            guard !required else { throw .init(nil, "the workbook has no part \(Quoting.shown(path)): save it as .xlsx again") }
            return
        }
        try XMLPart.parse(data, name: path, into: handler)
    }

    /// A sheet's rows as a section: row 1 must be `columns`; later rows are rules, empty ones skipped.
    private static func section(_ sheet: SheetReader, columns: [String], problems: inout [MappingError.Problem]) -> RuleInput.Section {
        let name = sheet.sheet
        var section = RuleInput.Section(name: name, place: .sheet(name))
        let headerText = columns.joined(separator: " | ")
        guard sheet.mergedRanges.isEmpty else {
            let ranges = sheet.mergedRanges.prefix(5).map(Quoting.shown).joined(separator: ", ") + (sheet.mergedRanges.count > 5 ? ", …" : "")
            problems.append(.init(.sheet(name), "cells \(ranges) are merged: unmerge them, one value a cell"))
            return section
        }
        let header = sheet.rows[1] ?? [:]
        let found = (1...max(columns.count, header.keys.max() ?? 0)).map { column -> String in
            if case .text(let text)? = header[column] { return text }
            return ""
        }
        guard found == columns else {
            // Each cell quoted, so a space the spreadsheet does not show is seen in the message.
            let cells = Array(found.reversed().drop(while: \.isEmpty).reversed())
            let shown = cells.map { $0.isEmpty ? "(empty)" : Quoting.quoted($0) }.joined(separator: " | ")
            problems.append(.init(.sheet(name), "row 1 must be the header \(headerText); found "
                + (cells.isEmpty ? "an empty row" : shown)))
            return section
        }
        for number in sheet.rows.keys.sorted() where number > 1 {
            let cells = sheet.rows[number] ?? [:]
            var fields: [String] = []
            var places: [MappingPlace] = []
            for column in 1...columns.count {
                let place = MappingPlace.cell(sheet: name, column: column, row: number)
                places.append(place)
                fields.append(text(of: cells[column], at: place, problems: &problems))
            }
            for (column, cell) in cells where column > columns.count && cell != .text("") {
                problems.append(.init(.cell(sheet: name, column: column, row: number),
                                      "a value outside the columns \(headerText); clear it or move it to another sheet"))
            }
            if fields.allSatisfy(\.isEmpty) { continue }
            section.rows.append(.init(fields: fields, places: places))
        }
        return section
    }

    /// A cell's text, after recording what makes it unusable: an unreadable value, spaces a
    /// spreadsheet does not show, a line break or other control character.
    private static func text(of cell: SheetReader.Cell?, at place: MappingPlace, problems: inout [MappingError.Problem]) -> String {
        switch cell {
        case nil: return ""
        case .unreadable(let reason)?:
            problems.append(.init(place, "the cell holds \(reason)"))
            return ""
        case .text(let text)?:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed != text {
                problems.append(.init(place, "\(Quoting.quoted(text)) has spaces at its start or end, which a spreadsheet does not show: remove them"))
            }
            if let hidden = text.unicodeScalars.first(where: { [.control, .format].contains($0.properties.generalCategory) }) {
                problems.append(.init(place, "the cell holds the invisible character \(Quoting.codePoint(hidden)) (a line break?): remove it"))
            }
            return trimmed
        }
    }
}

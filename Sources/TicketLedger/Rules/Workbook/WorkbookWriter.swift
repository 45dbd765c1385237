public import Foundation
import ZIPFoundation

/// Writes a rule set as a mapping workbook (`.xlsx`) in the layout ``MappingWorkbook`` reads: an
/// `about` sheet, one sheet per section with a bold frozen header row and drop-down lists on every
/// column with a fixed vocabulary, and a `lists` sheet the drop-downs take their values from.
/// The same rule set always gives the same bytes (fixed entry dates, no time stamp inside).
enum WorkbookWriter {
    /// A fixed vocabulary: its name (the `lists` sheet's header) and values.
    private struct Vocabulary {
        var name: String
        var values: [String]
    }

    private static let vocabularies: [Vocabulary] = [
        Vocabulary(name: "TIXnGO status", values: TIXnGOStatus.allCases.map(\.rawValue)),
        Vocabulary(name: "status family", values: StatusFamily.allCases.map(\.rawValue)),
        Vocabulary(name: "S-360 status", values: S360Status.allCases.map(\.rawValue)),
        Vocabulary(name: "boolean", values: ["TRUE", "FALSE"]),
        Vocabulary(name: "deletion reason", values: DeletionReason.allCases.map(\.rawValue)),
        Vocabulary(name: "legacy status", values: LegacyStatus.allCases.map(\.rawValue)),
        Vocabulary(name: "action", values: ["*"] + TransactionAction.allCases.map(\.rawValue)),
        Vocabulary(name: "transaction state", values: TransactionState.allCases.map(\.rawValue)),
        Vocabulary(name: "outcome", values: TransactionOutcome.allCases.map(\.rawValue)),
        Vocabulary(name: "S-360 holder field", values: S360Fields.holderFields.sorted()),
        Vocabulary(name: "spectatorDetails path", values: S360Fields.dottedSpectatorPaths),
        Vocabulary(name: "ruleset key", values: RuleSetReader.headerKeys),
    ]

    /// Which vocabulary each section's column takes its values from.
    private static let columnVocabulary: [String: [String: String]] = [
        "ruleset": ["key": "ruleset key"],
        "status": ["tixngoStatus": "TIXnGO status", "family": "status family", "s360Status": "S-360 status", "anomaly": "boolean"],
        "deletionReason": ["deletionReason": "deletion reason", "s360Status": "S-360 status"],
        "history": ["legacyStatus": "legacy status", "action": "action", "applied": "TIXnGO status",
                    "appliedWithDetails": "TIXnGO status", "pending": "TIXnGO status", "failed": "TIXnGO status"],
        "transactionState": ["state": "transaction state", "outcome": "outcome"],
        "holder": ["s360Field": "S-360 holder field", "spectatorDetails": "spectatorDetails path"],
    ]

    /// Rows a drop-down covers below the header: room for rules people add.
    private static let validatedRows = 500

    /// A cell to write: text, a boolean, or bold header text.
    private enum Cell {
        case text(String)
        case boolean(Bool)
        case header(String)
    }

    private struct Sheet {
        var name: String
        var rows: [[Cell]]
        var frozenHeader: Bool
        var validations: [(column: Int, list: String)] = []
        var widths: [Int]? = nil
    }

    /// The workbook's bytes.
    static func workbook(for rules: MappingRuleSet) throws -> Data {
        let tables = rules.tables
        let booleanColumns: Set<String> = ["anomaly"]
        let booleanKeys: Set<String> = ["culturalContacts", "beaconName", "extraInfo"]
        var sheets = [about(rules)]
        for table in tables {
            let rows: [[Cell]] = [table.columns.map(Cell.header)] + table.rows.map { row in
                row.enumerated().map { index, value in
                    let boolean = booleanColumns.contains(table.columns[index])
                        || (table.name == "ruleset" && index == 1 && booleanKeys.contains(row[0]))
                    return boolean ? .boolean(value == "true") : .text(value)
                }
            }
            let validations = table.columns.enumerated().compactMap { index, column -> (Int, String)? in
                guard let name = columnVocabulary[table.name]?[column],
                    let listColumn = vocabularies.firstIndex(where: { $0.name == name })
                else { return nil }
                let letter = MappingPlace.columnName(listColumn + 1)
                return (index + 1, "lists!$\(letter)$2:$\(letter)$\(vocabularies[listColumn].values.count + 1)")
            }
            sheets.append(Sheet(name: table.name, rows: rows, frozenHeader: true, validations: validations))
        }
        let depth = vocabularies.map(\.values.count).max() ?? 0
        sheets.append(Sheet(
            name: "lists",
            rows: [vocabularies.map { .header($0.name) }] + (0..<depth).map { index in
                vocabularies.map { index < $0.values.count ? .text($0.values[index]) : .text("") }
            },
            frozenHeader: true))
        return try package(sheets)
    }

    private static func about(_ rules: MappingRuleSet) -> Sheet {
        let lines = [
            "TicketLedger mapping rule set \(rules.version)",
            "Transcribes \(rules.document): how each TIXnGO status and spectator detail lands in S-360.",
            "",
            "Each sheet named after a section of the rule-set format (ruleset, status, deletionReason, history, transactionState, holder) holds that section:",
            "its first row names the columns, exactly as written; below it, one rule a row. Sheet order does not matter; other sheets, like this one, are ignored.",
            "Columns with a fixed vocabulary offer it as a drop-down; the lists sheet holds the values. Leave a cell empty where the format allows nothing.",
            "Do not merge cells, and do not type spaces at the start or end of a cell: they are refused, naming the cell.",
            "",
            "Check the workbook:        ticket-ledger mappings --check THIS.xlsx",
            "See what it changes:       ticket-ledger mappings diff \(rules.version) THIS.xlsx",
            "Try it on a ledger:        ticket-ledger replay --mapping THIS.xlsx --dry-run --db LEDGER",
            "",
            "Rules hash (SHA-256 of the canonical text): \(rules.contentHash)",
        ]
        return Sheet(name: "about", rows: lines.enumerated().map { [$0 == 0 ? .header($1) : .text($1)] }, frozenHeader: false, widths: [120])
    }

    // MARK: - The package

    private static let fixedDate = Date(timeIntervalSince1970: 1_672_531_200)  // 2023-01-01: the same bytes every time

    private static func package(_ sheets: [Sheet]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ xml: String) throws {
            let bytes = Data(xml.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: fixedDate,
                compressionMethod: .deflate
            ) { position, size in bytes.subdata(in: Int(position)..<Int(position) + size) }
        }
        let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationshipNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
        try add("[Content_Types].xml", declaration
            + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            + sheets.indices.map {
                #"<Override PartName="/xl/worksheets/sheet\#($0 + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            }.joined()
            + "</Types>")
        try add("_rels/.rels", declaration + #"<Relationships xmlns="\#(packageRelationships)">"#
            + #"<Relationship Id="rId1" Type="\#(relationshipNS)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#)
        try add("xl/workbook.xml", declaration + #"<workbook xmlns="\#(main)" xmlns:r="\#(relationshipNS)">"#
            + #"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
            + sheets.enumerated().map { #"<sheet name="\#(escaped($1.name))" sheetId="\#($0 + 1)" r:id="rId\#($0 + 1)"/>"# }.joined()
            + "</sheets></workbook>")
        try add("xl/_rels/workbook.xml.rels", declaration + #"<Relationships xmlns="\#(packageRelationships)">"#
            + sheets.indices.map {
                #"<Relationship Id="rId\#($0 + 1)" Type="\#(relationshipNS)/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"#
            }.joined()
            + #"<Relationship Id="rId\#(sheets.count + 1)" Type="\#(relationshipNS)/styles" Target="styles.xml"/></Relationships>"#)
        try add("xl/styles.xml", declaration + #"<styleSheet xmlns="\#(main)">"#
            + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#
            + #"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#
            + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
            + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
            + #"<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
            + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>"#
            + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#)
        for (index, sheet) in sheets.enumerated() {
            try add("xl/worksheets/sheet\(index + 1).xml", declaration + worksheet(sheet, namespace: main))
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    private static func worksheet(_ sheet: Sheet, namespace: String) -> String {
        var xml = #"<worksheet xmlns="\#(namespace)"><sheetViews><sheetView workbookViewId="0""#
        xml += sheet.frozenHeader
            ? #"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
            : "/></sheetViews>"
        let columns = sheet.rows.map(\.count).max() ?? 0
        let widths = sheet.widths ?? (0..<columns).map { column in
            min(60, max(10, sheet.rows.map { column < $0.count ? width(of: $0[column]) : 0 }.max() ?? 0) + 2)
        }
        if !widths.isEmpty {
            xml += "<cols>" + widths.enumerated().map { #"<col min="\#($0 + 1)" max="\#($0 + 1)" width="\#($1)" customWidth="1"/>"# }.joined() + "</cols>"
        }
        xml += "<sheetData>"
        for (rowIndex, row) in sheet.rows.enumerated() {
            xml += #"<row r="\#(rowIndex + 1)">"#
            for (columnIndex, cell) in row.enumerated() {
                let reference = MappingPlace.columnName(columnIndex + 1) + String(rowIndex + 1)
                switch cell {
                case .text(let text) where text.isEmpty: continue
                case .text(let text): xml += #"<c r="\#(reference)" t="inlineStr"><is><t>\#(escaped(text))</t></is></c>"#
                case .header(let text): xml += #"<c r="\#(reference)" s="1" t="inlineStr"><is><t>\#(escaped(text))</t></is></c>"#
                case .boolean(let value): xml += #"<c r="\#(reference)" t="b"><v>\#(value ? 1 : 0)</v></c>"#
                }
            }
            xml += "</row>"
        }
        xml += "</sheetData>"
        if !sheet.validations.isEmpty {
            xml += #"<dataValidations count="\#(sheet.validations.count)">"#
            for (column, list) in sheet.validations {
                let letter = MappingPlace.columnName(column)
                xml += #"<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="\#(letter)2:\#(letter)\#(validatedRows + 1)">"#
                    + "<formula1>\(escaped(list))</formula1></dataValidation>"
            }
            xml += "</dataValidations>"
        }
        return xml + "</worksheet>"
    }

    private static func width(of cell: Cell) -> Int {
        switch cell {
        case .text(let text), .header(let text): text.count
        case .boolean: 5
        }
    }

    /// Text as XML character data or an attribute value; C0 controls, which XML cannot hold, as OOXML's `_xHHHH_`.
    private static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 {
                    result += "_x" + String(format: "%04X", scalar.value) + "_"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}

extension MappingRuleSet {
    /// The rule set as a mapping workbook (`.xlsx`): what `mappings export --xlsx` writes.
    public func workbook() throws -> Data { try WorkbookWriter.workbook(for: self) }
}

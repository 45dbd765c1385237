/// One worksheet part streamed into its non-empty cells, each read as the text it shows.
final class SheetReader: XMLPartHandler {
    /// Rows a sheet may have; a rule set has a few dozen.
    static let maxRows = 65_536
    /// Spreadsheets end at column XFD.
    static let maxColumn = 16_384
    /// Non-empty cells a sheet may have (a rule set has a few hundred).
    static let maxCells = 1_000_000

    /// What a cell holds, once read.
    enum Cell: Equatable {
        case text(String)
        /// An error value (`#N/A`), or a value that cannot be read, with the reason.
        case unreadable(String)
    }

    let sheet: String
    /// Non-empty cells by row, then column (both 1-based).
    private(set) var rows: [Int: [Int: Cell]] = [:]
    /// Merged ranges, as written (`A3:B3`).
    private(set) var mergedRanges: [String] = []

    private let sharedStrings: [String]
    private let dateStyles: Set<Int>
    private let literalStyles: [Int: [String]]
    private let dates1904: Bool
    private var rowCount = 0
    private var cellCount = 0
    private var row = 0
    private var column = 0
    private var type = "n"
    private var style = 0
    private var hasFormula = false
    private var value: String?
    private var collecting: String?  // the element whose text is being read: v, or t inside is
    private var phonetic = 0

    init(sheet: String, sharedStrings: [String], styles: WorkbookParts.Styles, dates1904: Bool) {
        self.sheet = sheet
        self.sharedStrings = sharedStrings
        self.dateStyles = styles.dateStyles
        self.literalStyles = styles.literalStyles
        self.dates1904 = dates1904
    }

    func start(_ name: String, _ attributes: [String: String]) throws(MappingError.Problem) {
        switch name {
        case "row":
            rowCount += 1
            guard rowCount <= Self.maxRows else {
                throw .init(.sheet(sheet), "more than \(Self.maxRows) rows: not a mapping rule set")
            }
            row = attributes["r"].flatMap(Int.init) ?? row + 1
            guard (1...1_048_576).contains(row) else { throw .init(.sheet(sheet), "a row numbered \(Quoting.shown(attributes["r"] ?? "")), outside rows 1 to 1048576") }
            column = 0
        case "c":
            if let reference = attributes["r"] {
                guard let parsed = Self.cellReference(reference) else {
                    throw .init(.sheet(sheet), "a cell reference \(Quoting.quoted(reference)) that is not a cell: save it as .xlsx again")
                }
                (column, row) = (parsed.column, parsed.row)
            } else {
                column += 1
            }
            guard column <= Self.maxColumn else { throw .init(.sheet(sheet), "a cell beyond column XFD") }
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap(Int.init) ?? 0
            (hasFormula, value, collecting) = (false, nil, nil)
        case "f": hasFormula = true
        case "v": collecting = "v"; value = ""
        case "rPh": phonetic += 1
        case "t" where type == "inlineStr" && phonetic == 0: collecting = "t"; value = value ?? ""
        case "mergeCell": if let range = attributes["ref"] { mergedRanges.append(range) }
        default: break
        }
    }

    func end(_ name: String) throws(MappingError.Problem) {
        switch name {
        case "v", "t": collecting = nil
        case "rPh": phonetic -= 1
        case "c":
            guard let cell = cell(), cell != .text("") else { return }
            cellCount += 1
            // Cells name their own row, so rows are counted as they fill, not only as <row> elements.
            guard cellCount <= Self.maxCells, rows[row] != nil || rows.count < Self.maxRows else {
                throw .init(.sheet(sheet), "more than \(Self.maxRows) rows or \(Self.maxCells) cells: not a mapping rule set")
            }
            rows[row, default: [:]][column] = cell
        default: break
        }
    }

    func text(_ text: String) {
        if collecting != nil { value?.append(text) }
    }

    /// The cell just closed, as read; nil when it holds nothing.
    private func cell() -> Cell? {
        // A formula with an empty cached number is one no program calculated; an empty string result is a value.
        guard let value, !(hasFormula && value.isEmpty && type != "str") else {
            return hasFormula ? .unreadable("a formula without a computed value (open the workbook in a spreadsheet program and save it again)") : nil
        }
        switch type {
        case "s":
            guard let index = Int(value), sharedStrings.indices.contains(index) else {
                return .unreadable("a shared string \(Quoting.shown(value)) that the workbook does not have")
            }
            return .text(CellText.unescaped(sharedStrings[index]))
        case "inlineStr", "str": return .text(CellText.unescaped(value))
        case "b":
            switch value {
            case "1", "true": return .text("true")
            case "0", "false": return .text("false")
            default: return .unreadable("a boolean \(Quoting.quoted(value))")
            }
        case "e": return .unreadable("the error value \(Quoting.shown(value))")
        case "d": return .text(value.hasSuffix("T00:00:00") ? String(value.dropLast(9)) : value)
        default:
            if let sections = literalStyles[style], let number = Double(value) {
                // A format that shows only fixed text (LibreOffice's "TRUE";"TRUE";"FALSE" for a boolean).
                // Sections are positive;negative;zero: with fewer, zero and negatives take the first.
                let section = number < 0 && sections.count > 1 ? 1 : number == 0 && sections.count > 2 ? 2 : 0
                return .text(sections[section])
            }
            let text = dateStyles.contains(style) ? CellText.date(value, dates1904: dates1904) : CellText.number(value)
            return text.map(Cell.text) ?? .unreadable("a number \(Quoting.quoted(value)) that cannot be read")
        }
    }

    /// `C7` → column 3, row 7.
    static func cellReference(_ reference: String) -> (column: Int, row: Int)? {
        var column = 0
        var digits = Substring(reference)
        while let letter = digits.first, letter.isASCII, letter.isUppercase {
            column = column * 26 + Int(letter.asciiValue! - 64)
            digits = digits.dropFirst()
            guard column <= maxColumn else { return nil }
        }
        guard column > 0, let row = Int(digits), (1...1_048_576).contains(row) else { return nil }
        return (column, row)
    }
}

/// A mapping that cannot be used: every problem found in it (up to ``MappingError/problemLimit``), each with where and why.
public struct MappingError: Error, CustomStringConvertible, Equatable {
    /// One fault: where it sits and what is wrong.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// The line or cell at fault, or nil when the fault is the whole file (unreadable, a section missing).
        public var place: MappingPlace?
        /// What is wrong, naming the offending value.
        public var reason: String

        public init(_ place: MappingPlace?, _ reason: String) {
            self.place = place
            self.reason = reason
        }

        /// `line 12: …`, `status!C7: …`, or the reason alone.
        public var description: String { place.map { "\($0): \(reason)" } ?? reason }
    }

    /// Problems reported at most; a workbook with more says how many more were not listed.
    public static let problemLimit = 50

    /// The file as the user named it (a path, or a bundled version's name).
    public var file: String
    /// The problems in the order found; never empty.
    public var problems: [Problem]
    /// Problems found beyond ``problemLimit`` and not listed.
    public var unlisted: Int

    /// The error for `file` holding `problems` (cut to ``problemLimit``).
    public init(file: String, problems: [Problem]) {
        precondition(!problems.isEmpty, "a mapping error names at least one problem")
        self.file = file
        self.problems = Array(problems.prefix(Self.problemLimit))
        self.unlisted = max(0, problems.count - Self.problemLimit)
    }

    /// The error for `file`, at `line` (nil for the whole file), saying `reason`.
    public init(file: String, line: Int?, reason: String) {
        self.init(file: file, problems: [Problem(line.map(MappingPlace.line), reason)])
    }

    /// The first problem's line, when it names one.
    public var line: Int? {
        if case .line(let line)? = problems[0].place { line } else { nil }
    }

    /// The first problem's reason.
    public var reason: String { problems[0].reason }

    /// `mapping file m.csv line 12: unknown …`, or one problem a line after a count.
    public var description: String {
        if problems.count == 1, unlisted == 0 {
            if case .line(let line)? = problems[0].place { return "mapping file \(file) line \(line): \(reason)" }
            return "mapping file \(file): \(problems[0])"
        }
        let total = problems.count + unlisted
        var lines = ["mapping file \(file): \(total) problems"] + problems.map { "  \($0)" }
        if unlisted > 0 { lines.append("  … and \(unlisted) more, not listed") }
        return lines.joined(separator: "\n")
    }
}

/// Where a mapping value sits: a line of a CSV file, a cell or a whole sheet of a workbook.
public enum MappingPlace: Hashable, Sendable, CustomStringConvertible {
    case line(Int)
    /// 1-based column and row, shown as the spreadsheet shows them: `status!C7`.
    case cell(sheet: String, column: Int, row: Int)
    case sheet(String)

    public var description: String {
        switch self {
        case .line(let line): "line \(line)"
        case .cell(let sheet, let column, let row): "\(sheet)!\(Self.columnName(column))\(row)"
        case .sheet(let sheet): "sheet \(sheet)"
        }
    }

    /// `A` for 1, `Z` for 26, `AA` for 27: a spreadsheet's column letters.
    public static func columnName(_ column: Int) -> String {
        var letters = ""
        var rest = column
        while rest > 0 {
            let digit = (rest - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
            rest = (rest - 1) / 26
        }
        return letters
    }
}

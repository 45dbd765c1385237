/// A mapping's sections as read from a sectioned CSV file or a workbook, before any value is
/// checked: the one shape ``RuleSetReader`` reads, whatever the source format.
struct RuleInput {
    /// One data row: its fields and where each sits.
    struct Row {
        var fields: [String]
        /// The place of each field (a CSV row's fields share its line).
        var places: [MappingPlace]

        /// Where the row starts.
        var place: MappingPlace { places[0] }
    }

    /// One section: where it starts and its rows.
    struct Section {
        var name: String
        var place: MappingPlace
        var rows: [Row] = []
        /// A row of the section could not be read at all (a CSV line with the wrong number of fields).
        var hasRefusedRow = false
    }

    /// How the source spells a section in a message: `[status]` in a CSV file, `sheet status` in a workbook.
    enum Format {
        case csv, workbook

        func label(_ section: String) -> String {
            switch self {
            case .csv: "[\(section)]"
            case .workbook: "sheet \(section)"
            }
        }
    }

    var format: Format
    var sections: [String: Section] = [:]
    /// Faults in the source's shape, found while reading it; the reader adds the values' faults.
    var problems: [MappingError.Problem] = []
}

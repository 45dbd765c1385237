/// Turns a mapping's sections into rules. Every value that does not fit is recorded as a problem
/// and reading goes on, so one pass reports all of them; the rules are built only when none was found.
struct RuleSetReader {
    /// The sections, in the order a rule set is rendered, with the columns each must have.
    static let sectionColumns: [(name: String, columns: [String])] = [
        ("ruleset", ["key", "value"]),
        ("status", ["tixngoStatus", "family", "s360Status", "anomaly"]),
        ("deletionReason", ["deletionReason", "s360Status"]),
        ("history", ["legacyStatus", "action", "applied", "appliedWithDetails", "pending", "failed"]),
        ("transactionState", ["state", "outcome"]),
        ("holder", ["s360Field", "spectatorDetails"]),
    ]

    /// The columns of each section, as its column header must name them.
    static let columns: [String: [String]] = Dictionary(uniqueKeysWithValues: sectionColumns.map { ($0.name, $0.columns) })

    /// The `[ruleset]` keys, in rendering order.
    static let headerKeys = ["version", "document", "culturalContacts", "beaconName", "extraInfo"]

    /// The `[ruleset]` section's values.
    struct Header {
        var version: String
        var document: String
        var culturalContacts: Bool
        var ticketFields: TicketFields
    }

    let input: RuleInput
    private(set) var problems: [MappingError.Problem] = []
    /// Places that have a problem already: a second one there is a consequence of the first, and not reported.
    private var faulted: Set<MappingPlace> = []

    init(_ input: RuleInput) {
        self.input = input
        for problem in input.problems { add(problem) }
    }

    /// The rule set `input` describes, or every problem found in it.
    static func rules(from input: RuleInput, file: String) throws(MappingError) -> MappingRuleSet {
        var reader = RuleSetReader(input)
        let header = reader.header()
        let statuses = reader.statuses()
        let deletion = reader.deletion()
        let history = reader.history()
        let outcomes = reader.outcomes()
        let holder = reader.holderFields()
        guard reader.problems.isEmpty, let header, let statuses, let deletion, let history, let outcomes, let holder else {
            throw MappingError(file: file, problems: reader.problems.sorted { $0.order < $1.order })
        }
        return MappingRuleSet(
            version: header.version, document: header.document,
            statuses: statuses, deletion: deletion, history: history, transactionOutcomes: outcomes,
            holderFields: holder, ticketFields: header.ticketFields, culturalContacts: header.culturalContacts)
    }

    mutating func header() -> Header? {
        guard let section = section("ruleset") else { return nil }
        var values: [String: String] = [:]
        var seen: [String: MappingPlace] = [:]
        for row in section.rows {
            let (key, value) = (row.fields[0], row.fields[1])
            record { () throws(MappingError.Problem) in
                guard Self.headerKeys.contains(key) else {
                    throw .init(row.place, "unknown ruleset key \(Quoting.shown(key)); known keys: \(Self.headerKeys.joined(separator: ", "))")
                }
                try Self.once(key, "ruleset key \(key)", row, &seen)
                guard !value.isEmpty else { throw .init(row.places[1], "ruleset key \(key) has an empty value") }
                values[key] = value
            }
        }
        let missing = rowRefused(in: section) ? [] : Self.headerKeys.filter { values[$0] == nil && seen[$0] == nil }
        if !missing.isEmpty {
            add(.init(section.place, "ruleset key\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) \(missing.count == 1 ? "is" : "are") missing"))
        }
        func flag(_ key: String) -> Bool? {
            guard let raw = values[key], let place = seen[key] else { return nil }
            return record { () throws(MappingError.Problem) in try Self.bool(raw, key, at: place.cellInColumn(2)) }
        }
        let (cultural, beacon, extra) = (flag("culturalContacts"), flag("beaconName"), flag("extraInfo"))
        guard let version = values["version"], let document = values["document"], let cultural, let beacon, let extra else { return nil }
        return Header(version: version, document: document, culturalContacts: cultural,
                      ticketFields: TicketFields(beaconName: beacon, extraInfo: extra))
    }

    mutating func statuses() -> [TIXnGOStatus: StatusRule]? {
        guard let section = section("status") else { return nil }
        var rules: [TIXnGOStatus: StatusRule] = [:]
        var seen: [TIXnGOStatus: MappingPlace] = [:]
        for row in section.rows {
            record { () throws(MappingError.Problem) in
                let status: TIXnGOStatus = try Self.value(row, 0, "a TIXnGO status")
                let rule = StatusRule(
                    family: try Self.value(row, 1, "a status family"), s360Status: try Self.value(row, 2, "an S-360 status"),
                    anomaly: try Self.bool(row.fields[3], "anomaly", at: row.places[3]))
                try Self.once(status, "TIXnGO status \(status.rawValue)", row, &seen)
                rules[status] = rule
            }
        }
        complete(seen, "TIXnGO statuses", section)
        return rules
    }

    mutating func deletion() -> DeletionRule? {
        guard let section = section("deletionReason") else { return nil }
        var byReason: [DeletionReason: S360Status] = [:]
        var withoutReason: S360Status?
        var seen: [DeletionReason?: MappingPlace] = [:]
        for row in section.rows {
            record { () throws(MappingError.Problem) in
                let raw = row.fields[0]
                let reason: DeletionReason? = try raw.isEmpty ? nil : Self.value(row, 0, "a deletion reason")
                let status: S360Status = try Self.value(row, 1, "an S-360 status")
                try Self.once(reason, raw.isEmpty ? "the empty deletion reason" : "deletion reason \(raw)", row, &seen)
                if let reason { byReason[reason] = status } else { withoutReason = status }
            }
        }
        // One problem for both gaps: they share the section's place, where only one is reported.
        let unmapped = DeletionReason.allCases.filter { seen[$0] == nil }.map(\.rawValue)
        let noEmptyRow = seen[Optional<DeletionReason>.none] == nil
        if !unmapped.isEmpty || noEmptyRow, !rowRefused(in: section) {
            let gaps = (unmapped.isEmpty ? [] : ["deletion reasons left unmapped in \(input.format.label(section.name)): \(unmapped.joined(separator: ", "))"])
                + (noEmptyRow ? ["no row for the empty deletion reason (an observation without deletionReason)"] : [])
            add(.init(section.place, gaps.joined(separator: "; ")))
        }
        guard let withoutReason else { return nil }
        return DeletionRule(byReason: byReason, withoutReason: withoutReason)
    }

    mutating func history() -> [HistoryKey: HistoryRule]? {
        guard let section = section("history") else { return nil }
        var rules: [HistoryKey: HistoryRule] = [:]
        var seen: [HistoryKey: MappingPlace] = [:]
        for row in section.rows {
            record { () throws(MappingError.Problem) in
                let key = HistoryKey(
                    legacyStatus: try Self.value(row, 0, "a legacy status"),
                    action: try row.fields[1] == "*" ? nil : Self.value(row, 1, "an action", also: ["*"]))
                let rule = HistoryRule(
                    applied: try Self.value(row, 2, "a TIXnGO status"),
                    appliedWithDetails: try Self.value(row, 3, "a TIXnGO status"),
                    pending: try row.fields[4].isEmpty ? nil : Self.value(row, 4, "a TIXnGO status"),
                    failed: try row.fields[5].isEmpty ? nil : Self.value(row, 5, "a TIXnGO status"))
                try Self.once(key, "history row \(row.fields[0]),\(row.fields[1])", row, &seen)
                rules[key] = rule
            }
        }
        let uncovered = LegacyStatus.allCases.filter { legacy in
            seen[HistoryKey(legacyStatus: legacy, action: nil)] == nil
                && TransactionAction.allCases.contains { seen[HistoryKey(legacyStatus: legacy, action: $0)] == nil }
        }
        if !uncovered.isEmpty, !rowRefused(in: section) {
            add(.init(section.place, "legacy statuses without a * row: \(uncovered.map(\.rawValue).joined(separator: ", "))"))
        }
        return rules
    }

    mutating func outcomes() -> [TransactionState: TransactionOutcome]? {
        guard let section = section("transactionState") else { return nil }
        var outcomes: [TransactionState: TransactionOutcome] = [:]
        var seen: [TransactionState: MappingPlace] = [:]
        for row in section.rows {
            record { () throws(MappingError.Problem) in
                let state: TransactionState = try Self.value(row, 0, "a transaction state")
                let outcome: TransactionOutcome = try Self.value(row, 1, "an outcome")
                try Self.once(state, "transaction state \(state.rawValue)", row, &seen)
                outcomes[state] = outcome
            }
        }
        complete(seen, "transaction states", section)
        return outcomes
    }

    mutating func holderFields() -> [HolderField]? {
        guard let section = section("holder") else { return nil }
        var fields: [HolderField] = []
        var seen: [String: MappingPlace] = [:]
        for row in section.rows {
            record { () throws(MappingError.Problem) in
                let (field, dotted) = (row.fields[0], row.fields[1])
                guard S360Fields.holderFields.contains(field) else {
                    throw .init(row.places[0], "\(Quoting.quoted(field)) is not an S-360 holder field (\(S360Fields.holderFieldList))")
                }
                let path = dotted.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                guard S360Fields.spectatorPaths.contains(path) else {
                    throw .init(row.places[1], "\(Quoting.quoted(dotted)) is not a spectatorDetails path (\(S360Fields.spectatorPathList))")
                }
                try Self.once(field, "S-360 field \(field)", row, &seen)
                fields.append(HolderField(s360Field: field, path: path))
            }
        }
        return fields
    }

    // MARK: - Checks shared by the sections

    /// The section `name`, or nil after recording that the source lacks it.
    private mutating func section(_ name: String) -> RuleInput.Section? {
        if let section = input.sections[name] { return section }
        add(.init(nil, "missing \(input.format == .csv ? "section " : "")\(input.format.label(name))"))
        return nil
    }

    /// Records `problem` unless its place has one already.
    private mutating func add(_ problem: MappingError.Problem) {
        if let place = problem.place, !faulted.insert(place).inserted { return }
        problems.append(problem)
    }

    /// Whether a problem was recorded at a row of `section`.
    private func rowRefused(in section: RuleInput.Section) -> Bool {
        let rows = Set(section.rows.flatMap(\.places))
        return section.hasRefusedRow || problems.contains { $0.place.map(rows.contains) == true }
    }

    /// Runs `body`, recording the problem it throws.
    @discardableResult
    private mutating func record<Value>(_ body: () throws(MappingError.Problem) -> Value) -> Value? {
        do { return try body() } catch {
            add(error)
            return nil
        }
    }

    private static func value<Value: RawRepresentable<String> & CaseIterable>(
        _ row: RuleInput.Row, _ field: Int, _ kind: String, also: [String] = []
    ) throws(MappingError.Problem) -> Value {
        let raw = row.fields[field]
        guard let value = Value(rawValue: raw) else {
            let allowed = (Value.allCases.map(\.rawValue) + also).joined(separator: ", ")
            throw .init(row.places[field], "\(raw.isEmpty ? "an empty value" : Quoting.quoted(raw)) is not \(kind) (\(allowed))")
        }
        return value
    }

    /// `true` or `false`; a spreadsheet's `TRUE`/`FALSE` typed as text reads the same.
    private static func bool(_ raw: String, _ name: String, at place: MappingPlace) throws(MappingError.Problem) -> Bool {
        let spreadsheetText = if case .cell = place { raw.lowercased() } else { raw }
        switch spreadsheetText {
        case "true": return true
        case "false": return false
        default: throw .init(place, "\(name) must be true or false, found \(raw.isEmpty ? "(empty)" : Quoting.shown(raw))")
        }
    }

    /// Records that `row` maps `key`, refusing a key some earlier row mapped.
    private static func once<Key: Hashable>(
        _ key: Key, _ label: String, _ row: RuleInput.Row, _ seen: inout [Key: MappingPlace]
    ) throws(MappingError.Problem) {
        if let first = seen[key] { throw .init(row.place, "\(label) mapped twice; first on \(first)") }
        seen[key] = row.place
    }

    /// Records a section that leaves some value of a closed vocabulary unmapped, naming them; not
    /// after a row of the section was refused (the value it meant to map would be named twice).
    private mutating func complete<Key: CaseIterable & RawRepresentable<String> & Hashable>(
        _ mapped: [Key: MappingPlace], _ kind: String, _ section: RuleInput.Section
    ) {
        let unmapped = Key.allCases.filter { mapped[$0] == nil }
        guard unmapped.isEmpty || rowRefused(in: section) else {
            return add(.init(section.place, "\(kind) left unmapped in \(input.format.label(section.name)): "
                + unmapped.map(\.rawValue).joined(separator: ", ")))
        }
    }
}

private extension MappingError.Problem {
    /// Where the problem sits in reading order: by line, or by sheet
    /// (in the format's section order), row and column; whole-file problems last.
    var order: (Int, Int, Int) {
        switch place {
        case nil: (Int.max, 0, 0)
        case .line(let line)?: (0, line, 0)
        case .sheet(let sheet)?: (Self.sheetIndex(sheet), 0, 0)
        case .cell(let sheet, let column, let row)?: (Self.sheetIndex(sheet), row, column)
        }
    }

    private static func sheetIndex(_ sheet: String) -> Int {
        (RuleSetReader.sectionColumns.firstIndex { $0.name == sheet } ?? RuleSetReader.sectionColumns.count) + 1
    }
}

private extension MappingPlace {
    /// The same row's cell in `column` (a CSV line stays the line).
    func cellInColumn(_ column: Int) -> MappingPlace {
        if case .cell(let sheet, _, let row) = self { return .cell(sheet: sheet, column: column, row: row) }
        return self
    }
}

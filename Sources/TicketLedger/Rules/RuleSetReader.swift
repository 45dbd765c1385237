/// Turns a mapping file's sections into rules, refusing the first value that does not fit.
struct RuleSetReader {
    /// The columns of each section, as its column header line must name them.
    static let columns: [String: [String]] = [
        "ruleset": ["key", "value"],
        "status": ["tixngoStatus", "family", "s360Status", "anomaly"],
        "deletionReason": ["deletionReason", "s360Status"],
        "history": ["legacyStatus", "action", "applied", "appliedWithDetails", "pending", "failed"],
        "transactionState": ["state", "outcome"],
        "holder": ["s360Field", "spectatorDetails"],
    ]

    /// The `[ruleset]` section's values.
    struct Header {
        var version: String
        var document: String
        var culturalContacts: Bool
        var ticketFields: TicketFields
    }

    let file: String

    func header(_ section: SectionedCSV.Section) throws(MappingError) -> Header {
        let keys = ["version", "document", "culturalContacts", "beaconName", "extraInfo"]
        var values: [String: (value: String, line: Int)] = [:]
        var seen: [String: Int] = [:]
        for row in section.rows {
            let (key, value) = (row.fields[0], row.fields[1])
            guard keys.contains(key) else {
                throw fail(row.line, "unknown ruleset key \(Quoting.shown(key)); known keys: \(keys.joined(separator: ", "))")
            }
            try once(key, "ruleset key \(key)", row, &seen)
            guard !value.isEmpty else { throw fail(row.line, "ruleset key \(key) has an empty value") }
            values[key] = (value, row.line)
        }
        func entry(_ key: String) throws(MappingError) -> (value: String, line: Int) {
            guard let entry = values[key] else { throw fail(section.line, "ruleset key \(key) is missing") }
            return entry
        }
        func flag(_ key: String) throws(MappingError) -> Bool {
            let (value, line) = try entry(key)
            return try bool(value, key, line: line)
        }
        return Header(
            version: try entry("version").value, document: try entry("document").value,
            culturalContacts: try flag("culturalContacts"),
            ticketFields: TicketFields(beaconName: try flag("beaconName"), extraInfo: try flag("extraInfo")))
    }

    func statuses(_ section: SectionedCSV.Section) throws(MappingError) -> [TIXnGOStatus: StatusRule] {
        var rules: [TIXnGOStatus: StatusRule] = [:]
        var seen: [TIXnGOStatus: Int] = [:]
        for row in section.rows {
            let status: TIXnGOStatus = try value(row.fields[0], "TIXnGO status", row)
            try once(status, "TIXnGO status \(status.rawValue)", row, &seen)
            rules[status] = StatusRule(
                family: try value(row.fields[1], "status family", row),
                s360Status: try value(row.fields[2], "S-360 status", row),
                anomaly: try bool(row.fields[3], "anomaly", line: row.line))
        }
        try complete(rules, "TIXnGO statuses", section)
        return rules
    }

    func deletion(_ section: SectionedCSV.Section) throws(MappingError) -> DeletionRule {
        var byReason: [DeletionReason: S360Status] = [:]
        var withoutReason: S360Status?
        var seen: [DeletionReason?: Int] = [:]
        for row in section.rows {
            let raw = row.fields[0]
            let reason: DeletionReason? = try raw.isEmpty ? nil : value(raw, "deletion reason", row)
            try once(reason, raw.isEmpty ? "the empty deletion reason" : "deletion reason \(raw)", row, &seen)
            let status: S360Status = try value(row.fields[1], "S-360 status", row)
            if let reason { byReason[reason] = status } else { withoutReason = status }
        }
        try complete(byReason, "deletion reasons", section)
        guard let withoutReason else {
            throw fail(section.line, "no row for the empty deletion reason (an observation without deletionReason)")
        }
        return DeletionRule(byReason: byReason, withoutReason: withoutReason)
    }

    func history(_ section: SectionedCSV.Section) throws(MappingError) -> [HistoryKey: HistoryRule] {
        var rules: [HistoryKey: HistoryRule] = [:]
        var seen: [HistoryKey: Int] = [:]
        for row in section.rows {
            let fields = row.fields
            let key = HistoryKey(
                legacyStatus: try value(fields[0], "legacy status", row),
                action: try fields[1] == "*" ? nil : value(fields[1], "action", row))
            try once(key, "history row \(fields[0]),\(fields[1])", row, &seen)
            rules[key] = HistoryRule(
                applied: try value(fields[2], "TIXnGO status", row),
                appliedWithDetails: try value(fields[3], "TIXnGO status", row),
                pending: try fields[4].isEmpty ? nil : value(fields[4], "TIXnGO status", row),
                failed: try fields[5].isEmpty ? nil : value(fields[5], "TIXnGO status", row))
        }
        let uncovered = LegacyStatus.allCases.filter { legacy in
            rules[HistoryKey(legacyStatus: legacy, action: nil)] == nil
                && TransactionAction.allCases.contains { rules[HistoryKey(legacyStatus: legacy, action: $0)] == nil }
        }
        guard uncovered.isEmpty else {
            throw fail(section.line, "legacy statuses without a * row: \(uncovered.map(\.rawValue).joined(separator: ", "))")
        }
        return rules
    }

    func outcomes(_ section: SectionedCSV.Section) throws(MappingError) -> [TransactionState: TransactionOutcome] {
        var outcomes: [TransactionState: TransactionOutcome] = [:]
        var seen: [TransactionState: Int] = [:]
        for row in section.rows {
            let state: TransactionState = try value(row.fields[0], "transaction state", row)
            try once(state, "transaction state \(state.rawValue)", row, &seen)
            outcomes[state] = try value(row.fields[1], "outcome", row)
        }
        try complete(outcomes, "transaction states", section)
        return outcomes
    }

    func holderFields(_ section: SectionedCSV.Section) throws(MappingError) -> [HolderField] {
        var fields: [HolderField] = []
        var seen: [String: Int] = [:]
        for row in section.rows {
            let (field, dotted) = (row.fields[0], row.fields[1])
            guard S360Fields.holderFields.contains(field) else { throw fail(row.line, "unknown S-360 field \(Quoting.shown(field))") }
            let path = dotted.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard S360Fields.spectatorPaths.contains(path) else {
                throw fail(row.line, "unknown spectatorDetails path \(Quoting.shown(dotted))")
            }
            try once(field, "S-360 field \(field)", row, &seen)
            fields.append(HolderField(s360Field: field, path: path))
        }
        return fields
    }

    // MARK: - Checks shared by the sections

    private func fail(_ line: Int?, _ reason: String) -> MappingError {
        MappingError(file: file, line: line, reason: reason)
    }

    private func value<Value: RawRepresentable<String>>(
        _ raw: String, _ kind: String, _ row: SectionedCSV.Row
    ) throws(MappingError) -> Value {
        guard let value = Value(rawValue: raw) else {
            throw fail(row.line, "unknown \(kind) \(raw.isEmpty ? "(empty)" : Quoting.shown(raw))")
        }
        return value
    }

    private func bool(_ raw: String, _ name: String, line: Int) throws(MappingError) -> Bool {
        switch raw {
        case "true": return true
        case "false": return false
        default: throw fail(line, "\(name) must be true or false, found \(raw.isEmpty ? "(empty)" : Quoting.shown(raw))")
        }
    }

    /// Records that `row` maps `key`, refusing a key some earlier row mapped.
    private func once<Key: Hashable>(
        _ key: Key, _ label: String, _ row: SectionedCSV.Row, _ seen: inout [Key: Int]
    ) throws(MappingError) {
        if let first = seen[key] { throw fail(row.line, "\(label) mapped twice; first on line \(first)") }
        seen[key] = row.line
    }

    /// Refuses a section that leaves some value of a closed vocabulary unmapped, naming them.
    private func complete<Key: CaseIterable & RawRepresentable<String>, Value>(
        _ map: [Key: Value], _ kind: String, _ section: SectionedCSV.Section
    ) throws(MappingError) {
        let unmapped = Key.allCases.filter { map[$0] == nil }
        guard unmapped.isEmpty else {
            throw fail(section.line, "\(kind) left unmapped in [\(section.name)]: "
                + unmapped.map(\.rawValue).joined(separator: ", "))
        }
    }
}

/// One difference between two rule sets, in the terms of the file format: a section, a row's key,
/// a column, and the value before and after (nil: the row is not in that rule set).
public struct RuleChange: Sendable, Equatable, CustomStringConvertible {
    public var section: String
    /// The row's key as read: `DEFAULT`, `RECEIVED *`, `individualCountryCode`; `(order)` for the holder fields' order.
    public var key: String
    /// The column that differs (`value` for the `ruleset` section's rows).
    public var field: String
    public var from: String?
    public var to: String?

    /// `status DEFAULT anomaly: true → false`; a two-column section leaves its one value column unnamed.
    public var description: String {
        let singleValue = RuleSetReader.columns[section]?.count == 2 || field == "order"
        let column = singleValue ? "" : " \(field)"
        return "\(section) \(key)\(column): \(from.map(Self.shown) ?? "(no row)") → \(to.map(Self.shown) ?? "(no row)")"
    }

    private static func shown(_ value: String) -> String { value.isEmpty ? "(empty)" : Quoting.shown(value) }
}

extension MappingRuleSet {
    /// What changes from `self` to `other`, by section in format order, then by row key, then by column.
    public func changes(to other: MappingRuleSet) -> [RuleChange] {
        zip(tables, other.tables).flatMap { before, after in Self.changes(from: before, to: after) }
    }

    private static func changes(from before: RuleTable, to after: RuleTable) -> [RuleChange] {
        let old = Dictionary(before.rows.map { (before.key(of: $0), $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after.rows.map { (after.key(of: $0), $0) }, uniquingKeysWith: { first, _ in first })
        var keys = before.rows.map(before.key(of:))
        keys += after.rows.map(after.key(of:)).filter { old[$0] == nil }
        var changes: [RuleChange] = []
        for key in keys {
            for (index, column) in before.columns.enumerated().dropFirst(before.keyColumns) {
                let (from, to) = (old[key]?[index], new[key]?[index])
                if from != to {
                    changes.append(RuleChange(section: before.name, key: key, field: column, from: from, to: to))
                }
            }
        }
        // The holder fields' order is the output order: a reordering is a change even when no row differs.
        let common = Set(before.rows.map(before.key(of:))).intersection(after.rows.map(after.key(of:)))
        let (oldOrder, newOrder) = (before.rows.map(before.key(of:)).filter(common.contains), after.rows.map(after.key(of:)).filter(common.contains))
        if before.name == "holder", oldOrder != newOrder {
            changes.append(RuleChange(
                section: before.name, key: "(order)", field: "order",
                from: oldOrder.joined(separator: ","), to: newOrder.joined(separator: ",")))
        }
        return changes
    }
}

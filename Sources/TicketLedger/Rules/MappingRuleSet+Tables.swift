import Crypto
import Foundation

/// One section of a rule set as rows of text, in canonical order: what the canonical CSV
/// text, an exported workbook and a comparison of two rule sets are all made of.
public struct RuleTable: Sendable, Equatable {
    /// The section's name, which is also its workbook sheet's name.
    public var name: String
    /// The column names, as the section's header row has them.
    public var columns: [String]
    /// How many leading columns identify a row (two for `history`: legacy status and action).
    public var keyColumns: Int
    /// The rows, each as many values as ``columns``.
    public var rows: [[String]]

    /// A row's key as a person reads it: `DEFAULT`, `RECEIVED *`.
    func key(of row: [String]) -> String {
        row.prefix(keyColumns).map { $0.isEmpty ? "(empty)" : $0 }.joined(separator: " ")
    }
}

extension MappingRuleSet {
    /// The rule set as one table per section, in the order of the file format, rows in canonical order
    /// (vocabulary order; holder fields in their output order, which is part of the rules).
    public var tables: [RuleTable] {
        func table(_ name: String, keyColumns: Int = 1, _ rows: [[String]]) -> RuleTable {
            RuleTable(name: name, columns: RuleSetReader.columns[name] ?? [], keyColumns: keyColumns, rows: rows)
        }
        let actions: [TransactionAction?] = [nil] + TransactionAction.allCases
        return [
            table("ruleset", [
                ["version", version], ["document", document], ["culturalContacts", String(culturalContacts)],
                ["beaconName", String(ticketFields.beaconName)], ["extraInfo", String(ticketFields.extraInfo)],
            ]),
            table("status", TIXnGOStatus.allCases.compactMap { status in
                statuses[status].map { [status.rawValue, $0.family.rawValue, $0.s360Status.rawValue, String($0.anomaly)] }
            }),
            table("deletionReason", DeletionReason.allCases.compactMap { reason in
                deletion.byReason[reason].map { [reason.rawValue, $0.rawValue] }
            } + [["", deletion.withoutReason.rawValue]]),
            table("history", keyColumns: 2, LegacyStatus.allCases.flatMap { legacy in
                actions.compactMap { action in
                    history[HistoryKey(legacyStatus: legacy, action: action)].map { rule in
                        [legacy.rawValue, action?.rawValue ?? "*", rule.applied.rawValue, rule.appliedWithDetails.rawValue,
                         rule.pending?.rawValue ?? "", rule.failed?.rawValue ?? ""]
                    }
                }
            }),
            table("transactionState", TransactionState.allCases.compactMap { state in
                transactionOutcomes[state].map { [state.rawValue, $0.rawValue] }
            }),
            table("holder", holderFields.map { [$0.s360Field, $0.path.joined(separator: ".")] }),
        ]
    }

    /// The rule set as sectioned CSV in one fixed spelling: sections in format order, rows in canonical
    /// order, booleans `true`/`false`, no comment. What the ledger stores, and what ``contentHash`` covers.
    public var canonicalText: String {
        tables.map { table in
            (["[\(table.name)]", table.columns.joined(separator: ",")]
                + table.rows.map { $0.enumerated().map { CSVLine.field($1, first: $0 == 0) }.joined(separator: ",") })
                .joined(separator: "\n")
        }.joined(separator: "\n\n") + "\n"
    }

    /// Hex SHA-256 of `bytes`: a rule set's identity, and its source file's.
    static func hexSHA256(_ bytes: Data) -> String {
        SHA256.hash(data: bytes).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}

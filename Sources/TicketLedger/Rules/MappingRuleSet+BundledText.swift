import Foundation

extension MappingRuleSet {
    /// The text of a bundled rule-set file, stored whole in the ledger beside the projection built with it.
    static func bundledText(_ version: String) throws -> String {
        guard let url = Bundle.module.url(forResource: version, withExtension: "csv", subdirectory: "Mappings") else {
            throw LedgerError.migrationMissing("no bundled mapping \(version)")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}

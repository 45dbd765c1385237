/// The mapping and mode asked for when a ledger is opened or replayed. `mapping` and `mode`
/// are requirements (nil: the ledger's own); `newLedgerMapping` and `newLedgerMode` are
/// what a new ledger takes when the requirement leaves them open.
public struct RuleChoice: Sendable {
    /// The mapping required: a bundled version name or a file path.
    public var mapping: String?
    /// The mode required.
    public var mode: ProjectionMode?
    /// The mapping a new ledger takes when `mapping` is nil (nil: the newest bundled version).
    public var newLedgerMapping: String?
    /// The mode a new ledger takes when `mode` is nil (docs/domain.md: history unless told otherwise).
    public var newLedgerMode: ProjectionMode

    public init(
        mapping: String? = nil, mode: ProjectionMode? = nil, newLedgerMapping: String? = nil, newLedgerMode: ProjectionMode = .history
    ) {
        self.mapping = mapping
        self.mode = mode
        self.newLedgerMapping = newLedgerMapping
        self.newLedgerMode = newLedgerMode
    }

    /// A rule set, loaded, with where it came from.
    typealias LoadedRules = MappingDocument

    /// The required rule set, loaded; nil when none is required.
    func loadedRules() throws -> LoadedRules? { try mapping.map(MappingRuleSet.document) }
}

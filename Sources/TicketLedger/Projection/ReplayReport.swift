/// What a replay did, or would do: the document of `replay --json` (CLI.md), plus transitions.
public struct ReplayReport: Sendable, Equatable {
    public var events: Int
    public var tickets: Int
    /// Tickets whose S-360 status differs between the old and the new projection.
    public var changedStatus: Int
    /// Tickets whose mapped holder differs.
    public var changedHolder: Int
    /// S-360 status transitions, old → new, with their counts, most frequent first.
    public var transitions: [Transition]
    /// A few ticket ids that change, for a look with `status`.
    public var examples: [String]
    public var mappingVersion: String
    public var mode: ProjectionMode
    public var dryRun: Bool

    /// One kind of S-360 status change.
    public struct Transition: Sendable, Equatable {
        public var from: S360Status
        public var to: S360Status
        public var count: Int

        public init(from: S360Status, to: S360Status, count: Int) {
            self.from = from
            self.to = to
            self.count = count
        }
    }

    public var json: JSONValue {
        .object([
            ("events", .integer(Int64(events))), ("tickets", .integer(Int64(tickets))),
            ("changedStatus", .integer(Int64(changedStatus))), ("changedHolder", .integer(Int64(changedHolder))),
            ("mappingVersion", .string(mappingVersion)), ("mode", .string(mode.rawValue)), ("dryRun", .bool(dryRun)),
            ("transitions", .array(transitions.map { .object([("from", .string($0.from.rawValue)), ("to", .string($0.to.rawValue)), ("count", .integer(Int64($0.count)))]) })),
            ("examples", .array(examples.map { .string($0) })),
        ])
    }
}

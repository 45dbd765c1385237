/// What a replay did, or would do: the document of `replay --json` (docs/cli.md).
public struct ReplayReport: Sendable, Equatable {
    /// Events in the ledger when the new projection was finished (its last position), all folded into it.
    public var events: Int
    /// Tickets in the new projection, each compared with the old one.
    public var tickets: Int
    /// Tickets whose S-360 status differs between the old and the new projection.
    public var changedStatus: Int
    /// Tickets whose mapped holder differs.
    public var changedHolder: Int
    /// S-360 status transitions, old → new, with their counts, most frequent first.
    public var transitions: [Transition]
    /// Per S-360 holder field, how many tickets would gain, lose or change it; most tickets first.
    public var fields: [FieldChange]
    /// A few ticket ids that change, for a look with `status`.
    public var examples: [String]
    /// The version of the rule set the new projection maps with, e.g. `2023-04-03`.
    public var mappingVersion: String
    /// The mode of the new projection.
    public var mode: ProjectionMode
    /// Whether the new projection was discarded and the live one kept.
    public var dryRun: Bool

    /// One kind of S-360 status change.
    public struct Transition: Sendable, Equatable {
        /// The S-360 status under the projection that was live before the replay.
        public var from: S360Status
        /// The S-360 status under the new projection.
        public var to: S360Status
        /// Tickets that make this change.
        public var count: Int

        /// `count` tickets going from `from` to `to`.
        public init(from: S360Status, to: S360Status, count: Int) {
            self.from = from
            self.to = to
            self.count = count
        }
    }

    /// How many tickets one S-360 holder field changes on.
    public struct FieldChange: Sendable, Equatable {
        /// The S-360 field name (`individualCountryCode`, `beaconName`, …).
        public var field: String
        /// Tickets that had no value and get one.
        public var added = 0
        /// Tickets that had a value and lose it.
        public var removed = 0
        /// Tickets whose value changes.
        public var changed = 0

        /// Tickets on which the field changes in any way.
        public var tickets: Int { added + removed + changed }

        /// The tallies of two sets of tickets, added up.
        static func + (lhs: FieldChange, rhs: FieldChange) -> FieldChange {
            FieldChange(field: lhs.field, added: lhs.added + rhs.added, removed: lhs.removed + rhs.removed, changed: lhs.changed + rhs.changed)
        }

        /// The tallies of `field`, zero unless given.
        public init(field: String, added: Int = 0, removed: Int = 0, changed: Int = 0) {
            self.field = field
            self.added = added
            self.removed = removed
            self.changed = changed
        }
    }

    /// Exactly the fields of `replay --json` (docs/cli.md).
    public var json: JSONValue {
        .object([
            ("events", .integer(Int64(events))), ("tickets", .integer(Int64(tickets))),
            ("changedStatus", .integer(Int64(changedStatus))), ("changedHolder", .integer(Int64(changedHolder))),
            ("mappingVersion", .string(mappingVersion)), ("mode", .string(mode.rawValue)), ("dryRun", .bool(dryRun)),
            ("transitions", .array(transitions.map { .object([("from", .string($0.from.rawValue)), ("to", .string($0.to.rawValue)), ("count", .integer(Int64($0.count)))]) })),
            ("fields", .array(fields.map {
                .object([
                    ("field", .string($0.field)), ("tickets", .integer(Int64($0.tickets))), ("added", .integer(Int64($0.added))),
                    ("removed", .integer(Int64($0.removed))), ("changed", .integer(Int64($0.changed))),
                ])
            })),
            ("examples", .array(examples.map { .string($0) })),
        ])
    }
}

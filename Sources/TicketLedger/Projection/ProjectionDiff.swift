import GRDB

/// Counts what a replay changes, ticket by ticket: S-360 status and mapped holder of
/// the old projection's state against the new one's.
///
/// Tallies of disjoint sets of tickets add up, and a ticket counted once can be taken
/// back, so a replay counts each chunk while it builds it and recounts only the tickets
/// that events appended meanwhile changed.
struct ProjectionDiff: Sendable {
    static let exampleCount = 5

    let old: ProjectionSettings
    let new: ProjectionSettings
    private(set) var tickets = 0
    private(set) var changedStatus = 0
    private(set) var changedHolder = 0
    private var transitions: [Pair: Int] = [:]
    private var fields: [String: ReplayReport.FieldChange] = [:]
    private var examples: [String] = []

    init(old: ProjectionSettings, new: ProjectionSettings) {
        self.old = old
        self.new = new
    }

    /// Counts one ticket's old and new state; `takingBack` undoes an earlier count of the same states.
    mutating func count(
        _ key: TicketKey, old before: TicketState, new after: TicketState, reader: HolderSourceReader, takingBack: Bool = false
    ) throws {
        let sign = takingBack ? -1 : 1
        tickets += sign
        var changed = false
        let oldStatus = S360View(state: before, rules: old.rules).s360Status
        let newStatus = S360View(state: after, rules: new.rules).s360Status
        if oldStatus != newStatus {
            changedStatus += sign
            transitions[Pair(from: oldStatus, to: newStatus), default: 0] += sign
            changed = true
        }
        if let holders = try changedHolders(before, after, reader: reader) {
            changedHolder += sign
            countFields(from: holders.old, to: holders.new, sign: sign)
            changed = true
        }
        guard changed else { return }
        if takingBack {
            examples.removeAll { $0 == key.ticketId }
        } else if examples.count < Self.exampleCount {
            examples.append(key.ticketId)
        }
    }

    /// The old and new mapped holder when they differ, else nil; reads only the sources the two
    /// rule sets map differently.
    private func changedHolders(
        _ before: TicketState, _ after: TicketState, reader: HolderSourceReader
    ) throws -> (old: MappedHolder, new: MappedHolder)? {
        let sameRegisters = before.holder == after.holder && before.beacon == after.beacon && before.extraInfo == after.extraInfo
        // With the same registers, a part both rule sets map alike maps alike: it is not read.
        let spectator = !(sameRegisters && old.rules.holderFields == new.rules.holderFields)
        let ticket = !(sameRegisters && old.rules.ticketFields == new.rules.ticketFields)
        guard spectator || ticket else { return nil }
        let oldSources = try reader.sources(of: before, for: [old.rules, new.rules], spectator: spectator, ticket: ticket)
        let newSources = sameRegisters ? oldSources : try reader.sources(of: after, for: [new.rules])
        let holders = (old: old.rules.holder(from: oldSources), new: new.rules.holder(from: newSources))
        return holders.old == holders.new ? nil : holders
    }

    /// Tallies, per S-360 holder field, whether the ticket gains, loses or changes it.
    private mutating func countFields(from oldHolder: MappedHolder, to newHolder: MappedHolder, sign: Int) {
        let before = Dictionary(oldHolder.json.members.map { ($0.key, $0.value) }) { first, _ in first }
        let after = Dictionary(newHolder.json.members.map { ($0.key, $0.value) }) { first, _ in first }
        for field in Set(before.keys).union(after.keys) {
            switch (before[field], after[field]) {
            case (nil, .some): fields[field, default: .init(field: field)].added += sign
            case (.some, nil): fields[field, default: .init(field: field)].removed += sign
            case (.some(let was), .some(let now)) where was != now: fields[field, default: .init(field: field)].changed += sign
            default: break
            }
        }
    }

    /// Recounts `tickets` after events past `counted` changed them: takes back their count
    /// from the events up to `counted` (as the build made it) and counts their rows now.
    mutating func recount(_ tickets: some Sequence<TicketKey>, countedThrough counted: Int64, reader: HolderSourceReader, db: Database) throws {
        for key in tickets {
            if let before = try Projector.ticket(key, where: "position <= ?", [.integer(counted)], settings: old, db: db),
                let after = try Projector.ticket(key, where: "position <= ?", [.integer(counted)], settings: new, db: db)
            {
                try count(key, old: before, new: after, reader: reader, takingBack: true)
            }
            let before = try TicketStateStore(settings: old).load(key, db: db) ?? TicketState()
            let after = try TicketStateStore(settings: new).load(key, db: db) ?? TicketState()
            try count(key, old: before, new: after, reader: reader)
        }
    }

    /// Adds the tally of other tickets.
    mutating func add(_ other: ProjectionDiff) {
        tickets += other.tickets
        changedStatus += other.changedStatus
        changedHolder += other.changedHolder
        transitions.merge(other.transitions, uniquingKeysWith: +)
        fields.merge(other.fields, uniquingKeysWith: +)
        examples += other.examples.prefix(max(0, Self.exampleCount - examples.count))
    }

    func report(events: Int, dryRun: Bool) -> ReplayReport {
        ReplayReport(
            events: events, tickets: tickets, changedStatus: changedStatus, changedHolder: changedHolder,
            transitions: transitions.filter { $0.value != 0 }
                .map { ReplayReport.Transition(from: $0.key.from, to: $0.key.to, count: $0.value) }
                .sorted { ($1.count, $0.from.rawValue, $0.to.rawValue) < ($0.count, $1.from.rawValue, $1.to.rawValue) },
            fields: fields.values.filter { $0.tickets != 0 }.sorted { ($1.tickets, $0.field) < ($0.tickets, $1.field) },
            examples: examples, mappingVersion: new.rules.version, mode: new.mode, dryRun: dryRun)
    }

    private struct Pair: Hashable {
        var from: S360Status
        var to: S360Status
    }
}

/// A ticket's holder as S-360 fields, mapped by a rule set.
public enum MappedHolder: Equatable, Sendable {
    /// The S-360 fields, in the rule set's order; absent values omitted.
    case fields([(key: String, value: JSONValue)])
    /// The holder's personal data was erased (`forget`); only ticket-level fields remain.
    case erased(ticketFields: [(key: String, value: JSONValue)])

    public static func == (lhs: MappedHolder, rhs: MappedHolder) -> Bool { lhs.json == rhs.json }

    /// The holder as a JSON object; an erased holder says so with `"erased": true`.
    public var json: JSONValue {
        switch self {
        case .fields(let fields): .object(fields)
        case .erased(let ticketFields): .object([(key: "erased", value: .bool(true))] + ticketFields)
        }
    }
}

/// The inputs of a holder: what the ticket's registers point at, already read (and opened) from the events.
public struct HolderSources: Sendable {
    /// The holder observation's spectatorDetails: nil when there is none, `.erased` when forgotten.
    public var spectatorDetails: PersonalData
    /// The public part of the observation that set the beacon name.
    public var beaconObservation: JSONValue?
    /// The public part of the observation that set ticketDetails.extra.
    public var extraInfoObservation: JSONValue?

    public init(spectatorDetails: PersonalData, beaconObservation: JSONValue?, extraInfoObservation: JSONValue?) {
        self.spectatorDetails = spectatorDetails
        self.beaconObservation = beaconObservation
        self.extraInfoObservation = extraInfoObservation
    }
}

/// Personal data as the ledger can read it.
public enum PersonalData: Sendable, Equatable {
    case absent
    case erased
    case present(JSONValue)
}

extension MappingRuleSet {
    /// Maps a holder's sources to S-360 fields (docs/domain.md §6).
    public func holder(from sources: HolderSources) -> MappedHolder {
        var ticketLevel: [(key: String, value: JSONValue)] = []
        if ticketFields.beaconName, let beacon = sources.beaconObservation?["beaconName"] {
            ticketLevel.append((S360Fields.beaconName, beacon))
        }
        if ticketFields.extraInfo, let extra = sources.extraInfoObservation?["ticketDetails"]?["extra"] {
            let numbered = extra.members.compactMap { member in
                S360Fields.extraInfoField(for: member.key).map { (key: $0, value: member.value) }
            }
            ticketLevel += numbered.sorted { $0.key.count != $1.key.count ? $0.key.count < $1.key.count : $0.key < $1.key }
        }
        switch sources.spectatorDetails {
        case .erased:
            return .erased(ticketFields: ticketLevel)
        case .absent:
            return .fields(ticketLevel)
        case .present(let details):
            let personal = holderFields.compactMap { field -> (key: String, value: JSONValue)? in
                var value: JSONValue? = details
                for component in field.path { value = value?[component] }
                guard let value, value != .null else { return nil }
                return (field.s360Field, value)
            }
            return .fields(personal + ticketLevel)
        }
    }
}

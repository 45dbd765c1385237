/// The inputs of a holder: what the ticket's registers point at, already read (and opened) from the events.
struct HolderSources: Sendable {
    /// The holder observation's spectatorDetails: nil when there is none, `.erased` when forgotten.
    var spectatorDetails: PersonalData
    /// The public part of the observation that set the beacon name.
    var beaconObservation: JSONValue?
    /// The public part of the observation that set ticketDetails.extra.
    var extraInfoObservation: JSONValue?

    init(spectatorDetails: PersonalData, beaconObservation: JSONValue?, extraInfoObservation: JSONValue?) {
        self.spectatorDetails = spectatorDetails
        self.beaconObservation = beaconObservation
        self.extraInfoObservation = extraInfoObservation
    }
}

extension MappingRuleSet {
    /// Maps a holder's sources to S-360 fields (docs/domain.md §6).
    func holder(from sources: HolderSources) -> MappedHolder {
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
        case .sealed:
            return .sealed(ticketFields: ticketLevel)
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

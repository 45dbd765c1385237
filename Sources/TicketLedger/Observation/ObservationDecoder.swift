/// The one place that knows the TicketChange wire shape (docs/feedback-api.yaml).
///
/// An item either becomes an ``Observation`` or is rejected with a reason; it is
/// never silently altered. Unknown extra members are kept in the public part.
enum ObservationDecoder {
    /// Items larger than this (canonical bytes) are rejected: no real TicketChange comes near it.
    static let maximumItemBytes = 1 << 20
    /// Longer ticket ids are rejected.
    static let maximumTicketIdLength = 256

    /// The verdict on one item.
    enum Outcome: Sendable {
        case observation(Observation)
        case rejected(reason: String)
    }

    /// Judges one item of a page or one line of a JSON Lines file.
    static func decode(_ item: some ItemValue) -> Outcome {
        do {
            return .observation(try observation(from: item))
        } catch {
            return .rejected(reason: error.reason)
        }
    }

    struct Rejection: Error { var reason: String }

    private static func observation<Item: ItemValue>(from item: Item) throws(Rejection) -> Observation {
        guard item.kind == .object else { throw Rejection(reason: "the item is \(item.kind.name), not an object") }
        if let duplicate = item.firstDuplicateKey { throw Rejection(reason: "the item has the member \(Quoting.quoted(duplicate)) twice") }
        let canonical = item.canonicalItem
        guard canonical.whole.count <= maximumItemBytes else {
            throw Rejection(reason: "the item is \(canonical.whole.count) bytes, more than the \(maximumItemBytes) allowed")
        }
        let ticketId = try ticketIdentifier(item["ticketId"])
        let statusDate = try date(item["statusDate"])
        let status = try enumValue(TIXnGOStatus.self, item, "status", what: "TIXnGO status")
        let transaction = try historyTransaction(item)
        guard status != nil || transaction != nil else {
            throw Rejection(reason: "the item has neither status nor legacyStatus/action/state")
        }
        let deletionReason = try enumValue(DeletionReason.self, item, "deletionReason", what: "deletion reason")
        let spectatorDetails = try optionalObject(item, PersonalMembers.spectatorDetails)
        let pendingTransfer = try optionalObject(item, PersonalMembers.pendingTransfer)
        func personal(_ value: Item?, _ name: String, email: String) -> PersonalMember? {
            guard value != nil, let bytes = canonical.members[name] else { return nil }
            return PersonalMember(canonicalBytes: bytes, email: value?[email]?.stringValue)
        }
        if let beacon = item["beaconName"], beacon.stringValue == nil {
            throw Rejection(reason: "beaconName is \(beacon.kind.name), not a string")
        }
        let extra = item["ticketDetails"]?["extra"]
        if let extra, extra.kind != .object {
            throw Rejection(reason: "ticketDetails.extra is \(extra.kind.name), not an object")
        }
        return Observation(
            ticketId: ticketId, statusDate: statusDate, status: status, transaction: transaction,
            deletionReason: deletionReason, hasBeacon: item["beaconName"] != nil, hasExtraInfo: extra != nil,
            publicBody: canonical.publicBody,
            spectatorDetails: personal(spectatorDetails, PersonalMembers.spectatorDetails, email: "email"),
            pendingTransfer: personal(pendingTransfer, PersonalMembers.pendingTransfer, email: "recipientEmail"),
            canonicalBytes: canonical.whole
        )
    }

    private static func ticketIdentifier(_ value: (some ItemValue)?) throws(Rejection) -> String {
        guard let value else { throw Rejection(reason: "the item has no ticketId") }
        guard let id = value.stringValue else { throw Rejection(reason: "ticketId is \(value.kind.name), not a string") }
        // The usual id, printable ASCII, passes every check below: looked at byte by byte, not by grapheme.
        var plain = id
        if plain.withUTF8({ !$0.isEmpty && $0.count <= maximumTicketIdLength && $0.allSatisfy { 0x21...0x7E ~= $0 } }) { return id }
        guard !id.allSatisfy(\.isWhitespace) else { throw Rejection(reason: "ticketId is empty or blank") }
        guard id.count <= maximumTicketIdLength else {
            throw Rejection(reason: "ticketId is \(id.count) characters, more than \(maximumTicketIdLength)")
        }
        if let bad = id.unicodeScalars.first(where: Quoting.isUnprintable) {
            throw Rejection(reason: "ticketId contains \(Quoting.codePoint(bad, brackets: false)), a control or invisible character")
        }
        return id
    }

    private static func date(_ value: (some ItemValue)?) throws(Rejection) -> Timestamp {
        guard let value else { throw Rejection(reason: "the item has no statusDate") }
        guard let text = value.stringValue else { throw Rejection(reason: "statusDate is \(value.kind.name), not a string") }
        guard let date = Timestamp(rfc3339: text) else { throw Rejection(reason: "statusDate \(Quoting.quoted(text)) is not RFC 3339") }
        guard Timestamp.plausibleRange.contains(date) else {
            throw Rejection(reason: "statusDate \(Quoting.quoted(text)) is outside the years 2000–2099")
        }
        return date
    }

    private static func enumValue<E: RawRepresentable<String>>(
        _: E.Type, _ item: some ItemValue, _ member: String, what: String
    ) throws(Rejection) -> E? {
        guard let value = item[member] else { return nil }
        guard let text = value.stringValue else { throw Rejection(reason: "\(member) is \(value.kind.name), not a string") }
        guard let known = E(rawValue: text) else { throw Rejection(reason: "\(member) \(Quoting.quoted(text)) is not a \(what)") }
        return known
    }

    private static func historyTransaction(_ item: some ItemValue) throws(Rejection) -> Transaction? {
        let legacy = try enumValue(LegacyStatus.self, item, "legacyStatus", what: "TIXnGO legacy status")
        let action = try enumValue(TransactionAction.self, item, "action", what: "transaction action")
        let state = try enumValue(TransactionState.self, item, "state", what: "transaction state")
        switch (legacy, action, state) {
        case (nil, nil, nil): return nil
        case let (legacy?, action?, state?): return Transaction(legacyStatus: legacy, action: action, state: state)
        default: throw Rejection(reason: "a history item needs legacyStatus, action and state together")
        }
    }

    private static func optionalObject<Item: ItemValue>(_ item: Item, _ member: String) throws(Rejection) -> Item? {
        guard let value = item[member] else { return nil }
        if value.kind == .null { return nil }
        guard value.kind == .object else { throw Rejection(reason: "\(member) is \(value.kind.name), not an object") }
        return value
    }
}

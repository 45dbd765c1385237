// libFuzzer target: the observation decoder (JSONParser, ObservationDecoder,
// FeedbackPage, Timestamp). Built and run by Scripts/fuzz.sh, compiled into one
// module with Sources/TicketLedger/Observation and Sources/TicketLedger/Rules.
//
// Beyond "does not crash or hang", every input is held to these properties:
// - a parsed value's canonical bytes parse back to the same canonical bytes;
// - an observation's canonical bytes are the item's, its ticketId is a non-empty
//   id of at most 256 characters without control characters, and its statusDate
//   is in the plausible range and prints back as RFC 3339 to the same instant;
// - a rejection's reason is short and printable (no control characters), so it can
//   go to a terminal or a log as it is;
// - a timestamp that parses to an instant the ledger can store prints back to the same instant;
// - an input read in place (ScannedItem) parses, with the same canonical form and the same
//   observation as the parsed tree.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    checkTimestamp(String(decoding: bytes, as: UTF8.self))
    bytes.withUnsafeBufferPointer(checkScanned)
    if let value = try? JSONParser.parse(bytes) {
        checkCanonical(value)
        switch value {
        case .array(let elements): elements.forEach(checkItem)
        default: checkItem(value)
        }
    }
    switch Result(catching: { () throws(FeedbackPage.Malformed) in try FeedbackPage.decode(bytes) }) {
    case .success(let page): page.items.forEach(checkItem)
    case .failure(let malformed): checkMessage(malformed.description, of: "FeedbackPage.Malformed")
    }
    return 0
}

private func checkCanonical(_ value: JSONValue) {
    let canonical = value.canonicalBytes
    guard let again = try? JSONParser.parse(canonical) else {
        fatalError("canonical bytes do not parse: \(String(decoding: canonical.prefix(200), as: UTF8.self))")
    }
    guard again.canonicalBytes == canonical else { fatalError("canonical form is not a fixed point") }
    guard (try? JSONParser.parse(Array(value.outputText.utf8))) != nil else { fatalError("output text does not parse") }
}

private func checkItem(_ item: JSONValue) {
    switch ObservationDecoder.decode(item) {
    case .observation(let observation):
        guard observation.canonicalBytes == item.canonicalBytes else { fatalError("observation bytes differ from the item's") }
        let id = observation.ticketId
        guard !id.isEmpty, id.count <= ObservationDecoder.maximumTicketIdLength,
            !id.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { fatalError("accepted a bad ticketId") }
        guard Timestamp.plausibleRange.contains(observation.statusDate) else { fatalError("accepted an implausible statusDate") }
        guard Timestamp(rfc3339: observation.statusDate.description) == observation.statusDate else {
            fatalError("statusDate \(observation.statusDate) does not print back")
        }
        guard observation.status != nil || observation.transaction != nil else { fatalError("accepted an item with no status") }
    case .rejected(let reason):
        checkMessage(reason, of: "rejection")
    }
}

/// What is read in place must be read as the tree reads it: same canonical form, same verdict.
private func checkScanned(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let scanned = ScannedItem(bytes) else { return }
    guard let tree = try? JSONParser.parse(bytes) else { fatalError("read in place what does not parse") }
    let (inPlace, parsed) = (scanned.root.canonicalItem, CanonicalItem(tree))
    guard inPlace.whole == parsed.whole, inPlace.publicBody == parsed.publicBody, inPlace.members == parsed.members else {
        fatalError("the canonical form read in place differs from the tree's")
    }
    let fast = ObservationDecoder.observation(scanning: bytes)
    switch ObservationDecoder.decode(tree) {
    case .observation(let observation):
        guard fast == observation else { fatalError("the observation read in place differs from the tree's") }
    case .rejected:
        guard fast == nil else { fatalError("read in place an observation the tree rejects") }
    }
}

/// Only instants the ledger can store must print back: "9999-12-31T23:00:00-05:00" parses to an instant in
/// the year 10000, which has no RFC 3339 text, and the decoder rejects it as outside 2000–2099.
private func checkTimestamp(_ text: String) {
    guard let timestamp = Timestamp(rfc3339: text), Timestamp.plausibleRange.contains(timestamp) else { return }
    guard Timestamp(rfc3339: timestamp.description) == timestamp else {
        fatalError("timestamp \(timestamp) does not print back")
    }
}

/// A message for an operator: not empty, at most 400 characters, nothing that a terminal would interpret.
func checkMessage(_ message: String, of kind: String) {
    guard !message.isEmpty, message.count <= 400 else { fatalError("\(kind) message of \(message.count) characters") }
    if let bad = message.unicodeScalars.first(where: { isUnprintable($0) }) {
        fatalError("\(kind) message holds U+\(String(bad.value, radix: 16, uppercase: true)): \(message.debugDescription)")
    }
}

/// Control and format characters, and line or paragraph separators.
func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator: true
    default: false
    }
}

/// One item as read from a source, with where it came from.
struct SourcedItem: Sendable {
    /// What was read of the item.
    enum Content: Sendable {
        /// The parsed item, to be judged.
        case value(JSONValue)
        /// An observation already judged, read in place from a line's bytes (``ScannedItem``).
        case observation(Observation)
    }

    var content: Content
    var source: ItemSource

    init(value: JSONValue, source: ItemSource) {
        content = .value(value)
        self.source = source
    }

    /// The item on a line of a file: read in place when it is a plain observation, parsed otherwise.
    init(line: UnsafeBufferPointer<UInt8>, source: ItemSource) {
        if let observation = ObservationDecoder.observation(scanning: line) {
            content = .observation(observation)
        } else {
            // The file was checked whole before any line is read: every line parses.
            content = .value((try? JSONParser.parse(line)) ?? .null)
        }
        self.source = source
    }
}

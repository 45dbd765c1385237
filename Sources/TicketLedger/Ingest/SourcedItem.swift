/// One item as read from a source, with where it came from.
struct SourcedItem: Sendable {
    var value: JSONValue
    var source: ItemSource

    init(value: JSONValue, source: ItemSource) {
        self.value = value
        self.source = source
    }
}

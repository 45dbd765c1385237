public import Foundation

/// Writes a feed as JSON Lines: one compact TicketChange per line, in feed order.
public enum JSONLinesExporter {
    private static let flushThreshold = 1 << 20

    /// Streams the feed of `configuration` to `output`; returns how many items were written.
    @discardableResult
    public static func write(_ configuration: FeedConfiguration, to output: FileHandle) throws -> Int {
        try configuration.validate()
        var merger = FeedMerger(configuration: configuration)
        let renderer = ChangeRenderer(configuration: configuration)
        var json = JSONWriter(capacity: flushThreshold + 4096)
        var written = 0
        while let scheduled = merger.next() {
            renderer.item(scheduled.plan, change: scheduled.publication.change).write(to: &json)
            json.appendByte(UInt8(ascii: "\n"))
            written += 1
            if json.bytes.count >= flushThreshold {
                try flush(&json, to: output)
            }
        }
        try flush(&json, to: output)
        return written
    }

    private static func flush(_ json: inout JSONWriter, to output: FileHandle) throws {
        do {
            try output.write(contentsOf: Data(json.bytes))
        } catch {
            throw SimulatorError.outputFailed("\(error.localizedDescription)")
        }
        json.removeAll()
    }
}

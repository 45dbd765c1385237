public import Foundation

/// What feed to generate: one organizer's match day, fully determined by these values.
public struct FeedConfiguration: Sendable, Hashable {
    /// The TIXnGO organizer; its organizations are "\(organizer)-1" and "\(organizer)-2".
    public var organizer: String
    /// How many tickets the organizer has.
    public var tickets: Int
    /// The seed of every random choice.
    public var seed: UInt64
    /// The wire shape of the items.
    public var shape: ItemShape
    /// The first injection of the day; matches kick off 7, 10 and 13 hours later.
    public var start: Date
    /// Share of items served a second time, later in the feed (0...1).
    public var duplicateRate: Double
    /// Share of items published only after later changes of the same ticket (0...1).
    public var outOfOrderRate: Double
    /// When set, the feed stops after this many items.
    public var itemLimit: Int?

    /// The default start of the match day: 2026-06-20T08:00:00Z.
    public static let defaultStart = Date(timeIntervalSince1970: 1_781_942_400)

    /// Creates a configuration.
    public init(
        organizer: String = "ORG-DEMO",
        tickets: Int = 1000,
        seed: UInt64 = 1,
        shape: ItemShape = .lifecycle,
        start: Date = FeedConfiguration.defaultStart,
        duplicateRate: Double = 0,
        outOfOrderRate: Double = 0,
        itemLimit: Int? = nil
    ) {
        self.organizer = organizer
        self.tickets = tickets
        self.seed = seed
        self.shape = shape
        self.start = start
        self.duplicateRate = duplicateRate
        self.outOfOrderRate = outOfOrderRate
        self.itemLimit = itemLimit
    }

    /// Throws ``SimulatorError/invalidConfiguration(_:)`` naming the first bad value.
    public func validate() throws {
        if organizer.isEmpty || organizer.utf8.contains(where: { $0 < 0x21 || $0 == UInt8(ascii: "\"") }) {
            throw SimulatorError.invalidConfiguration("organizer \"\(organizer)\": use a non-empty id without spaces or quotes")
        }
        if tickets < 1 {
            throw SimulatorError.invalidConfiguration("tickets \(tickets): the feed needs at least 1 ticket")
        }
        if !(0...1).contains(duplicateRate) {
            throw SimulatorError.invalidConfiguration("duplicate rate \(duplicateRate): use a share between 0 and 1")
        }
        if !(0...1).contains(outOfOrderRate) {
            throw SimulatorError.invalidConfiguration("out-of-order rate \(outOfOrderRate): use a share between 0 and 1")
        }
        if let itemLimit, itemLimit < 1 {
            throw SimulatorError.invalidConfiguration("item limit \(itemLimit): use at least 1")
        }
    }

    /// The first injection, in whole seconds since the epoch.
    var startSeconds: Int64 {
        Int64(start.timeIntervalSince1970.rounded(.down))
    }
}

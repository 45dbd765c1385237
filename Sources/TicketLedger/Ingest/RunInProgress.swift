/// Another run holds the lock an operation needs: an ingest of the same organizer, or a replay.
public struct RunInProgress: Error, CustomStringConvertible {
    /// Who holds a lock, as written in its file.
    public struct Holder: Codable, Sendable, Equatable, CustomStringConvertible {
        /// The holding process's id.
        public var pid: Int32
        /// The host name of the machine the holding process runs on.
        public var host: String
        /// When the holder took the lock: RFC 3339 in UTC, as ``Timestamp`` prints it.
        public var since: String
        public var description: String { "pid \(pid) on \(host) since \(since)" }
    }

    /// What the holder is doing, e.g. "ingest of organizer FIFA".
    public var activity: String
    /// Who holds the lock; nil when its file could not be read (for example, not yet written by the holder).
    public var holder: Holder?

    /// The error for a lock taken for `activity` by `holder` (nil when unknown).
    public init(activity: String, holder: Holder?) {
        self.activity = activity
        self.holder = holder
    }
    public var description: String {
        "another \(activity) is running (\(holder?.description ?? "holder unknown")); wait for it to finish"
    }
}

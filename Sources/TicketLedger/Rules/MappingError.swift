/// A mapping file that cannot be used, with where and why.
public struct MappingError: Error, CustomStringConvertible, Equatable {
    /// The file as the user named it (a path, or a bundled version's file name).
    public var file: String
    /// The 1-based line at fault, or nil when the fault is the whole file (unreadable, a section missing).
    public var line: Int?
    /// What is wrong, naming the offending value.
    public var reason: String

    /// The error for `file`, at `line` (nil for the whole file), saying `reason`.
    public init(file: String, line: Int?, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `mapping file m.csv line 12: unknown TIXnGO status ACTIVE`.
    public var description: String {
        if let line { "mapping file \(file) line \(line): \(reason)" } else { "mapping file \(file): \(reason)" }
    }
}

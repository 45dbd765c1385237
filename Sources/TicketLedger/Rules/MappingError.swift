/// A mapping file that cannot be used, with where and why.
public struct MappingError: Error, CustomStringConvertible, Equatable {
    /// The file as the user named it (a path, or a bundled version's file name).
    public var file: String
    /// The 1-based line at fault, or nil when the fault is the whole file (unreadable, a section missing).
    public var line: Int?
    /// What is wrong, naming the offending value.
    public var reason: String

    public init(file: String, line: Int?, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `mapping file m.csv line 12: unknown TIXnGO status ACTIVE`.
    public var description: String {
        if let line { "mapping file \(file) line \(line): \(reason)" } else { "mapping file \(file): \(reason)" }
    }

    /// A value from the file as a reason names it: each control or invisible character (which a terminal
    /// would act on or not show) written as `<U+001B>`, and cut after 60 characters.
    static func shown(_ value: some StringProtocol) -> String {
        var text = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            guard text.count < 60 else { return String(text) + "…" }
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                text.append(contentsOf: ("<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">").unicodeScalars)
            default:
                text.append(scalar)
            }
        }
        return String(text)
    }
}

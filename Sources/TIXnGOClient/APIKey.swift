import Foundation

/// The organizer admin's TIXnGO API key; its value is never printed, dumped or logged.
public struct APIKey: Sendable {
    /// The environment variable the key is read from.
    public static let environmentVariable = "TIXNGO_API_KEY"

    /// The secret, sent only as the `x-api-key` header.
    let value: String

    /// Wraps a key given in code; trailing whitespace and newlines are trimmed.
    public init(_ value: String) throws {
        let trimmed = Self.trimmingTrailingWhitespace(value)
        guard !trimmed.isEmpty else { throw TIXnGOClientError.apiKeyMissing(source: "the given value") }
        try self.init(validated: trimmed, source: "the given value")
    }

    /// Reads the key from `TIXNGO_API_KEY` in `environment`, or in the process environment when nil.
    public static func fromEnvironment(_ environment: [String: String]? = nil) throws -> APIKey {
        let source = "the environment variable \(environmentVariable)"
        let variables = environment ?? ProcessInfo.processInfo.environment
        let trimmed = trimmingTrailingWhitespace(variables[environmentVariable] ?? "")
        guard !trimmed.isEmpty else { throw TIXnGOClientError.apiKeyMissing(source: source) }
        return try APIKey(validated: trimmed, source: source)
    }

    /// Reads the key from the file at `path`, ignoring a trailing newline.
    public init(contentsOfFile path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TIXnGOClientError.apiKeyFileUnreadable(path: path)
        }
        let trimmed = Self.trimmingTrailingWhitespace(String(decoding: data, as: UTF8.self))
        guard !trimmed.isEmpty else { throw TIXnGOClientError.apiKeyMissing(source: "the file \(path)") }
        try self.init(validated: trimmed, source: "the file \(path)")
    }

    private init(validated value: String, source: String) throws {
        // Only visible ASCII can travel in a header; anything else would make the HTTP
        // client throw an error that quotes the header value.
        guard value.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw TIXnGOClientError.apiKeyMalformed(source: source)
        }
        self.value = value
    }

    private static func trimmingTrailingWhitespace(_ text: String) -> String {
        var text = Substring(text)
        while let last = text.last, last.isWhitespace || last.isNewline {
            text.removeLast()
        }
        return String(text)
    }
}

extension APIKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A placeholder that never contains the key.
    public var description: String { "APIKey(redacted)" }

    /// A placeholder that never contains the key.
    public var debugDescription: String { description }

    /// A mirror without children, so `dump` shows no value.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

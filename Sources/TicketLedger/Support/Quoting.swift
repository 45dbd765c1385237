/// How input text appears in an error message: cut to a readable length, each invisible or
/// cursor-moving character shown by its code point, so a message neither hides nor replays
/// what the input held. Decoding and mapping errors both quote through here.
enum Quoting {
    /// Characters shown at most, before the "…" that says the value goes on.
    static let limit = 60

    /// `value` as a message shows it: `DOWN<U+001B>[2J…`.
    static func shown(_ value: some StringProtocol) -> String {
        var text = ""
        for scalar in value.unicodeScalars {
            guard text.unicodeScalars.count < limit else { return text + "…" }
            if isUnprintable(scalar) { text += codePoint(scalar) } else { text.unicodeScalars.append(scalar) }
        }
        return text
    }

    /// `U+001B`: how a message names a character.
    static func codePoint(_ scalar: Unicode.Scalar, brackets: Bool = true) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let name = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return brackets ? "<\(name)>" : name
    }

    /// `value` shown between double quotes.
    static func quoted(_ value: some StringProtocol) -> String { "\"" + shown(value) + "\"" }

    /// Control and format characters (invisible, or moving a terminal's cursor or text direction) and line or
    /// paragraph separators: never part of a ticket id, never echoed into a message as they are.
    static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }
}

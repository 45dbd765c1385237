import SharedSupport

/// How a cell's stored value reads as the text a spreadsheet shows, for the values a mapping holds.
enum CellText {
    /// A number as a person types it: `7`, `2.5`, never `7.0`.
    static func number(_ raw: String) -> String? {
        guard let value = Double(raw), value.isFinite else { return nil }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// A date cell's serial number as ISO 8601: `2023-02-07`, with ` HH:MM:SS` when it has a time of day.
    static func date(_ raw: String, dates1904: Bool) -> String? {
        guard let serial = Double(raw), serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var whole = Int64(serial.rounded(.down))
        var seconds = Int64(((serial - Double(whole)) * 86_400).rounded())
        if seconds == 86_400 { (whole, seconds) = (whole + 1, 0) }  // a time that rounds up to the next midnight
        // Day 0 is 1899-12-30 in the 1900 system for every serial from 61 on (Lotus 1-2-3 counted a
        // 29 February 1900 that never was, and Excel keeps it), 1904-01-01 in the 1904 system.
        let days = dates1904 ? whole - 24_107 : (whole >= 61 ? whole - 25_569 : whole - 25_568)
        var text = RFC3339.dateString(days: days)
        if seconds > 0 {
            let (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60)
            text += " " + [hours, minutes, rest].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
        }
        return text
    }

    /// OOXML's escape of a character XML cannot hold, `_x000B_`, as that character (`_x005F_` is a literal `_`).
    static func unescaped(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "_x") {
            result += rest[..<start.lowerBound]
            let digits = rest[start.upperBound...].prefix(5)
            if digits.count == 5, digits.last == "_", let value = UInt32(digits.dropLast(), radix: 16), let scalar = Unicode.Scalar(value) {
                result.unicodeScalars.append(scalar)
                rest = rest[rest.index(start.upperBound, offsetBy: 5)...]
            } else {
                result += "_x"
                rest = rest[start.upperBound...]
            }
        }
        return result + rest
    }

    /// The sections of a format code that shows only quoted text (`"TRUE";"TRUE";"FALSE"`), else nil.
    static func literalSections(_ code: String) -> [String]? {
        let sections = code.split(separator: ";", omittingEmptySubsequences: false)
        let texts = sections.compactMap { section -> String? in
            guard section.count >= 2, section.first == "\"", section.last == "\"" else { return nil }
            let inner = section.dropFirst().dropLast()
            return inner.contains("\"") ? nil : String(inner)
        }
        return texts.count == sections.count && !texts.isEmpty ? texts : nil
    }

    /// Whether number format `id` (built-in, or custom with `code`) shows a date or time.
    static func isDateFormat(id: Int, code: String?) -> Bool {
        switch id {
        case 14...22, 27...36, 45...47, 50...58: return true
        default: break
        }
        guard let code else { return false }
        // Letters inside quotes, after a backslash or in brackets ([Red], [$-409]) are literal text or settings.
        var plain = ""
        var quoted = false, bracketed = false, escaped = false
        for character in code {
            if escaped { escaped = false; continue }
            switch character {
            case "\"": quoted.toggle()
            case "\\" where !quoted: escaped = true
            case "[" where !quoted: bracketed = true
            case "]" where !quoted: bracketed = false
            default: if !quoted, !bracketed { plain.append(character) }
            }
        }
        return plain.lowercased().contains { "dyhs".contains($0) }
    }
}

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
        let whole = Int64(serial.rounded(.down))
        // Day 0 is 1899-12-30 in the 1900 system for every serial from 61 on (Lotus 1-2-3 counted a
        // 29 February 1900 that never was, and Excel keeps it), 1904-01-01 in the 1904 system.
        let days = dates1904 ? whole - 24_107 : (whole >= 61 ? whole - 25_569 : whole - 25_568)
        var text = RFC3339.dateString(days: days)
        let seconds = Int64(((serial - Double(whole)) * 86_400).rounded())
        if seconds > 0, seconds < 86_400 {
            let (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60)
            text += " " + [hours, minutes, rest].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
        }
        return text
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

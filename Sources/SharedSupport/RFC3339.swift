/// RFC 3339 timestamps in UTC and calendar dates, as TIXnGO writes them: the one
/// implementation of the civil calendar, shared by the ledger and the simulator.
public enum RFC3339 {
    /// The timestamp of `microseconds` since 1970-01-01T00:00:00Z, with a fraction only
    /// when there is one ("2026-06-20T09:12:31Z", "2026-06-20T09:12:31.25Z").
    public static func string(microseconds: Int64) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(27)
        let seconds = floorDiv(microseconds, 1_000_000)
        let days = floorDiv(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        appendDate(&bytes, days: days)
        bytes.append(UInt8(ascii: "T"))
        appendDigits(&bytes, secondOfDay / 3600, width: 2)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(&bytes, secondOfDay / 60 % 60, width: 2)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(&bytes, secondOfDay % 60, width: 2)
        var fraction = microseconds - seconds * 1_000_000
        if fraction != 0 {
            var width = 6
            while fraction % 10 == 0 {
                fraction /= 10
                width -= 1
            }
            bytes.append(UInt8(ascii: "."))
            appendDigits(&bytes, fraction, width: width)
        }
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The calendar date (yyyy-MM-dd) of day `days` since 1970-01-01.
    public static func dateString(days: Int64) -> String {
        var bytes = [UInt8]()
        appendDate(&bytes, days: days)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` to microseconds since 1970-01-01T00:00:00Z
    /// (digits past the sixth of the fraction are cut); nil when the text is not RFC 3339.
    public static func microseconds(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        guard b.count >= 20 else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for i in range {
                guard i < b.count, b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                value = value * 10 + Int64(b[i] - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), b[4] == UInt8(ascii: "-"), let month = number(5..<7), b[7] == UInt8(ascii: "-"),
            let day = number(8..<10), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
            let hour = number(11..<13), b[13] == UInt8(ascii: ":"), let minute = number(14..<16),
            b[16] == UInt8(ascii: ":"), let second = number(17..<19)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour <= 23, minute <= 59, second <= 60
        else { return nil }
        var i = 19
        var micros: Int64 = 0
        if b[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                if digits < 6 { micros = micros * 10 + Int64(b[i] - 0x30) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 6) { micros *= 10 }
        }
        guard i < b.count else { return nil }
        var offsetSeconds: Int64 = 0
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            guard let oh = number(i + 1..<i + 3), i + 3 < b.count, b[i + 3] == UInt8(ascii: ":"),
                let om = number(i + 4..<i + 6), oh <= 23, om <= 59
            else { return nil }
            offsetSeconds = (oh * 3600 + om * 60) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        // A leap second (:60) reads as the last second of its minute.
        let seconds = daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offsetSeconds
        return seconds * 1_000_000 + micros
    }

    private static func appendDate(_ bytes: inout [UInt8], days: Int64) {
        let (year, month, day) = civil(fromDays: days)
        appendDigits(&bytes, year, width: 4)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(&bytes, month, width: 2)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(&bytes, day, width: 2)
    }

    private static func appendDigits(_ bytes: inout [UInt8], _ value: Int64, width: Int) {
        var divisor: Int64 = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : (a - b + 1) / b
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's days_from_civil and civil_from_days.
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

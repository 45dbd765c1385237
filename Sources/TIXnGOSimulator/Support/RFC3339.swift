/// Formats RFC 3339 UTC timestamps with whole seconds ("2026-06-20T09:12:31Z") and calendar dates.
enum RFC3339 {
    /// The timestamp of `seconds` since 1970-01-01T00:00:00Z.
    static func string(_ seconds: Int64) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(20)
        let days = floorDiv(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        appendDate(&bytes, days: days)
        bytes.append(UInt8(ascii: "T"))
        appendDigits(&bytes, secondOfDay / 3600, width: 2)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(&bytes, secondOfDay / 60 % 60, width: 2)
        bytes.append(UInt8(ascii: ":"))
        appendDigits(&bytes, secondOfDay % 60, width: 2)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The calendar date (yyyy-MM-dd) of day `days` since 1970-01-01.
    static func dateString(days: Int64) -> String {
        var bytes = [UInt8]()
        appendDate(&bytes, days: days)
        return String(decoding: bytes, as: UTF8.self)
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

    /// Howard Hinnant's civil_from_days.
    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
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

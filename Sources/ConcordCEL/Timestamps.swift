import Foundation

/// A point in time: seconds since the Unix epoch (UTC) plus nanoseconds, restricted to years
/// 0001 through 9999 as in CEL.
public struct CELTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let seconds: Int64
    public let nanos: Int32

    /// 0001-01-01T00:00:00Z
    public static let minSeconds: Int64 = -62_135_596_800
    /// 9999-12-31T23:59:59Z
    public static let maxSeconds: Int64 = 253_402_300_799

    /// Returns `nil` when outside the supported range.
    public init?(seconds: Int64, nanos: Int32 = 0) {
        var s = seconds
        var n = Int64(nanos)
        s += n / 1_000_000_000
        n %= 1_000_000_000
        if n < 0 {
            n += 1_000_000_000
            s -= 1
        }
        guard s >= CELTimestamp.minSeconds, s <= CELTimestamp.maxSeconds else { return nil }
        self.seconds = s
        self.nanos = Int32(n)
    }

    public static func < (a: CELTimestamp, b: CELTimestamp) -> Bool {
        (a.seconds, a.nanos) < (b.seconds, b.nanos)
    }

    /// Parses an RFC 3339 timestamp such as `2009-02-13T23:31:30Z` or
    /// `2009-02-13T23:31:30.123+02:00`.
    public init?(rfc3339 text: String) {
        let s = Array(text.utf8)
        var i = 0
        func digits(_ n: Int) -> Int64? {
            guard i + n <= s.count else { return nil }
            var v: Int64 = 0
            for k in 0..<n {
                let c = s[i + k]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int64(c - 48)
            }
            i += n
            return v
        }
        func lit(_ c: UInt8...) -> Bool {
            guard i < s.count, c.contains(s[i]) else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), lit(45), let month = digits(2), lit(45), let day = digits(2),
              lit(84, 116, 32), let hour = digits(2), lit(58), let minute = digits(2), lit(58),
              let second = digits(2) else { return nil }
        var nanos: Int64 = 0
        if i < s.count, s[i] == 46 {
            i += 1
            var count = 0
            while i < s.count, s[i] >= 48, s[i] <= 57 {
                if count < 9 { nanos = nanos * 10 + Int64(s[i] - 48) }
                count += 1
                i += 1
            }
            guard count > 0 else { return nil }
            if count < 9 { for _ in count..<9 { nanos *= 10 } }
        }
        var offset: Int64 = 0
        if lit(90, 122) {
            offset = 0
        } else if i < s.count, s[i] == 43 || s[i] == 45 {
            let sign: Int64 = s[i] == 45 ? -1 : 1
            i += 1
            guard let oh = digits(2), lit(58), let om = digits(2), oh < 24, om < 60 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        guard i == s.count, (1...12).contains(month), day >= 1,
              day <= CivilDate.daysInMonth(year: year, month: month), hour < 24, minute < 60, second < 61
        else { return nil }
        let days = CivilDate.daysFromCivil(year: year, month: month, day: day)
        let secs = days * 86400 + hour * 3600 + minute * 60 + second - offset
        self.init(seconds: secs, nanos: Int32(nanos))
    }

    /// RFC 3339 in UTC, with as many fractional digits as needed (like Go's RFC3339Nano).
    public var description: String {
        let days = CELTimestamp.floorDiv(seconds, 86400)
        let rem = seconds - days * 86400
        let c = CivilDate.civilFromDays(days)
        var out = CivilDate.pad(c.year, 4) + "-" + CivilDate.pad(c.month, 2) + "-" + CivilDate.pad(c.day, 2)
        out += "T" + CivilDate.pad(rem / 3600, 2) + ":" + CivilDate.pad(rem % 3600 / 60, 2) + ":" + CivilDate.pad(rem % 60, 2)
        if nanos != 0 {
            var frac = CivilDate.pad(Int64(nanos), 9)
            while frac.hasSuffix("0") { frac.removeLast() }
            out += "." + frac
        }
        return out + "Z"
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// Broken-down local time in the given zone offset (seconds east of UTC).
    func components(offset: Int64) -> (year: Int64, month: Int64, day: Int64, dayOfYear: Int64, weekday: Int64,
                                      hour: Int64, minute: Int64, second: Int64) {
        let local = seconds + offset
        let days = CELTimestamp.floorDiv(local, 86400)
        let rem = local - days * 86400
        let c = CivilDate.civilFromDays(days)
        let jan1 = CivilDate.daysFromCivil(year: c.year, month: 1, day: 1)
        let weekday = ((days % 7) + 7 + 4) % 7 // 1970-01-01 was a Thursday (4)
        return (c.year, c.month, c.day, days - jan1, weekday, rem / 3600, rem % 3600 / 60, rem % 60)
    }

    /// Resolves a time zone argument (`"UTC"`, `"America/Los_Angeles"`, `"+02:00"`, `"-09:30"`,
    /// `"02:00"`) to its offset from UTC at this instant, in seconds.
    func zoneOffset(_ zone: String) -> Int64? {
        let u = Array(zone.utf8)
        if u.count >= 5, u.count <= 6, u.contains(58) {
            var sign: Int64 = 1
            var body = Substring(zone)
            if let f = body.first, f == "+" || f == "-" {
                sign = f == "-" ? -1 : 1
                body = body.dropFirst()
            }
            let parts = body.split(separator: ":")
            if parts.count == 2, let h = Int64(parts[0]), let m = Int64(parts[1]), h < 24, m < 60 {
                return sign * (h * 3600 + m * 60)
            }
            return nil
        }
        guard let tz = TimeZone(identifier: zone) else { return nil }
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        return Int64(tz.secondsFromGMT(for: date))
    }
}

/// A signed span of time with nanosecond precision (about ±292 years, as in CEL's reference
/// implementation).
public struct CELDuration: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static func < (a: CELDuration, b: CELDuration) -> Bool { a.nanoseconds < b.nanoseconds }

    /// Parses a Go-style duration: `"1h2m3.5s"`, `"-1.5h"`, `"300ms"`, `"10us"`, `"5ns"`, `"0"`.
    public init?(parsing text: String) {
        var s = Substring(text)
        var negative = false
        if let f = s.first, f == "-" || f == "+" {
            negative = f == "-"
            s = s.dropFirst()
        }
        if s == "0" {
            self.nanoseconds = 0
            return
        }
        guard !s.isEmpty else { return nil }
        var total: Double = 0
        var exact: Int64 = 0
        var exactOK = true
        while !s.isEmpty {
            let numEnd = s.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? s.endIndex
            let num = s[s.startIndex..<numEnd]
            guard !num.isEmpty, num != "." else { return nil }
            s = s[numEnd...]
            let unitEnd = s.firstIndex { $0.isASCII && ($0.isNumber || $0 == ".") } ?? s.endIndex
            let unit = s[s.startIndex..<unitEnd]
            s = s[unitEnd...]
            let scale: Int64
            switch unit {
            case "ns": scale = 1
            case "us", "µs", "μs": scale = 1_000
            case "ms": scale = 1_000_000
            case "s": scale = 1_000_000_000
            case "m": scale = 60_000_000_000
            case "h": scale = 3_600_000_000_000
            default: return nil
            }
            guard let value = Double(num) else { return nil }
            total += value * Double(scale)
            if let intPart = Int64(num) {
                let (m, o1) = intPart.multipliedReportingOverflow(by: scale)
                let (sum, o2) = exact.addingReportingOverflow(m)
                if o1 || o2 { exactOK = false } else { exact = sum }
            } else {
                let parts = num.split(separator: ".", omittingEmptySubsequences: false)
                guard parts.count == 2 else { return nil }
                let ip = parts[0].isEmpty ? 0 : Int64(parts[0])
                guard let ip else { return nil }
                var frac: Int64 = 0
                var fracScale: Int64 = 1
                for ch in parts[1] {
                    guard let d = ch.wholeNumberValue else { return nil }
                    if fracScale < 1_000_000_000_000_000 {
                        frac = frac * 10 + Int64(d)
                        fracScale *= 10
                    }
                }
                let (m, o1) = ip.multipliedReportingOverflow(by: scale)
                let fracNanos = Int64((Double(frac) / Double(fracScale) * Double(scale)).rounded(.down))
                let (sum, o2) = exact.addingReportingOverflow(m)
                let (sum2, o3) = sum.addingReportingOverflow(fracNanos)
                if o1 || o2 || o3 { exactOK = false } else { exact = sum2 }
            }
        }
        guard exactOK, total.magnitude < 9.3e18 else { return nil }
        self.nanoseconds = negative ? -exact : exact
    }

    /// Seconds with a fractional part when needed, e.g. `"6347s"`, `"1.5s"`, `"-0.000000001s"`.
    public var description: String {
        let secs = nanoseconds / 1_000_000_000
        let frac = (nanoseconds % 1_000_000_000).magnitude
        var out = (nanoseconds < 0 && secs == 0 ? "-" : "") + String(secs)
        if frac != 0 {
            var f = CivilDate.pad(Int64(frac), 9)
            while f.hasSuffix("0") { f.removeLast() }
            out += "." + f
        }
        return out + "s"
    }
}

/// Proleptic Gregorian calendar arithmetic (Howard Hinnant's algorithms).
enum CivilDate {
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    static func isLeap(_ y: Int64) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(v.magnitude)
        let padded = s.count < width ? String(repeating: "0", count: width - s.count) + s : s
        return v < 0 ? "-" + padded : padded
    }
}

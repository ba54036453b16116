// CalendarDate -- the value behind the CEL domain function `date(s)`.
//
// A calendar date of year, month or day precision ("2023", "2023-11",
// "2023-11-30") in the proleptic Gregorian calendar, years 1...9999. A date of
// coarser precision denotes an interval of days: "2023" is 2023-01-01...2023-12-31,
// "2023-11" is 2023-11-01...2023-11-30, "2023-11-30" is that single day.
//
// Ordering is interval logic (see `lessThan` and friends): a comparison is
// `false` only when the opposite order is *certain*, so that a rule such as
// `start <= end` fails only when the data are certainly wrong. See
// docs/domain-functions.md for the table of cases.

/// Why a string is not a valid `date()` literal.
public struct CalendarDateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The string that was rejected.
    public let input: String
    /// What is wrong with it (one short clause, no trailing period).
    public let reason: String

    public init(input: String, reason: String) {
        self.input = input
        self.reason = reason
    }

    public var description: String {
        "invalid date \"\(input)\": \(reason)"
    }
}

/// A calendar date of year, month or day precision, denoting an interval of days.
///
/// Equality (`==`, `Hashable`) is *structural*: same precision and same fields.
/// Two dates of different precision are never equal, even if one lies inside the
/// other. Ordering is deliberately not `Comparable`; use the interval functions
/// `lessThan`, `lessOrEqual`, `greaterThan`, `greaterOrEqual`, `compare`.
public struct CalendarDate: Hashable, Sendable, CustomStringConvertible {

    /// How much of the date is known.
    public enum Precision: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible {
        case year, month, day

        public var description: String {
            switch self {
            case .year: return "year"
            case .month: return "month"
            case .day: return "day"
            }
        }
    }

    /// One day of the proleptic Gregorian calendar (always fully specified).
    public struct Day: Hashable, Sendable, Comparable, CustomStringConvertible {
        public let year: Int
        public let month: Int
        public let day: Int

        /// Days since 1970-01-01 (negative before it), as CEL timestamps count them.
        public var epochDay: Int {
            CalendarDate.epochDay(year: year, month: month, day: day)
        }

        public static func < (lhs: Day, rhs: Day) -> Bool {
            (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
        }

        /// `YYYY-MM-DD`.
        public var description: String {
            CalendarDate.pad(year, 4) + "-" + CalendarDate.pad(month, 2) + "-" + CalendarDate.pad(day, 2)
        }
    }

    /// The relation of two date intervals.
    public enum IntervalRelation: Hashable, Sendable {
        /// Every day of the left date is before every day of the right one.
        case certainlyBefore
        /// Every day of the left date is after every day of the right one.
        case certainlyAfter
        /// Same precision and same value (hence the same interval).
        case equal
        /// The intervals overlap but differ, so the order of the underlying days is
        /// unknown. Only happens with different precisions (one interval inside the
        /// other): two dates of the same precision are equal or disjoint.
        case overlapping
    }

    public static let minYear = 1
    public static let maxYear = 9999

    /// The year, 1...9999.
    public let year: Int
    /// The month 1...12, or nil for year precision.
    public let month: Int?
    /// The day of the month, or nil for year or month precision.
    public let day: Int?

    // MARK: - Construction

    /// A validated date. `day` requires `month`. Throws when a field is out of range
    /// (year 1...9999, month 1...12, day within the month, leap years respected).
    public init(year: Int, month: Int? = nil, day: Int? = nil) throws(CalendarDateError) {
        // Rendered only on failure: dates are parsed on hot paths.
        var shown: String { CalendarDate.render(year: year, month: month, day: day) }
        guard (CalendarDate.minYear...CalendarDate.maxYear).contains(year) else {
            throw CalendarDateError(input: shown, reason: "year must be between 0001 and 9999")
        }
        if let month {
            guard (1...12).contains(month) else {
                throw CalendarDateError(input: shown, reason: "month must be between 01 and 12")
            }
            if let day {
                let last = CalendarDate.daysInMonth(year: year, month: month)
                guard (1...last).contains(day) else {
                    throw CalendarDateError(
                        input: shown,
                        reason: "day must be between 01 and \(last) in \(CalendarDate.pad(year, 4))-\(CalendarDate.pad(month, 2))")
                }
            }
        } else if day != nil {
            throw CalendarDateError(input: shown, reason: "a day needs a month")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (ASCII digits, zero-padded,
    /// nothing before or after: no sign, no spaces, no time part).
    public init(parsing text: String) throws(CalendarDateError) {
        func fail(_ reason: String) -> CalendarDateError {
            CalendarDateError(input: text, reason: reason)
        }
        let expected = "expected YYYY, YYYY-MM or YYYY-MM-DD"
        switch text.utf8.count {
        case 4, 7, 10:
            break
        default:
            throw fail(expected)
        }
        // The bytes are read where the string keeps them (rules parse a date per record and
        // per check: an array for each cost more than the parse).
        let read = text.utf8.withContiguousStorageIfAvailable(Self.fields(of:))
            ?? Array(text.utf8).withUnsafeBufferPointer(Self.fields(of:))
        guard let (y, m, d) = read else { throw fail(expected) }
        do {
            try self.init(year: y, month: m, day: d)
        } catch {
            throw fail(error.reason)
        }
    }

    /// The year, month and day of `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (4, 7 or 10 bytes); nil
    /// when a digit or a dash is not where it belongs.
    private static func fields(of bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int?, Int?)? {
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let b = bytes[i]
                guard b >= 0x30 && b <= 0x39 else { return nil }
                value = value * 10 + Int(b - 0x30)
            }
            return value
        }
        guard bytes.count >= 4, let y = number(0..<4) else { return nil }
        var m: Int?
        var d: Int?
        if bytes.count >= 7 {
            guard bytes[4] == 0x2D, let mm = number(5..<7) else { return nil }
            m = mm
        }
        if bytes.count == 10 {
            guard bytes[7] == 0x2D, let dd = number(8..<10) else { return nil }
            d = dd
        }
        return (y, m, d)
    }

    /// Like `init(parsing:)`, returning nil instead of throwing.
    public static func parse(_ text: String) -> CalendarDate? {
        try? CalendarDate(parsing: text)
    }

    /// The day-precision date `epochDay` days after 1970-01-01 (e.g. the UTC day of a
    /// CEL timestamp, see `epochDay(fromUnixSeconds:)`); nil outside years 1...9999.
    public init?(epochDay: Int) {
        guard (CalendarDate.minEpochDay...CalendarDate.maxEpochDay).contains(epochDay) else { return nil }
        let (y, m, d) = CalendarDate.civil(fromEpochDay: epochDay)
        self.year = y
        self.month = m
        self.day = d
    }

    // MARK: - Properties

    public var precision: Precision {
        if day != nil { return .day }
        if month != nil { return .month }
        return .year
    }

    /// The first day of the interval.
    public var start: Day {
        Day(year: year, month: month ?? 1, day: day ?? 1)
    }

    /// The last day of the interval.
    public var end: Day {
        let m = month ?? 12
        return Day(year: year, month: m, day: day ?? CalendarDate.daysInMonth(year: year, month: m))
    }

    /// `start` as days since 1970-01-01.
    public var startEpochDay: Int { start.epochDay }
    /// `end` as days since 1970-01-01 (inclusive: the last day of the interval).
    public var endEpochDay: Int { end.epochDay }

    /// Whether the interval contains the given day (days since 1970-01-01).
    public func contains(epochDay: Int) -> Bool {
        startEpochDay <= epochDay && epochDay <= endEpochDay
    }

    /// The input form: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `CalendarDate(parsing:)`
    /// of it gives back an equal value.
    public var description: String {
        CalendarDate.render(year: year, month: month, day: day)
    }

    // MARK: - Interval comparisons (the CEL operators)
    //
    // Rule: an ordering operator is `false` only when the opposite is certain.
    //   a <  b  is false  iff every day of a is >= every day of b  iff a.start >= b.end
    //   a <= b  is false  iff every day of a is >  every day of b  iff a.start >  b.end
    // With day precision on both sides this is ordinary date comparison. Note that
    // with equal *coarse* precision `date("2023") < date("2023")` is true (two days in
    // 2023 may well be in that order) while `date("2023-05-01") < date("2023-05-01")`
    // is false. `!(a < b)` is therefore not the same as `a >= b`.

    /// CEL `a < b`: true unless `a` is certainly not before `b` (`a.start < b.end`).
    ///
    /// `date("2023-10") < date("2023-11-15")` → true; `date("2023-11") < date("2023-11-01")`
    /// → false; `date("2023") < date("2023-05")` → true (possible, not certain).
    public static func lessThan(_ a: CalendarDate, _ b: CalendarDate) -> Bool {
        a.start < b.end
    }

    /// CEL `a <= b`: false only when `a` is certainly after `b` (`a.start <= b.end`).
    ///
    /// `date("2023-11") <= date("2023-11-15")` → true; `date("2023-12") <= date("2023-11-15")`
    /// → false; `date("2023") <= date("2023-01-01")` → true; `date("2024") <= date("2023-12-31")` → false.
    public static func lessOrEqual(_ a: CalendarDate, _ b: CalendarDate) -> Bool {
        a.start <= b.end
    }

    /// CEL `a > b`, defined as `lessThan(b, a)` (`b.start < a.end`).
    public static func greaterThan(_ a: CalendarDate, _ b: CalendarDate) -> Bool {
        lessThan(b, a)
    }

    /// CEL `a >= b`, defined as `lessOrEqual(b, a)` (`b.start <= a.end`).
    public static func greaterOrEqual(_ a: CalendarDate, _ b: CalendarDate) -> Bool {
        lessOrEqual(b, a)
    }

    /// CEL `a == b`: same precision and same value. `date("2023-11") == date("2023-11-15")`
    /// is false (use `mayEqual` for "could be the same day").
    public static func equal(_ a: CalendarDate, _ b: CalendarDate) -> Bool {
        a == b
    }

    /// CEL `a != b`: the negation of `equal`.
    public static func notEqual(_ a: CalendarDate, _ b: CalendarDate) -> Bool {
        a != b
    }

    /// Every day of `self` is before every day of `other` (`self.end < other.start`).
    public func isCertainlyBefore(_ other: CalendarDate) -> Bool {
        end < other.start
    }

    /// Every day of `self` is after every day of `other` (`self.start > other.end`).
    public func isCertainlyAfter(_ other: CalendarDate) -> Bool {
        other.end < start
    }

    /// The intervals share at least one day, so both could denote the same day.
    public func mayEqual(_ other: CalendarDate) -> Bool {
        !isCertainlyBefore(other) && !isCertainlyAfter(other)
    }

    /// The relation of the two intervals. Two dates of the same precision are
    /// either equal or certainly ordered; `.overlapping` needs different precisions
    /// (one interval inside the other).
    public static func compare(_ a: CalendarDate, _ b: CalendarDate) -> IntervalRelation {
        if a == b { return .equal }
        if a.isCertainlyBefore(b) { return .certainlyBefore }
        if a.isCertainlyAfter(b) { return .certainlyAfter }
        return .overlapping
    }

    /// A total order for sorting (`sort`, `isSorted`): by start day, then the
    /// coarser precision first ("2023" < "2023-01" < "2023-01-01" < "2023-01-02").
    /// Not the CEL operator semantics.
    public static func sortsBefore(_ a: CalendarDate, _ b: CalendarDate) -> Bool {
        if a.start != b.start { return a.start < b.start }
        return a.precision.rawValue < b.precision.rawValue
    }

    // MARK: - Calendar arithmetic

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Days in `month` (1...12) of `year`; 0 for an invalid month.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return 0
        }
    }

    /// The UTC day (days since 1970-01-01) containing a Unix time in seconds, as for a
    /// CEL timestamp; floors, so -1 s is day -1.
    public static func epochDay(fromUnixSeconds seconds: Int64) -> Int {
        let (q, r) = seconds.quotientAndRemainder(dividingBy: 86_400)
        return Int(r < 0 ? q - 1 : q)
    }

    /// Epoch day of 0001-01-01.
    public static let minEpochDay = -719_162
    /// Epoch day of 9999-12-31.
    public static let maxEpochDay = 2_932_896

    /// Days since 1970-01-01 of a (valid) civil date (`CivilDate`, shared with timestamps).
    static func epochDay(year: Int, month: Int, day: Int) -> Int {
        Int(CivilDate.daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day)))
    }

    /// The inverse of `epochDay(year:month:day:)`.
    static func civil(fromEpochDay days: Int) -> (Int, Int, Int) {
        let c = CivilDate.civilFromDays(Int64(days))
        return (Int(c.year), Int(c.month), Int(c.day))
    }

    // MARK: - Formatting

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    static func render(year: Int, month: Int?, day: Int?) -> String {
        var s = pad(year, 4)
        if let month { s += "-" + pad(month, 2) } else if day != nil { s += "-??" }
        if let day { s += "-" + pad(day, 2) }
        return s
    }
}

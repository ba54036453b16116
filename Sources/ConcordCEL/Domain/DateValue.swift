/// A `CalendarDate` as a CEL value (`date("2023-11")`), with interval comparisons: `<`, `<=`,
/// `>`, `>=` are false only when the opposite order is certain, so a rule fails only when the
/// order is certainly wrong; `==` needs the same precision and value.
public final class DateValue: OpaqueValue, Hashable {
    public let date: CalendarDate

    public init(_ date: CalendarDate) { self.date = date }

    public static func == (a: DateValue, b: DateValue) -> Bool { a.date == b.date }
    public func hash(into hasher: inout Hasher) { hasher.combine(date) }

    public static let type = CELType(name: "date")
    public var celType: CELType { Self.type }
    public var description: String { date.description }
    public var jsonValue: JSONValue { .string(date.description) }

    public func isEqual(to other: Value) -> Bool? {
        guard case .opaque(let o) = other, let d = o as? DateValue else { return false }
        return CalendarDate.equal(date, d.date)
    }

    public func relation(_ op: BinaryOperator, to other: Value) -> Value? {
        guard case .opaque(let o) = other, let d = o as? DateValue else {
            return .error(CELError("no such overload: cannot order 'date' and '\(other.celType)'; convert with date()"))
        }
        switch op {
        case .less: return .bool(CalendarDate.lessThan(date, d.date))
        case .lessEqual: return .bool(CalendarDate.lessOrEqual(date, d.date))
        case .greater: return .bool(CalendarDate.greaterThan(date, d.date))
        case .greaterEqual: return .bool(CalendarDate.greaterOrEqual(date, d.date))
        default: return nil
        }
    }

    public func compare(to other: Value) -> ComparisonResultCEL? {
        guard case .opaque(let o) = other, let d = o as? DateValue else { return nil }
        switch CalendarDate.compare(date, d.date) {
        case .certainlyBefore: return .orderedAscending
        case .certainlyAfter: return .orderedDescending
        case .equal: return .orderedSame
        case .overlapping: return nil
        }
    }

    public func field(_ name: String) -> Value? {
        switch name {
        case "year": return .int(Int64(date.year))
        case "month": return date.month.map { .int(Int64($0)) } ?? .null
        case "day": return date.day.map { .int(Int64($0)) } ?? .null
        case "precision":
            switch date.precision {
            case .year: return .string("year")
            case .month: return .string("month")
            case .day: return .string("day")
            }
        default: return nil
        }
    }
}

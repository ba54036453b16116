/// A CEL optional (cel-go's `optional_type`): a value that may be absent.
///
/// Optionals are opaque values (`Value.opaque`), so values of other types pay nothing for them.
/// Selecting a field of an optional, or indexing one, gives an optional: `optional.none()` when
/// the optional is empty or the field, key or index is absent.
public final class OptionalValue: OpaqueValue {
    /// The value held, or `nil` for `optional.none()`.
    public let wrapped: Value?

    public init(_ wrapped: Value?) { self.wrapped = wrapped }

    public static let type = CELType(name: "optional_type")
    /// `optional.none()`.
    public static let none = Value.opaque(OptionalValue(nil))
    /// `optional.of(v)`.
    public static func of(_ v: Value) -> Value { .opaque(OptionalValue(v)) }

    public var celType: CELType { Self.type }

    public var description: String {
        wrapped.map { "optional.of(\($0))" } ?? "optional.none()"
    }

    /// The value held as JSON, `null` when empty.
    public var jsonValue: JSONValue {
        switch wrapped {
        case .some(let v): return v.plainJSON
        case .none: return .null
        }
    }

    /// Two optionals are equal when both are empty or both hold equal values.
    public func isEqual(to other: Value) -> Bool? {
        guard case .opaque(let o) = other, let b = o as? OptionalValue else { return false }
        switch (wrapped, b.wrapped) {
        case (nil, nil): return true
        case (let x?, let y?): return x.celEquals(y)
        default: return false
        }
    }
}

extension Value {
    /// The optional this value is, when it is one.
    var asOptional: OptionalValue? {
        if case .opaque(let o) = self { return o as? OptionalValue }
        return nil
    }

    /// Whether the value is the zero value of its type (`optional.ofNonZeroValue`).
    var isZeroValue: Bool {
        switch self {
        case .null: return true
        case .bool(let b): return !b
        case .int(let x): return x == 0
        case .uint(let x): return x == 0
        case .double(let d): return d == 0
        case .string(let s): return s.isEmpty
        case .bytes(let b): return b.isEmpty
        case .list(let l): return l.count == 0
        case .map(let m): return m.count == 0
        case .duration(let d): return d.nanoseconds == 0
        case .timestamp(let t): return t.seconds == 0 && t.nanos == 0
        case .opaque(let o): return (o as? OptionalValue).map { $0.wrapped == nil } ?? false
        default: return false
        }
    }
}

extension Operators {
    /// `x.?f`: the field as an optional (`optional.none()` when absent); on an optional, the
    /// same applied to the value it holds.
    static func optionalSelect(_ base: Value, _ field: String) -> Value {
        switch base {
        case .error: return base
        case .map(let m): return m[field].map(OptionalValue.of) ?? OptionalValue.none
        case .opaque(let o):
            if let opt = o as? OptionalValue {
                guard let inner = opt.wrapped else { return base }
                return optionalSelect(inner, field)
            }
            return o.field(field).map(OptionalValue.of) ?? OptionalValue.none
        default:
            return .error("type '\(base.celType)' does not support field selection")
        }
    }

    /// `x[?i]`: the element or entry as an optional (`optional.none()` when absent); on an
    /// optional, the same applied to the value it holds.
    static func optionalIndex(_ base: Value, _ i: Value) -> Value {
        switch base {
        case .error: return base
        case .list(let l):
            let idx: Int64?
            switch i {
            case .int(let x): idx = x
            case .uint(let x): idx = Int64(exactly: x)
            case .double(let d): idx = Int64(exactly: d)
            default: return .error(.noOverload("_[?_]", [base, i]))
            }
            guard let idx, idx >= 0, idx < Int64(l.count) else { return OptionalValue.none }
            return OptionalValue.of(l[Int(idx)])
        case .map(let m):
            return m.lookup(i).map(OptionalValue.of) ?? OptionalValue.none
        case .opaque(let o):
            if let opt = o as? OptionalValue {
                guard let inner = opt.wrapped else { return base }
                return optionalIndex(inner, i)
            }
            return .error(.noOverload("_[?_]", [base, i]))
        default:
            return .error(.noOverload("_[?_]", [base, i]))
        }
    }
}

/// A runtime value of the expression language.
///
/// Errors are values too (`.error`), so that `&&`, `||` and `?:` can absorb them as CEL requires.
public enum Value: Sendable {
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case bool(Bool)
    case null
    case list(ListValue)
    case map(MapValue)
    /// A type value, as returned by `type(x)` or written `int`, `string`, ...
    case type(CELType)
    case timestamp(CELTimestamp)
    case duration(CELDuration)
    case error(CELError)
    /// A value of a type defined by the embedder (for instance a partial calendar date).
    case opaque(any OpaqueValue)

    /// Shorthand for an error value.
    public static func error(_ message: String) -> Value { .error(CELError(message)) }

    /// The CEL type of the value.
    public var celType: CELType {
        switch self {
        case .int: return .int
        case .uint: return .uint
        case .double: return .double
        case .string: return .string
        case .bytes: return .bytes
        case .bool: return .bool
        case .null: return .nullType
        case .list: return .list
        case .map: return .map
        case .type: return .type
        case .timestamp: return .timestamp
        case .duration: return .duration
        case .error: return .error
        case .opaque(let o): return o.celType
        }
    }

    /// `true` when the value is an error.
    public var isError: Bool {
        if case .error = self { return true }
        return false
    }

    /// Convenience: builds a list value from Swift values (no origins).
    public static func list(_ elements: [Value]) -> Value { .list(ListValue(elements)) }
}

/// A value of an embedder-defined type (e.g. a partial date). Implement equality and, if the
/// type is ordered, `compare`, to take part in `==`, `!=`, `<`, `<=`, `>`, `>=`.
///
/// Opaque values are objects (an immutable final class suits), so that a `Value` holding one
/// is copied by retaining it.
public protocol OpaqueValue: AnyObject, Sendable, CustomStringConvertible {
    /// The CEL type of the value, e.g. `CELType(name: "date")`.
    var celType: CELType { get }
    /// Equality with another value (any type). Return `nil` when not comparable (yields `false`).
    func isEqual(to other: Value) -> Bool?
    /// Ordering against another value: `.orderedAscending` when `self < other`, and so on.
    /// Return `nil` when the order is not certain or not defined; the comparison then evaluates
    /// to an error value (or, for domain types with interval logic, the embedder may register
    /// its own functions instead). The default returns `nil`.
    func compare(to other: Value) -> ComparisonResultCEL?
    /// The tagged-JSON form (see `Value.taggedJSON`). Default: `{"opaque": description}`.
    var jsonValue: JSONValue { get }
    /// Field selection `x.name` on the value; `nil` when there is no such field (the default).
    func field(_ name: String) -> Value?
    /// The result of `self OP other` for `<`, `<=`, `>`, `>=`, for types whose ordering is not a
    /// total order (a partial date is an interval). `nil` (the default) falls back to `compare`.
    func relation(_ op: BinaryOperator, to other: Value) -> Value?
}

extension OpaqueValue {
    public func compare(to other: Value) -> ComparisonResultCEL? { nil }
    public var jsonValue: JSONValue { .string(description) }
    public func field(_ name: String) -> Value? { nil }
    public func relation(_ op: BinaryOperator, to other: Value) -> Value? { nil }
}

/// The result of an ordering comparison.
public enum ComparisonResultCEL: Sendable {
    case orderedAscending, orderedSame, orderedDescending
}

/// A CEL type, identified by name (`int`, `uint`, `double`, `bool`, `string`, `bytes`, `list`,
/// `map`, `null_type`, `type`, `google.protobuf.Timestamp`, `google.protobuf.Duration`, or an
/// embedder-defined name).
public struct CELType: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public init(name: String) { self.name = name }
    public var description: String { name }

    public static let int = CELType(name: "int")
    public static let uint = CELType(name: "uint")
    public static let double = CELType(name: "double")
    public static let bool = CELType(name: "bool")
    public static let string = CELType(name: "string")
    public static let bytes = CELType(name: "bytes")
    public static let list = CELType(name: "list")
    public static let map = CELType(name: "map")
    public static let nullType = CELType(name: "null_type")
    public static let type = CELType(name: "type")
    public static let timestamp = CELType(name: "google.protobuf.Timestamp")
    public static let duration = CELType(name: "google.protobuf.Duration")
    public static let error = CELType(name: "error")

    /// The type names that are valid identifiers in expressions (`int`, `string`, ...).
    static let denotable: [String: CELType] = [
        "int": .int, "uint": .uint, "double": .double, "bool": .bool, "string": .string,
        "bytes": .bytes, "list": .list, "map": .map, "null_type": .nullType, "type": .type,
        "google.protobuf.Timestamp": .timestamp, "google.protobuf.Duration": .duration,
        "optional_type": OptionalValue.type,
    ]
}

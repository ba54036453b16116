import ConcordSupport

/// A minimal JSON document model used for the tagged and plain JSON forms of values.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    /// Object members in order.
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.uint(let x), .uint(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The member `key` of an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }

    /// Compact JSON text.
    public var text: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .double(let d):
            if d.isNaN || d.isInfinite { return "null" }
            if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) + ".0" }
            return "\(d)"
        case .string(let s): return JSONText.quoted(s)
        case .array(let a): return "[" + a.map(\.text).joined(separator: ",") + "]"
        case .object(let m): return "{" + m.map { JSONText.quoted($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        }
    }

    /// Parses JSON text. Integers that fit are `.int` (or `.uint`), other numbers `.double`.
    public static func parse(_ text: String) throws(CELError) -> JSONValue {
        try parse(bytes: Array(text.utf8))
    }

    /// Parses JSON text given as UTF-8 bytes. Errors carry the byte offset.
    public static func parse(bytes: [UInt8]) throws(CELError) -> JSONValue {
        var reader = JSONReader(bytes)
        do throws(JSONReader.Failure) {
            let v = try value(&reader, depth: 0)
            guard reader.atEnd() else { throw reader.failure("trailing characters") }
            return v
        } catch {
            throw CELError("JSON: \(error.message)", offset: error.offset)
        }
    }

    private static func value(_ r: inout JSONReader, depth: Int) throws(JSONReader.Failure) -> JSONValue {
        guard depth < 512 else { throw r.failure("nested too deeply") }
        switch r.peek() {
        case nil:
            throw r.failure("unexpected end")
        case UInt8(ascii: "{"):
            try r.expect(UInt8(ascii: "{"), "expected '{'")
            var members: [(String, JSONValue)] = []
            while try r.nextMember(first: members.isEmpty, close: UInt8(ascii: "}")) {
                guard r.peek() == UInt8(ascii: "\"") else { throw r.failure("expected key") }
                let key = try r.string()
                try r.expect(UInt8(ascii: ":"), "expected ':'")
                members.append((key, try value(&r, depth: depth + 1)))
            }
            return .object(members)
        case UInt8(ascii: "["):
            try r.expect(UInt8(ascii: "["), "expected '['")
            var items: [JSONValue] = []
            while try r.nextMember(first: items.isEmpty, close: UInt8(ascii: "]")) {
                items.append(try value(&r, depth: depth + 1))
            }
            return .array(items)
        case UInt8(ascii: "\""):
            return .string(try r.string())
        case UInt8(ascii: "t"):
            try r.literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try r.literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try r.literal("null")
            return .null
        default:
            let text = r.numberText()
            if let v = Int64(text) { return .int(v) }
            if let v = UInt64(text) { return .uint(v) }
            if let d = Double(text) { return .double(d) }
            throw r.failure("bad number")
        }
    }
}

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
        var p = JSONParser(Array(text.utf8))
        p.skip()
        let v = try p.value(depth: 0)
        p.skip()
        guard p.i == p.s.count else { throw CELError("JSON: trailing characters", offset: p.i) }
        return v
    }
}

private struct JSONParser {
    let s: [UInt8]
    var i = 0
    init(_ s: [UInt8]) { self.s = s }

    mutating func skip() {
        while i < s.count, s[i] == 32 || s[i] == 9 || s[i] == 10 || s[i] == 13 { i += 1 }
    }

    func fail(_ m: String) -> CELError { CELError("JSON: \(m)", offset: i) }

    mutating func value(depth: Int) throws(CELError) -> JSONValue {
        guard depth < 512 else { throw fail("nested too deeply") }
        guard i < s.count else { throw fail("unexpected end") }
        switch s[i] {
        case UInt8(ascii: "{"):
            i += 1
            var members: [(String, JSONValue)] = []
            skip()
            if i < s.count, s[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
            while true {
                skip()
                guard case .string(let k) = try value(depth: depth + 1) else { throw fail("expected key") }
                skip()
                guard i < s.count, s[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                i += 1
                skip()
                members.append((k, try value(depth: depth + 1)))
                skip()
                guard i < s.count else { throw fail("unexpected end") }
                if s[i] == UInt8(ascii: ",") { i += 1; continue }
                if s[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
                throw fail("expected ',' or '}'")
            }
        case UInt8(ascii: "["):
            i += 1
            var items: [JSONValue] = []
            skip()
            if i < s.count, s[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                skip()
                items.append(try value(depth: depth + 1))
                skip()
                guard i < s.count else { throw fail("unexpected end") }
                if s[i] == UInt8(ascii: ",") { i += 1; continue }
                if s[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                throw fail("expected ',' or ']'")
            }
        case UInt8(ascii: "\""):
            i += 1
            var scalars = String.UnicodeScalarView()
            var bytes: [UInt8] = []
            func flush() {
                if !bytes.isEmpty {
                    scalars.append(contentsOf: String(decoding: bytes, as: UTF8.self).unicodeScalars)
                    bytes.removeAll()
                }
            }
            while true {
                guard i < s.count else { throw fail("unterminated string") }
                let c = s[i]
                i += 1
                if c == UInt8(ascii: "\"") { break }
                if c != UInt8(ascii: "\\") { bytes.append(c); continue }
                flush()
                guard i < s.count else { throw fail("unterminated string") }
                let e = s[i]
                i += 1
                switch e {
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "u"):
                    var v = try hex4()
                    if v >= 0xD800 && v < 0xDC00, i + 1 < s.count, s[i] == UInt8(ascii: "\\"), s[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let lo = try hex4()
                        guard lo >= 0xDC00 && lo < 0xE000 else { throw fail("bad surrogate pair") }
                        v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00)
                    }
                    scalars.append(Unicode.Scalar(v) ?? "\u{FFFD}")
                default: scalars.append(Unicode.Scalar(e))
                }
            }
            flush()
            return .string(String(scalars))
        case UInt8(ascii: "t"):
            guard s[i...].starts(with: Array("true".utf8)) else { throw fail("bad literal") }
            i += 4
            return .bool(true)
        case UInt8(ascii: "f"):
            guard s[i...].starts(with: Array("false".utf8)) else { throw fail("bad literal") }
            i += 5
            return .bool(false)
        case UInt8(ascii: "n"):
            guard s[i...].starts(with: Array("null".utf8)) else { throw fail("bad literal") }
            i += 4
            return .null
        default:
            let start = i
            while i < s.count, let c = Optional(s[i]),
                  (c >= 48 && c <= 57) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
                  || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { i += 1 }
            let text = String(decoding: s[start..<i], as: UTF8.self)
            if let v = Int64(text) { return .int(v) }
            if let v = UInt64(text) { return .uint(v) }
            if let d = Double(text) { return .double(d) }
            throw fail("bad number")
        }
    }

    mutating func hex4() throws(CELError) -> UInt32 {
        guard i + 4 <= s.count, let v = UInt32(String(decoding: s[i..<i + 4], as: UTF8.self), radix: 16) else {
            throw fail("bad \\u escape")
        }
        i += 4
        return v
    }
}
